import Testing
@testable import MIMEParser

@Suite struct PlaceholderTests {
    @Test func headerLookupIsCaseInsensitive() {
        let header = MIMEHeader(fields: [HeaderField(name: "Subject", value: "x")])
        #expect(header["subject"] == "x")
    }
}

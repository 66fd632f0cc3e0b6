import Testing
@testable import MIMEParser

@Suite("MIMEStreamParser")
struct StreamParserTests {
    @Test(arguments: Fixture.names) func everySplitGivesTheSameMessage(_ name: String) throws {
        let bytes = try Fixture.bytes(name)
        let expected = MIMEMessage(parsing: bytes).canonicalDescription

        var whole = MIMEStreamParser()
        whole.feed(bytes)
        #expect(whole.finish().canonicalDescription == expected)

        for cut in 0...bytes.count {
            var p = MIMEStreamParser()
            p.feed(bytes[..<cut])
            p.feed(bytes[cut...])
            let got = p.finish().canonicalDescription
            #expect(got == expected, "split at \(cut)")
            if got != expected { break }
        }

        var single = MIMEStreamParser()
        for b in bytes { single.feed(CollectionOfOne(b)) }
        #expect(single.finish().canonicalDescription == expected)
    }

    @Test func needMoreBytesUntilTheHeaderEnds() {
        var p = MIMEStreamParser()
        #expect(p.feed(Array("Subject: hi\r\nFrom: a@exa".utf8)) == .needMoreBytes)
        #expect(p.header == nil)
        #expect(p.feed(Array("mple.org\r".utf8)) == .needMoreBytes)
        #expect(p.feed(Array("\n\r".utf8)) == .needMoreBytes)
        #expect(p.feed(Array("\nbody".utf8)) == .readingBody(headerBytes: 36))
        #expect(p.header?["from"] == "a@example.org")
        let m = p.finish()
        #expect(m.subject == "hi")
        #expect(Array(m.root.rawBody) == Array("body".utf8))
    }

    @Test func finishWithNothingFedIsAnEmptyMessage() {
        var p = MIMEStreamParser()
        let m = p.finish()
        #expect(m.bytes.isEmpty)
        #expect(m.leaves.count == 1)
    }
}

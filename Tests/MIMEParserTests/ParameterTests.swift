import Testing
@testable import MIMEParser

@Suite("RFC 2045/2183/2231 parameters")
struct ParameterTests {
    struct Case: CustomStringConvertible, Sendable {
        let description: String
        let raw: String
        let value: String
        let parameters: [String: String]
    }

    static let cases: [Case] = [
        Case(description: "token and quoted values", raw: "text/plain; charset=UTF-8; format=\"flowed\"", value: "text/plain", parameters: ["charset": "UTF-8", "format": "flowed"]),
        Case(description: "names are case-insensitive", raw: "Multipart/Mixed; BOUNDARY=abc", value: "multipart/mixed", parameters: ["boundary": "abc"]),
        Case(description: "quoted pair", raw: "a/b; x=\"q\\\"t\"", value: "a/b", parameters: ["x": "q\"t"]),
        Case(description: "whitespace around equals, missing semicolon", raw: "a/b; x = 1 y=2", value: "a/b", parameters: ["x": "1 y=2"]),
        Case(description: "unquoted value with spaces runs to the semicolon", raw: "attachment; filename=my scan.pdf; size=3", value: "attachment", parameters: ["filename": "my scan.pdf", "size": "3"]),
        Case(description: "RFC 2231 charset and language", raw: "attachment; filename*=iso-8859-1'fr'r%E9sum%E9.pdf", value: "attachment", parameters: ["filename": "résumé.pdf"]),
        Case(description: "RFC 2231 continuations, mixed", raw: "attachment; filename*0*=UTF-8''%C3%A9t; filename*1=\"e .pdf\"", value: "attachment", parameters: ["filename": "éte .pdf"]),
        Case(description: "RFC 2231 continuations out of order", raw: "a/b; name*1=\"def\"; name*0=\"abc\"", value: "a/b", parameters: ["name": "abcdef"]),
        Case(description: "multibyte split across continuations", raw: "a/b; name*0*=utf-8''%E2%82; name*1*=%AC", value: "a/b", parameters: ["name": "€"]),
        Case(description: "RFC 2047 inside a quoted value", raw: "attachment; filename=\"=?UTF-8?B?w6ljaG8uanBn?=\"", value: "attachment", parameters: ["filename": "écho.jpg"]),
        Case(description: "raw UTF-8 value", raw: "attachment; filename=\"Bericht für Ärztin.pdf\"", value: "attachment", parameters: ["filename": "Bericht für Ärztin.pdf"]),
        Case(description: "comment after type", raw: "text/plain (comment); charset=us-ascii", value: "text/plain", parameters: ["charset": "us-ascii"]),
        Case(description: "first duplicate wins", raw: "a/b; x=1; x=2", value: "a/b", parameters: ["x": "1"]),
        Case(description: "unterminated quote", raw: "a/b; x=\"abc", value: "a/b", parameters: ["x": "abc"]),
    ]

    @Test(arguments: cases) func parsesParameters(_ c: Case) {
        let p = ParameterParser.parse(c.raw)
        #expect(p.value == c.value)
        #expect(p.parameters == c.parameters)
    }

    @Test func partFilenamePrefersDispositionThenName() {
        let m = crlfMessage(
            "Content-Type: multipart/mixed; boundary=b", "",
            "--b", "Content-Type: application/pdf; name=a.pdf", "Content-Disposition: attachment; filename=b.pdf", "", "x",
            "--b", "Content-Type: application/pdf; name=c.pdf", "", "y",
            "--b", "Content-Type: image/png", "Content-ID: <logo@x>", "Content-Disposition: inline", "", "z",
            "--b--", "")
        let leaves = m.leaves
        #expect(leaves.map(\.filename) == ["b.pdf", "c.pdf", nil])
        #expect(leaves.map(\.isAttachment) == [true, true, false])
        #expect(leaves[2].contentID == "logo@x")
    }

    @Test func dispositionWrittenAsEncodedWordsIsDecodedFirst() {
        // What Python's compat32 policy writes for a non-ASCII file name.
        let m = crlfMessage(
            "Content-Type: application/pdf",
            "Content-Disposition: =?utf-8?b?YXR0YWNobWVudDsgZmlsZW5hbWU9InLDqXN1bcOpIG0=?=",
            " =?utf-8?b?w6lkaWNhbC5wZGYi?=", "", "x")
        #expect(m.root.disposition?.type == "attachment")
        #expect(m.root.filename == "résumé médical.pdf")
        #expect(m.warnings.contains { $0.message.contains("written as RFC 2047 encoded words") })
    }

    @Test func brokenContentTypeDefaultsWithAWarning() {
        let m = crlfMessage("Content-Type: garbage", "", "x")
        #expect(m.root.contentType.mimeType == "text/plain")
        #expect(m.warnings.contains { $0.message.contains("no subtype") })
    }

    @Test(arguments: ["text/page/rfc822; name=forward.eml", "application; name=\"forward.eml\"", "app lication/pdf; name=forward.eml"])
    func aBrokenContentTypeKeepsTheFileName(_ value: String) {
        let m = crlfMessage("Content-Type: \(value)", "", "x")
        #expect(m.root.contentType.mimeType == "text/plain")
        #expect(m.root.filename == "forward.eml")
        #expect(m.warnings.contains { $0.message.contains("assumed") })
    }
}

import Testing
@testable import MIMEParser

@Suite("RFC 5322 header blocks")
struct HeaderParsingTests {
    struct Case: CustomStringConvertible, Sendable {
        let description: String
        let raw: String
        let fields: [String]
        let body: String
    }

    static let cases: [Case] = [
        Case(description: "CRLF fields and body", raw: "A: 1\r\nB: 2\r\n\r\nbody", fields: ["A=1", "B=2"], body: "body"),
        Case(description: "LF-only line ends", raw: "A: 1\nB: 2\n\nbody\n", fields: ["A=1", "B=2"], body: "body\n"),
        Case(description: "folding keeps the whitespace, drops the line break", raw: "Subject: a\r\n  b\r\n\tc\r\n\r\n", fields: ["Subject=a  b\tc"], body: ""),
        Case(description: "obsolete whitespace before the colon", raw: "Subject  : x\r\n\r\n", fields: ["Subject=x"], body: ""),
        Case(description: "empty value", raw: "X-Empty:\r\nY: y\r\n\r\n", fields: ["X-Empty=", "Y=y"], body: ""),
        Case(description: "repeated fields are all kept in order", raw: "Received: 1\r\nReceived: 2\r\n\r\n", fields: ["Received=1", "Received=2"], body: ""),
        Case(description: "no blank line: all header", raw: "A: 1\r\nB: 2", fields: ["A=1", "B=2"], body: ""),
        Case(description: "raw UTF-8 value (RFC 6532)", raw: "Subject: Grüße\r\n\r\n", fields: ["Subject=Grüße"], body: ""),
        Case(description: "a line without a colon starts the body", raw: "A: 1\r\nnot a header\r\nmore\r\n", fields: ["A=1"], body: "not a header\r\nmore\r\n"),
        Case(description: "mbox From_ line skipped", raw: "From a@b Tue Nov 24 09:15:00 2026\nA: 1\n\nx", fields: ["A=1"], body: "x"),
        Case(description: "colon inside the value", raw: "X: a: b: c\r\n\r\n", fields: ["X=a: b: c"], body: ""),
    ]

    @Test(arguments: cases) func parsesHeaderBlock(_ c: Case) {
        let m = MIMEMessage(parsing: Array(c.raw.utf8))
        #expect(m.header.fields.map { "\($0.name)=\($0.value)" } == c.fields)
        #expect(String(decoding: m.root.rawBody, as: UTF8.self) == c.body)
    }

    @Test func lookupIsCaseInsensitive() {
        let m = crlfMessage("sUbJeCt: hello", "", "")
        #expect(m.header["Subject"] == "hello")
        #expect(m.header["SUBJECT"] == "hello")
        #expect(m.subject == "hello")
    }

    @Test func latin1HeaderBytesAreReadWithAWarning() {
        let m = MIMEMessage(parsing: Array("Subject: caf".utf8) + [0xE9] + Array("\r\n\r\n".utf8))
        #expect(m.subject == "café")
        #expect(m.warnings.contains { $0.message.contains("not UTF-8") })
    }

    @Test func headerLimitTurnsTheRestIntoBody() {
        let raw = Array(("A: 1\r\n" + String(repeating: "X-Long: yyyyyyyyyy\r\n", count: 100) + "\r\nbody").utf8)
        let m = MIMEMessage(parsing: raw, limits: MIMELimits(maxHeaderBytes: 200))
        #expect(m.header.fields.count < 20)
        #expect(m.warnings.contains { $0.message.contains("header longer than 200 bytes") })
    }

    @Test func messageIdentifiersAreNormalised() {
        let m = crlfMessage(
            "Message-ID:  <a@b>  (comment)",
            "In-Reply-To: <x@y>",
            "References: <1@h>\r\n <2@h>\r\n\t<3@h>",
            "", "")
        #expect(m.messageID == "<a@b>")
        #expect(m.inReplyTo == ["<x@y>"])
        #expect(m.references == ["<1@h>", "<2@h>", "<3@h>"])
        #expect(crlfMessage("Message-ID: bare@host", "", "").messageID == "<bare@host>")
    }
}

@Suite("Raw 8-bit header bytes")
struct RawHeaderCharsetTests {
    @Test func rawWindows1256SubjectIsReadInTheBodyCharset() {
        // "طلب" in windows-1256, unencoded in the Subject, body labelled windows-1256.
        let raw = Array("Subject: ".utf8) + [0xD8, 0xE1, 0xC8] + Array("\r\nContent-Type: text/plain; charset=windows-1256\r\n\r\nx".utf8)
        let m = MIMEMessage(parsing: raw)
        #expect(m.subject == "طلب")
        #expect(m.root.header["Subject"] == "طلب")
        #expect(m.warnings.map(\.message) == ["header field Subject has raw 8-bit bytes; read as windows-1256, the charset of the text"])
    }

    @Test func withoutABodyCharsetTheFieldStaysLatin1() {
        let raw = Array("Subject: caf".utf8) + [0xE9] + Array("\r\n\r\nx".utf8)
        let m = MIMEMessage(parsing: raw)
        #expect(m.subject == "café")
        #expect(m.warnings.map(\.message) == ["header field Subject has 8-bit bytes that are not UTF-8; read as Latin-1"])
    }

    @Test func rawUTF8NeedsNoGuess() {
        let m = MIMEMessage(parsing: Array("Subject: مرحبا\r\nContent-Type: text/plain; charset=windows-1256\r\n\r\nx".utf8))
        #expect(m.subject == "مرحبا")
        #expect(m.warnings.isEmpty)
    }
}

extension RawHeaderCharsetTests {
    @Test func partHeadersWithRawBytesAreNoted() {
        let raw = Array("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Disposition: attachment; filename=\"r".utf8)
            + [0xE9] + Array("sum\u{E9}.pdf\"\r\n\r\nx\r\n--b--\r\n".utf8).dropLast(0)
        let m = MIMEMessage(parsing: raw)
        #expect(m.leaves.first?.filename?.hasPrefix("résum") == true)
        #expect(m.warnings.map(\.description) == ["part 1: header field Content-Disposition has 8-bit bytes that are not UTF-8; read as Latin-1"])
    }
}

@Suite("Header name comparison")
struct CaseInsensitiveTests {
    @Test(arguments: [
        ("Subject", "SUBJECT", true), ("content-type", "Content-Type", true), ("X-A", "x-a", true),
        ("Subject", "Subjec", false), ("a[", "A{", false), ("é", "É", false), ("@", "`", false), ("", "", true),
    ])
    func comparesASCIILettersOnly(_ a: String, _ b: String, _ expected: Bool) {
        #expect(a.caseInsensitiveEquals(b) == expected)
    }
}

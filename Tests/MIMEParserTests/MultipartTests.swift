import Foundation
import Testing
@testable import MIMEParser

@Suite("RFC 2046 multipart and message/rfc822")
struct MultipartTests {
    @Test func mixedMessageTreeAndLeaves() throws {
        let m = try Fixture.message("multipart-mixed")
        #expect(m.warnings.isEmpty)
        #expect(m.leaves.map(\.path) == ["1.1", "1.2", "2", "3"])
        #expect(m.leaves.map(\.contentType.mimeType) == ["text/plain", "text/html", "application/pdf", "image/jpeg"])
        // A delimiter-like line inside content is content; the CRLF before a boundary is the boundary's.
        #expect(m.leaves[0].text() == "Please find my records attached.\r\n--outer-boundary is not at the start of this line")
        #expect(m.leaves[1].text() == "<p>Please find my records attached.</p>")
        #expect(m.leaves[2].filename == "résumé médical.pdf")
        #expect(String(decoding: m.leaves[2].decodedBody(), as: UTF8.self).hasPrefix("%PDF-1.4"))
        #expect(m.leaves[3].filename == "écho.jpg")
        #expect(m.leaves[3].contentID == "img1@example.org")
        #expect(m.leaves[3].decodedBody().prefix(3) == [0xFF, 0xD8, 0xFF])
        #expect(m.from == [MailAddress(name: "Smith, John", address: "john.smith@example.org"), MailAddress(name: "Jane", address: "jane@example.net")])
        #expect(m.date == Date(timeIntervalSince1970: 1_795_474_800))  // 2026-11-23T23:00:00Z
    }

    @Test func preambleAndEpilogueAreNotParts() throws {
        let m = try Fixture.message("multipart-mixed")
        #expect(m.root.children.count == 3)
        #expect(!m.leaves.contains { String(decoding: $0.rawBody, as: UTF8.self).contains("preamble") })
        #expect(!m.leaves.contains { String(decoding: $0.rawBody, as: UTF8.self).contains("epilogue") })
    }

    @Test func forwardedMessageIsParsedRecursively() throws {
        for name in ["forwarded", "forwarded-base64"] {
            let m = try Fixture.message(name)
            #expect(m.leaves.map(\.path) == ["1", "2.1", "2.2"], "\(name)")
            let inner = try #require(m.root.children[1].encapsulated?.message)
            #expect(inner.subject == "Your letter")
            #expect(inner.messageID == "<inner.7@hospital.example>")
            #expect(m.leaves[2].filename == "letter.pdf")
            #expect(String(decoding: m.leaves[2].decodedBody(), as: UTF8.self).hasPrefix("%PDF"))
        }
    }

    @Test func forwardedMessageSharesTheInputBuffer() throws {
        let m = try Fixture.message("forwarded")
        let part = m.root.children[1]
        let inner = try #require(part.encapsulated?.message)
        #expect(inner.rawBytes.startIndex == part.rawBody.startIndex)
        #expect(inner.bytes == Array(part.rawBody))
        m.rawBytes.withUnsafeBufferPointer { outer in
            inner.rawBytes.withUnsafeBufferPointer { innerBuffer in
                #expect(innerBuffer.baseAddress == outer.baseAddress! + part.rawBody.startIndex)
            }
        }
    }

    @Test func deeplyNestedForwardsAreNotCopied() {
        var raw = "Subject: leaf\r\n\r\n" + String(repeating: "x", count: 100_000)
        for _ in 0..<20 { raw = "Content-Type: message/rfc822\r\n\r\n" + raw }
        let m = MIMEMessage(parsing: Array(raw.utf8))
        var message = m
        var depth = 0
        while let inner = message.root.encapsulated?.message {
            #expect(inner.storage.withUnsafeBufferPointer { $0.baseAddress } == m.storage.withUnsafeBufferPointer { $0.baseAddress })
            message = inner
            depth += 1
        }
        #expect(depth == 20)
        #expect(message.subject == "leaf")
    }

    @Test func deliveryReportIsRecognised() throws {
        let dsn = try Fixture.message("dsn")
        #expect(dsn.isDeliveryStatusNotification)
        #expect(dsn.leaves.map(\.contentType.mimeType) == ["text/plain", "message/delivery-status", "text/rfc822-headers"])
        #expect(try !Fixture.message("multipart-mixed").isDeliveryStatusNotification)
        #expect(try !Fixture.message("forwarded").isDeliveryStatusNotification)
    }

    @Test func lfOnlyNestedMissingCloseBoundary() throws {
        let m = try Fixture.message("lf-only")
        #expect(m.leaves.map(\.path) == ["1.1", "1.2", "2", "3"])
        #expect(m.leaves[1].decodedBody().prefix(4) == [0x89, 0x50, 0x4E, 0x47])
        #expect(m.leaves[2].text() == "Café €5")
        #expect(m.leaves[3].decodedBody() == Array("no closing boundary follows".utf8))
        #expect(m.warnings.map(\.message) == ["multipart/mixed has no closing boundary; the last part runs to the end"])
    }

    static let splitCases: [(String, [String])] = [
        // boundary prefix of a longer string on its own line is content
        ("--b\r\n\r\none\r\n--bb\r\ntwo\r\n--b--\r\n", ["one\r\n--bb\r\ntwo"]),
        // transport padding after the delimiter
        ("--b  \r\n\r\none\r\n--b\t\r\n\r\ntwo\r\n--b--  \r\n", ["one", "two"]),
        // empty parts
        ("--b\r\n\r\n\r\n--b\r\n\r\n--b--", ["", ""]),
        // no preamble, close at end of input without line break
        ("--b\r\n\r\nx\r\n--b--", ["x"]),
        // body text after the last delimiter without close: runs to the end
        ("--b\r\n\r\nx\r\n--b\r\n\r\ny", ["x", "y"]),
        // without a close, the final line break is the missing delimiter's
        ("--b\r\n\r\nx\r\n--b\r\n\r\ny\r\n", ["x", "y"]),
        ("--b\n\ny\n\n", ["y\n"]),
    ]

    @Test(arguments: splitCases) func splitsAtDelimiters(_ body: String, _ expected: [String]) {
        let m = MIMEMessage(parsing: Array(("Content-Type: multipart/mixed; boundary=b\r\n\r\n" + body).utf8))
        #expect(m.root.children.map { String(decoding: $0.rawBody, as: UTF8.self) } == expected)
    }

    @Test func unclosedInnerMultipartKeepsItsLastLineBreak() {
        let m = crlfMessage(
            "Content-Type: multipart/mixed; boundary=o", "",
            "--o", "Content-Type: multipart/alternative; boundary=i", "",
            "--i", "", "inner text", "",
            "--o", "", "second",
            "--o--", "")
        #expect(m.leaves.map { String(decoding: $0.rawBody, as: UTF8.self) } == ["inner text\r\n", "second"])
    }

    @Test func digestChildrenDefaultToMessages() {
        let m = crlfMessage(
            "Content-Type: multipart/digest; boundary=d", "",
            "--d", "", "Subject: one", "", "first",
            "--d--", "")
        let part = m.root.children[0]
        #expect(part.contentType.mimeType == "message/rfc822")
        #expect(part.encapsulated?.message.subject == "one")
    }

    @Test func missingBoundaryKeepsTheBodyAsALeaf() throws {
        let m = try Fixture.message("malformed")
        #expect(m.leaves.count == 1)
        #expect(m.warnings.contains { $0.message.contains("without a boundary") })
        #expect(m.leaves[0].contentType.mimeType == "text/plain")
        #expect(m.warnings.contains { $0.message.contains("unparseable Date") })
        #expect(m.subject == "obsolete space before colon")
        #expect(m.from.map(\.address) == ["x@example.org"])
    }

    @Test func emptyAndHeaderOnlyMessagesParse() throws {
        let empty = try Fixture.message("empty")
        #expect(empty.leaves.count == 1)
        #expect(empty.leaves[0].rawBody.isEmpty)
        let headerOnly = try Fixture.message("headers-only")
        #expect(headerOnly.subject == "no body at all")
        #expect(headerOnly.leaves[0].rawBody.isEmpty)
    }

    @Test func singlePartRootIsPathOne() throws {
        let m = try Fixture.message("simple")
        #expect(m.leaves.map(\.path) == ["1"])
        #expect(m.subject == "Demande d’avis médical for my\tmother")
        #expect(m.from == [MailAddress(name: "Renée Dupré", address: "renee@example.org")])
        #expect(m.leaves[0].text() == "Bonjour, ma mère a besoin d'un avis médical. Merci.\r\n")
    }

    @Test func encodedWordsFixture() throws {
        let m = try Fixture.message("encoded-words")
        #expect(m.subject == "Price €100 and 診断書")
        #expect(m.from.first?.name == "طلب رأي")
        #expect(m.replyTo == [MailAddress(name: "José Pérez", address: "jose@example.org")])
        #expect(m.to.map(\.address) == ["a@example.org", "b@example.org", "c@example.org"])
        #expect(m.inReplyTo == ["<reply.42@example.com>"])
        #expect(m.references == ["<a.1@example.com>", "<reply.42@example.com>"])
        #expect(m.date == Date(timeIntervalSince1970: 1_795_511_700))  // 2026-11-24T09:15:00Z
    }
}

import Testing

@testable import MIMEParser

/// Edge cases of the parser's legacy expansion (LegacyExpander) beyond LegacyIntegrationTests.
@Suite struct LegacyContainersTests {
    @Test func theTNEFContainerKeepsItsOwnHeaderAndBody() throws {
        let message = MIMEMessage(parsing: try legacyFixture("tnef-two-files.eml"))
        let container = message.root.children[1]
        #expect(container.contentType.mimeType == "application/ms-tnef")
        #expect(container.filename == "winmail.dat")
        #expect(container.children.map(\.path) == ["2.1", "2.2", "2.3"])
        #expect(container.children[2].decodedBody().count == 38)
        #expect(message.warnings.isEmpty)
    }

    @Test func aWinmailDatThatIsNotTNEFStaysALeafWithAWarning() {
        let message = crlfMessage(
            "Content-Type: application/octet-stream; name=winmail.dat", "", "not tnef at all")
        #expect(message.leaves.count == 1)
        #expect(message.leaves[0].origin == .mime)
        #expect(message.warnings.count == 1)
        #expect(message.warnings.first?.message.contains("TNEF signature") == true)
    }

    @Test func uuencodeInsideAQuotedPrintableBodyIsFound() {
        // "=3D" must be decoded before the uuencoded line is read.
        let message = crlfMessage(
            "Content-Type: text/plain", "Content-Transfer-Encoding: quoted-printable", "",
            "See file.", "begin 644 eq.txt", "!/3D=3D", "`", "end", "Bye")
        #expect(message.leaves.map(\.path) == ["1.1", "1.2"])
        #expect(message.leaves[1].decodedBody() == Array("=".utf8))
        #expect(message.leaves[1].filename == "eq.txt")
        #expect(message.leaves[0].text() == "See file.\r\nBye")
    }

    @Test func ordinaryTextIsLeftAlone() {
        let message = crlfMessage("Subject: hi", "", "Let us begin 644 tests.", "end")
        #expect(message.leaves.map(\.origin) == [.mime])
        #expect(message.leaves[0].text() == "Let us begin 644 tests.\r\nend")
    }

    @Test func aTextAttachmentIsNotUnpacked() {
        let message = crlfMessage(
            "Content-Type: text/plain", "Content-Disposition: attachment; filename=raw.uue", "",
            "begin 644 cat.txt", "#0V%T", "`", "end")
        #expect(message.leaves.map(\.path) == ["1"])
        #expect(message.leaves[0].filename == "raw.uue")
    }

    @Test func aDamagedWinmailDatYieldsWhatItCanWithWarnings() throws {
        var bytes = try legacyFixture("two-files.tnef")
        bytes.removeLast(40)
        let base64 = Self.base64(bytes)
        let message = crlfMessage(
            "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: application/ms-tnef",
            "Content-Transfer-Encoding: base64", "", base64, "--b--")
        #expect(message.leaves.map(\.origin) == [.tnef, .tnef, .tnef])
        #expect(message.leaves[2].decodedBody().count < 38)
        #expect(message.warnings.contains { $0.partPath == "1" && $0.message.contains("remain") })
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        for chunk in stride(from: 0, to: bytes.count, by: 3) {
            let b = Array(bytes[chunk..<min(chunk + 3, bytes.count)]) + [0, 0]
            let n = UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2])
            let count = min(3, bytes.count - chunk)
            for i in 0..<4 { out.append(i <= count ? table[Int(n >> UInt32(18 - 6 * i)) & 63] : UInt8(ascii: "=")) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

@Suite struct EmptyMultipartPathTests {
    @Test func aTopLevelMultipartWithoutPartsIsLeafOne() {
        let message = crlfMessage("Content-Type: multipart/mixed; boundary=X", "", "no boundary here")
        #expect(message.leaves.map(\.path) == ["1"])
    }

    @Test func anEncapsulatedMultipartWithoutPartsIsNumberedInsideItsMessage() {
        let message = crlfMessage(
            "Content-Type: multipart/mixed; boundary=A", "", "--A", "", "x", "--A",
            "Content-Type: message/rfc822", "", "Content-Type: multipart/mixed; boundary=B", "", "--B--", "", "--A--")
        #expect(message.leaves.map(\.path) == ["1", "2.1"])
    }
}

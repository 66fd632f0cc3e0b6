import Testing

@testable import MIMEParser

@Suite struct LegacyContainersTests {
    @Test func aWinmailDatIsReplacedByItsFilesInLeaves() throws {
        let message = MIMEMessage(parsing: try legacyFixture("tnef-two-files.eml"))
        let leaves = message.leaves
        #expect(leaves.map(\.path) == ["1", "2.1", "2.2", "2.3"])
        #expect(leaves.map(\.filename) == [nil, "Hospital letter — März.pdf", "chest x-ray.png", "résumé.txt"])
        #expect(leaves.dropFirst().map(\.contentType.mimeType) == ["application/pdf", "image/png", "text/plain"])
        #expect(leaves.dropFirst().allSatisfy { $0.origin == .tnef && $0.isAttachment && $0.transferEncoding == .binary })
        #expect(leaves[1].decodedBody().starts(with: Array("%PDF-1.4".utf8)))
        #expect(leaves[1].disposition == ContentDisposition(type: "attachment", parameters: ["filename": "Hospital letter — März.pdf"]))
        // The container keeps its own header and body, so the original can still be saved.
        let container = message.root.children[1]
        #expect(container.contentType.mimeType == "application/ms-tnef")
        #expect(container.filename == "winmail.dat")
        #expect(message.warnings.isEmpty)
    }

    @Test func aTNEFWithoutFilesStaysALeaf() throws {
        let message = MIMEMessage(parsing: try legacyFixture("tnef-no-files.eml"))
        #expect(message.leaves.map(\.path) == ["1", "2"])
        #expect(message.leaves[1].filename == "winmail.dat")
        #expect(message.warnings.map(\.description) == ["part 2: TNEF part carries no files; kept as it is"])
    }

    @Test func aWinmailDatThatIsNotTNEFStaysALeafWithAWarning() {
        let message = crlfMessage(
            "Content-Type: application/octet-stream; name=winmail.dat", "", "not tnef at all")
        #expect(message.leaves.count == 1)
        #expect(message.leaves[0].origin == .mime)
        #expect(message.warnings.map(\.message) == ["winmail.dat is not a TNEF stream; kept as it is"])
    }

    @Test func uuencodedFilesFollowTheTextThatCarriedThem() throws {
        let message = MIMEMessage(parsing: try legacyFixture("uuencode-two-files.eml"))
        let leaves = message.leaves
        #expect(leaves.map(\.path) == ["1", "1.1", "1.2"])
        #expect(leaves.map(\.origin) == [.mime, .uuencode, .uuencode])
        #expect(leaves.map(\.filename) == [nil, "report.pdf", "scan.png"])
        #expect(leaves.map(\.contentType.mimeType) == ["text/plain", "application/pdf", "image/png"])
        let text = try #require(leaves[0].text())
        #expect(text.hasPrefix("Dear team,"))
        #expect(text.hasSuffix("Kind regards,\r\nJane\r\n"))
        #expect(!text.contains("begin 644"))
        #expect(leaves[2].decodedBody().starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(message.warnings.isEmpty)
    }

    @Test func uuencodeInsideAQuotedPrintableBodyIsFound() {
        // "=3D" must be decoded before the uuencoded line is read.
        let message = crlfMessage(
            "Content-Type: text/plain", "Content-Transfer-Encoding: quoted-printable", "",
            "See file.", "begin 644 eq.txt", "!/3D=3D", "`", "end", "Bye")
        #expect(message.leaves.map(\.path) == ["1", "1.1"])
        #expect(message.leaves[1].decodedBody() == Array("=".utf8))
        #expect(message.leaves[0].text() == "See file.\r\nBye")
    }

    @Test func ordinaryTextIsLeftAlone() throws {
        let message = crlfMessage("Subject: hi", "", "Let us begin 644 tests.", "end")
        #expect(message.leaves.map(\.origin) == [.mime])
        #expect(message.leaves[0].children.isEmpty)
        #expect(message.leaves[0].text() == "Let us begin 644 tests.\r\nend")
    }

    @Test func aTextAttachmentIsNotUnpacked() {
        let message = crlfMessage(
            "Content-Type: text/plain", "Content-Disposition: attachment; filename=raw.uue", "",
            "begin 644 cat.txt", "#0V%T", "`", "end")
        #expect(message.leaves.map(\.path) == ["1"])
        #expect(message.leaves[0].filename == "raw.uue")
    }

    @Test(arguments: [
        ("scan.JPG", nil, "image/jpeg"), ("letter.docx", nil,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("notes", "Application/PDF", "application/pdf"), ("notes", "not a type", "application/octet-stream"),
        ("archive.tar.gz", nil, "application/octet-stream"), ("trailing.", nil, "application/octet-stream"),
    ] as [(String, String?, String)])
    func guessesTypesFromTheExtensionThenTheDeclaredType(_ name: String, _ declared: String?, _ expected: String) {
        let type = FileTypes.contentType(filename: name, declared: declared)
        #expect(type.mimeType == expected)
        #expect(type.parameters["name"] == name)
    }
}

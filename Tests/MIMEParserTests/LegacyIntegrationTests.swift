import Testing
@testable import MIMEParser

@Suite("Legacy containers opened by the parser")
struct LegacyIntegrationTests {
    @Test func tnefFilesBecomeLeaves() throws {
        let m = MIMEMessage(parsing: try legacyFixture("tnef-two-files.eml"))
        #expect(m.leaves.map(\.path) == ["1", "2.1", "2.2", "2.3"])
        #expect(m.leaves.dropFirst().map(\.filename) == ["Hospital letter — März.pdf", "chest x-ray.png", "résumé.txt"])
        #expect(m.leaves.dropFirst().allSatisfy { $0.origin == .tnef && $0.isAttachment })
        #expect(m.leaves[1].contentType.mimeType == "application/pdf")
        #expect(m.leaves[1].decodedBody().starts(with: Array("%PDF".utf8)))
    }

    @Test func tnefWithoutFilesStaysALeaf() throws {
        let m = MIMEMessage(parsing: try legacyFixture("tnef-no-files.eml"))
        #expect(m.leaves.map(\.contentType.mimeType) == ["text/plain", "application/ms-tnef"])
    }

    @Test func uuencodedFilesAreSplitFromTheText() throws {
        let m = MIMEMessage(parsing: try legacyFixture("uuencode-two-files.eml"))
        #expect(m.leaves.map(\.path) == ["1.1", "1.2", "1.3"])
        #expect(m.leaves.map(\.filename) == [nil, "report.pdf", "scan.png"])
        #expect(m.leaves.map(\.origin) == [.uuencode, .uuencode, .uuencode])
        let text = try #require(m.leaves[0].text())
        #expect(text.contains("Dear team"))
        #expect(!text.contains("begin 644"))
        #expect(m.leaves[2].contentType.mimeType == "image/png")
        #expect(m.leaves[2].decodedBody().starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func expansionCanBeTurnedOff() throws {
        let m = MIMEMessage(parsing: try legacyFixture("tnef-two-files.eml"), limits: MIMELimits(expandLegacyContainers: false))
        #expect(m.leaves.map(\.path) == ["1", "2"])
    }

    @Test(arguments: [("begin 644 x\n", true), ("text\nbegin 644 x", true), ("text begin 644", false), ("nothing", false)])
    func uuencodePrefilterLooksAtLineStarts(_ body: String, _ expected: Bool) {
        #expect(UUEncode.mayContainBlock(Array(body.utf8)[...]) == expected)
    }
}

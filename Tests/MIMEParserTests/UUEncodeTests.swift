import Testing

@testable import MIMEParser

@Suite struct UUEncodeTests {
    /// "Cat" uuencoded, as `uuencode` writes it.
    static let cat = "begin 644 cat.txt\n#0V%T\n`\nend\n"

    @Test func decodesABlockAndKeepsTheTextAround() throws {
        let body = Array("Hello,\n\(Self.cat)Bye\n".utf8)
        let result = try #require(UUEncode.extract(body[...]))
        #expect(result.files == [UUEncode.File(filename: "cat.txt", mode: "644", bytes: Array("Cat".utf8))])
        #expect(String(decoding: result.text, as: UTF8.self) == "Hello,\nBye\n")
        #expect(result.warnings.isEmpty)
    }

    @Test func decodesTheFixtureWithCRLFLines() throws {
        let message = try legacyFixture("uuencode-two-files.eml")
        let result = try #require(UUEncode.extract(message[...]))
        #expect(result.files.map(\.filename) == ["report.pdf", "scan.png"])
        #expect(result.files.map(\.mode) == ["644", "0600"])
        #expect(result.files[0].bytes.starts(with: Array("%PDF-1.4\n".utf8)))
        #expect(result.files[0].bytes.count == 77)
        #expect(result.files[1].bytes.count == 53)
        let text = String(decoding: result.text, as: UTF8.self)
        #expect(text.contains("my report and a scan are below.\r\n\r\n\r\nand the image:"))
        #expect(text.hasSuffix("Kind regards,\r\nJane\r\n"))
        #expect(!text.contains("begin"))
        #expect(result.warnings.isEmpty)
    }

    @Test func aMissingEndLineIsTolerated() throws {
        let body = Array("begin 644 cat.txt\n#0V%T\nThanks\n".utf8)
        let result = try #require(UUEncode.extract(body[...]))
        #expect(result.files.first?.bytes == Array("Cat".utf8))
        #expect(String(decoding: result.text, as: UTF8.self) == "Thanks\n")
        #expect(result.warnings == ["uuencoded file \"cat.txt\": no 'end' line; the block ends at the last line of data"])
    }

    @Test func aBlockRunningToTheEndOfTheBodyIsTolerated() throws {
        let result = try #require(UUEncode.extract(Array("begin 600 x.bin\n#0V%T".utf8)[...]))
        #expect(result.files.first?.bytes == Array("Cat".utf8))
        #expect(result.text.isEmpty)
    }

    @Test func shortLinesArePaddedWithZeroBits() throws {
        // Three zero bytes encode as "#````" or, with trailing spaces stripped by a mailer, "#".
        let result = try #require(UUEncode.extract(Array("begin 644 z\n#\n`\nend\n".utf8)[...]))
        #expect(result.files.first?.bytes == [0, 0, 0])
        #expect(result.warnings == ["uuencoded file \"z\": 1 short line(s) padded"])
    }

    @Test func spacesInsteadOfBackticksDecodeTheSame() throws {
        let result = try #require(UUEncode.extract(Array("begin 644 z\n#    \n \nend\n".utf8)[...]))
        #expect(result.files.first?.bytes == [0, 0, 0])
        #expect(result.warnings.isEmpty)
    }

    @Test(arguments: [
        "We begin 644 days from now.\n",
        "begin 644 plan.txt\nthen we meet\n",
        "begin 999 x\n#0V%T\nend\n",
        "begin-base64 644 x\nQ2F0\n====\n",
        "begin 644 notes\n\nNo data here.\n",
    ])
    func proseIsNotMistakenForUuencode(_ text: String) {
        #expect(UUEncode.extract(Array(text.utf8)[...]) == nil)
    }

    @Test func anEmptyFileWithEndIsAFile() throws {
        let result = try #require(UUEncode.extract(Array("begin 644 empty.txt\n`\nend\n".utf8)[...]))
        #expect(result.files == [UUEncode.File(filename: "empty.txt", mode: "644", bytes: [])])
    }

    @Test func outputIsBoundedForLinesThatClaimMoreThanTheyHold() throws {
        // Each "M" line claims 45 bytes from one character.
        let body = "begin 644 bomb\n" + String(repeating: "M\n", count: 10_000)
        let result = try #require(UUEncode.extract(Array(body.utf8)[...]))
        #expect(result.files[0].bytes.count <= 2 * body.utf8.count + 1024 + 63)
        #expect(result.warnings.contains { $0.contains("truncated") })
    }

    @Test func detectsCandidatesCheaply() {
        #expect(UUEncode.mayContainBlock(Array("x\nbegin 644 a\n".utf8)[...]))
        #expect(!UUEncode.mayContainBlock(Array("x begin 644 a\n".utf8)[...]))
    }
}

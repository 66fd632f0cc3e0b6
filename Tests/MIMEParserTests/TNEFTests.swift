import Foundation
import Testing

@testable import MIMEParser

/// Loads a fixture relative to this file (fixtures are excluded from the target).
func legacyFixture(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/legacy").appendingPathComponent(name)
    return Array(try Data(contentsOf: url))
}

@Suite struct TNEFTests {
    @Test func extractsEveryFileWithItsLongName() throws {
        let result = TNEF.extract(try legacyFixture("two-files.tnef")[...])
        #expect(result.warnings.isEmpty)
        #expect(result.files.map(\.filename) == ["Hospital letter — März.pdf", "chest x-ray.png", "résumé.txt"])
        #expect(result.files[0].mimeType == "application/pdf")
        #expect(result.files[0].bytes.starts(with: Array("%PDF-1.4".utf8)))
        #expect(result.files[0].bytes.last == UInt8(ascii: "\n"))
        #expect(result.files[1].bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(result.files[1].bytes.count == 53)
        #expect(String(decoding: result.files[2].bytes, as: UTF8.self).hasPrefix("R"))
        #expect(result.files[2].bytes.count == 38)
    }

    @Test func followsAnEmbeddedMessageToItsFiles() throws {
        let result = TNEF.extract(try legacyFixture("embedded-message.tnef")[...])
        #expect(result.warnings.isEmpty)
        #expect(result.files.map(\.filename) == ["INNER.PDF"])
        #expect(result.files.first?.bytes.starts(with: Array("%PDF".utf8)) == true)
    }

    @Test func aStreamWithoutAttachmentsYieldsNoFiles() throws {
        let result = TNEF.extract(try legacyFixture("no-files.tnef")[...])
        #expect(result.files.isEmpty)
        #expect(result.warnings.isEmpty)
    }

    @Test func rejectsAWrongSignature() {
        let result = TNEF.extract([0x78, 0x9F, 0x3E, 0x21, 0, 0][...])
        #expect(result.files.isEmpty)
        #expect(result.warnings == ["TNEF: no TNEF signature, nothing extracted"])
    }

    @Test func reportsAChecksumMismatchButKeepsTheFile() throws {
        var bytes = try legacyFixture("two-files.tnef")
        // The PDF's first byte lives right after its attAttachData header.
        let pdfStart = try #require(bytes.firstRange(of: Array("%PDF".utf8))?.lowerBound)
        bytes[pdfStart] = UInt8(ascii: "#")
        let result = TNEF.extract(bytes[...])
        #expect(result.files.count == 3)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.contains("checksum mismatch") == true)
    }

    @Test func aLengthBeyondTheInputIsAWarningNotACrash() throws {
        var bytes = try legacyFixture("two-files.tnef")
        let pdfStart = try #require(bytes.firstRange(of: Array("%PDF".utf8))?.lowerBound)
        // The length field is the four bytes before the data.
        for i in (pdfStart - 4)..<pdfStart { bytes[i] = 0xFF }
        let result = TNEF.extract(bytes[...])
        #expect(result.warnings.contains { $0.contains("declares 4294967295 bytes") })
        #expect(result.files.count == 1)
        #expect(result.files[0].bytes.count == bytes.count - pdfStart)
    }

    @Test(arguments: ["two-files.tnef", "embedded-message.tnef", "no-files.tnef"])
    func everyTruncationIsHandled(_ name: String) throws {
        let bytes = try legacyFixture(name)
        for end in 0..<bytes.count {
            let result = TNEF.extract(bytes[0..<end])
            let total = result.files.reduce(0) { $0 + $1.bytes.count }
            #expect(total <= end)
            #expect(result.files.count <= 3)
            if end < 6 { #expect(!result.warnings.isEmpty) }
        }
    }

    @Test func everySingleByteCorruptionIsHandled() throws {
        let bytes = try legacyFixture("two-files.tnef")
        for index in bytes.indices {
            for value: UInt8 in [0x00, 0x7F, 0xFF] {
                var damaged = bytes
                damaged[index] = value
                let result = TNEF.extract(damaged[...])
                let total = result.files.reduce(0) { $0 + $1.bytes.count }
                #expect(total <= 2 * damaged.count)
            }
        }
    }

    @Test func aHugePropertyCountEndsWithTheInput() {
        var stream: [UInt8] = [0x78, 0x9F, 0x3E, 0x22, 0, 0]
        let properties: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF] + [0x03, 0x00, 0x05, 0x37, 1, 0, 0, 0]
        stream += [2, 0x05, 0x90, 0x06, 0x00] + tnefLE32(properties.count) + properties
        stream += tnefLE16(Int(TNEF.checksum(properties[...])))
        let result = TNEF.extract(stream[...])
        #expect(result.warnings.contains { $0.contains("declares 4294967295 properties but ends after 1") })
        #expect(result.warnings.contains { $0.contains("has no data") })
        #expect(result.files.isEmpty)
    }

    @Test func decodesWindows1252Names() {
        #expect(LegacyText.decodeNarrow([0x93, 0x41, 0x80, 0x94, 0][...]) == "\u{201C}A€\u{201D}")
        #expect(LegacyText.decodeNarrow(Array("Zoë.pdf".utf8)[...]) == "Zoë.pdf")
        #expect(LegacyText.decodeNarrow([0, 0x41][...]) == nil)
        #expect(LegacyText.decodeUTF16LE([0x41, 0, 0x3D, 0xD8, 0, 0][...]) == "A\u{FFFD}")
    }
}

func tnefLE32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
func tnefLE16(_ value: Int) -> [UInt8] { (0..<2).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

import Foundation
import Testing
@testable import MIMEParser

/// One base64 input, the bytes it must decode to, and the report it must produce.
struct Base64Case: Sendable, CustomStringConvertible {
    let input: String
    let expected: [UInt8]
    let report: DecodeReport
    let note: String

    init(_ input: String, _ expected: String, report: DecodeReport = DecodeReport(), _ note: String) {
        self.init(input, bytes: Array(expected.utf8), report: report, note)
    }

    init(_ input: String, bytes: [UInt8], report: DecodeReport = DecodeReport(), _ note: String) {
        self.input = input
        self.expected = bytes
        self.report = report
        self.note = note
    }

    var description: String { note }
}

func decodeBase64(_ input: [UInt8]) -> ([UInt8], DecodeReport) {
    var out: [UInt8] = []
    let report = input.withUnsafeBytes { Base64.decode($0, into: &out) }
    return (out, report)
}

/// Decodes `input` fed in two chunks split at `split`, through the stream decoder.
func decodeBase64Split(_ input: [UInt8], at split: Int) -> ([UInt8], DecodeReport) {
    var decoder = Base64.StreamDecoder()
    var out: [UInt8] = []
    input.withUnsafeBytes { all in
        decoder.decode(UnsafeRawBufferPointer(rebasing: all[..<split]), into: &out)
        decoder.decode(UnsafeRawBufferPointer(rebasing: all[split...]), into: &out)
    }
    let report = decoder.finish(into: &out)
    return (out, report)
}

/// Deterministic bytes for round trips (SplitMix64).
func pseudoRandomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var out = [UInt8]()
    out.reserveCapacity(count)
    while out.count < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        for shift in stride(from: 0, to: 64, by: 8) where out.count < count {
            out.append(UInt8(truncatingIfNeeded: z >> UInt64(shift)))
        }
    }
    return out
}

@Suite struct Base64Tests {
    static let cases: [Base64Case] = [
        Base64Case("", "", "empty input"),
        Base64Case("QQ==", "A", "one byte, full padding"),
        Base64Case("QUI=", "AB", "two bytes, one pad"),
        Base64Case("QUJD", "ABC", "one whole group"),
        Base64Case("SGVsbG8sIHdvcmxkIQ==", "Hello, world!", "several groups"),
        Base64Case("SGVs\r\nbG8s\r\nIHdv\r\ncmxk\r\nIQ==\r\n", "Hello, world!", "CRLF line breaks"),
        Base64Case("SGVsbG8sIHdv\ncmxkIQ==\n", "Hello, world!", "LF line breaks"),
        Base64Case("SGV sbG8s\tIH dvcmxkIQ==", "Hello, world!", "spaces and tabs inside groups"),
        Base64Case("SG\r\nVsbG8sIHdvcmxkIQ==", "Hello, world!", "break inside a group"),
        Base64Case("QUJD\r\n\r\n", "ABC", "trailing blank lines"),
        Base64Case("+/+/", bytes: [0xFB, 0xFF, 0xBF], "the two symbols"),
        Base64Case(
            "SGVs*bG8s", "Hello,", report: DecodeReport(invalidBytesSkipped: 1), "junk character skipped and counted"),
        Base64Case(
            "QU-_JD", "ABC", report: DecodeReport(invalidBytesSkipped: 2), "base64url symbols are junk in MIME"),
        Base64Case(
            "QUJD\u{7}\u{0}", "ABC", report: DecodeReport(invalidBytesSkipped: 2), "control bytes skipped"),
        Base64Case("QQ", "A", report: DecodeReport(missingPadding: true), "truncated: two characters"),
        Base64Case("QUI", "AB", report: DecodeReport(missingPadding: true), "truncated: three characters"),
        Base64Case(
            "QUJDR", "ABC", report: DecodeReport(invalidBytesSkipped: 1, missingPadding: true),
            "truncated: a lone character cannot make a byte"),
        Base64Case("QQ=", "A", "one pad where two belong still closes the group"),
        Base64Case("QQ==QkM=", "ABC", "data after padding starts a new group"),
        Base64Case("QUJD====", "ABC", "extra padding ignored"),
        Base64Case(
            "QUI=\r\n-- trailing text", bytes: [0x41, 0x42, 182, 182, 162, 150, 41, 224, 181, 236, 109],
            report: DecodeReport(invalidBytesSkipped: 2), "text after the data: letters decoded, others counted"),
        Base64Case(
            "Q=UJD", bytes: [0x50, 0x90], report: DecodeReport(invalidBytesSkipped: 1, missingPadding: true),
            "padding after one character drops that character"),
    ]

    @Test("decodes valid, malformed and truncated input", arguments: cases)
    func decodesTableCase(_ testCase: Base64Case) {
        let (out, report) = decodeBase64(Array(testCase.input.utf8))
        #expect(out == testCase.expected)
        #expect(report == testCase.report)
    }

    @Test("a stream split at any offset decodes like the whole", arguments: cases)
    func streamSplitAnywhere(_ testCase: Base64Case) {
        let input = Array(testCase.input.utf8)
        let whole = decodeBase64(input)
        for split in 0...input.count {
            let (out, report) = decodeBase64Split(input, at: split)
            #expect(out == whole.0, "split at \(split)")
            #expect(report == whole.1, "split at \(split)")
        }
    }

    @Test("round trips Foundation's encoding at many sizes and line styles")
    func roundTripsFoundation() {
        let styles: [Data.Base64EncodingOptions] = [
            [], [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed],
            [.lineLength64Characters, .endLineWithLineFeed],
            [.lineLength76Characters, .endLineWithLineFeed],
        ]
        for size in Array(0...70) + [255, 256, 1000, 4097, 65_537, 300_001] {
            let data = pseudoRandomBytes(count: size, seed: UInt64(size))
            for style in styles {
                let text = Array(Data(data).base64EncodedString(options: style).utf8)
                let (out, report) = decodeBase64(text)
                #expect(out == data, "size \(size), style \(style.rawValue)")
                #expect(report.isClean, "size \(size)")
            }
        }
    }

    @Test("agrees with Foundation's decoder on clean input")
    func agreesWithFoundationDecoder() throws {
        for size in [1, 2, 3, 57, 1024, 100_000] {
            let text = Data(pseudoRandomBytes(count: size, seed: 99)).base64EncodedString()
            let reference = try #require(Data(base64Encoded: text))
            #expect(decodeBase64(Array(text.utf8)).0 == Array(reference))
        }
    }

    @Test("a long body fed one byte at a time and in odd chunks decodes like the whole")
    func streamInSmallChunks() {
        let data = pseudoRandomBytes(count: 5000, seed: 7)
        let text = Array(Data(data).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]).utf8)
        for chunkSize in [1, 2, 3, 5, 77, 78, 1000] {
            var decoder = Base64.StreamDecoder()
            var out: [UInt8] = []
            text.withUnsafeBytes { all in
                var offset = 0
                while offset < all.count {
                    let end = min(offset + chunkSize, all.count)
                    decoder.decode(UnsafeRawBufferPointer(rebasing: all[offset..<end]), into: &out)
                    offset = end
                }
            }
            #expect(decoder.finish(into: &out).isClean)
            #expect(out == data, "chunk size \(chunkSize)")
        }
    }

    @Test("junk inside full 76-character lines is skipped at any position")
    func junkInsideFullLines() {
        let data = pseudoRandomBytes(count: 57 * 4, seed: 3)
        let clean = Array(Data(data).base64EncodedString(options: [.lineLength76Characters]).utf8)
        for position in [0, 1, 37, 75, 76, 77, 78 + 40, clean.count - 1] {
            var dirty = clean
            dirty.insert(UInt8(ascii: "*"), at: position)
            let (out, report) = decodeBase64(dirty)
            #expect(out == data, "junk at \(position)")
            #expect(report == DecodeReport(invalidBytesSkipped: 1), "junk at \(position)")
        }
    }

    @Test("every byte outside the alphabet is skipped inside long unbroken runs")
    func everyJunkByteInFlatRuns() {
        let data = pseudoRandomBytes(count: 120, seed: 5)
        let clean = Array(Data(data).base64EncodedString().utf8)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n".utf8)
        for junk in UInt8.min...UInt8.max where !alphabet.contains(junk) {
            for position in [3, 20, 47] {
                var dirty = clean
                dirty.insert(junk, at: position)
                let (out, report) = decodeBase64(dirty)
                #expect(out == data, "byte \(junk) at \(position)")
                #expect(report == DecodeReport(invalidBytesSkipped: 1), "byte \(junk) at \(position)")
            }
        }
    }

    @Test("appends to what the output already holds")
    func appendsToOutput() {
        var out: [UInt8] = [1, 2]
        _ = Array("QUJD".utf8).withUnsafeBytes { Base64.decode($0, into: &out) }
        #expect(out == [1, 2, 0x41, 0x42, 0x43])
    }
}

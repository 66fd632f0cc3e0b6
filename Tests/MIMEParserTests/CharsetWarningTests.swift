import Testing
@testable import MIMEParser

/// `Charsets.warning(for:charset:)` is a shortcut for `decode(_:charset:).warning`: it must
/// give the same note for every label and every kind of byte sequence.
@Suite("Charset warning shortcut")
struct CharsetWarningTests {
    static let labels: [String?] = [
        nil, "utf-8", "UTF8", "\"UTF-8\"", "us-ascii", "ascii", "iso-8859-1", "windows-1252", "koi8-r",
        "x-made-up", "euc-jp", "utf-8*en",
    ]
    static let samples: [[UInt8]] = [
        [], Array("plain text, long enough to take the eight-byte path".utf8), [0x63, 0x61, 0x66, 0xC3, 0xA9],
        [0x63, 0x61, 0x66, 0xE9], [0x80], [0xEF, 0xBB, 0xBF, 0x41], [0xC3], [0xED, 0xA0, 0x80],
        Array("ninety-nine ASCII bytes then one ".utf8) + [0xFF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x80, 0xA8],
    ]

    @Test(arguments: labels)
    func sameNoteAsAFullDecode(label: String?) {
        for bytes in Self.samples {
            #expect(Charsets.warning(for: bytes, charset: label) == Charsets.decode(bytes, charset: label).warning, "\(bytes)")
        }
    }

    @Test func asciiTestLooksAtEveryByte() {
        for position in 0..<20 {
            var bytes = [UInt8](repeating: 0x41, count: 20)
            bytes[position] = 0x80
            #expect(!Charsets.isASCII(bytes), "high byte at \(position)")
        }
        #expect(Charsets.isASCII([UInt8](repeating: 0x7F, count: 17)))
    }
}

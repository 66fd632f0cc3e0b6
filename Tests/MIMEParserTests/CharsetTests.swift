import Testing
@testable import MIMEParser

@Suite("Charsets")
struct CharsetTests {
    @Test func everyCharsetPartDecodesToItsText() throws {
        let m = try Fixture.message("charsets")
        let table = try Fixture.text("charsets.txt").split(separator: "\n").map { line in
            let f = line.split(separator: "\t", maxSplits: 1)
            return (String(f[0]), String(f[1]))
        }
        #expect(m.leaves.count == table.count)
        for (part, (charset, text)) in zip(m.leaves, table) {
            #expect(part.charset == charset)
            let decoded = try #require(part.textReporting(), "\(charset)")
            #expect(decoded.text.trimmingWhitespace() == text, "\(charset)")
            #expect(decoded.warning == nil, "\(charset)")
        }
    }

    static let fallbackCases: [(String?, [UInt8], String, Bool)] = [
        (nil, Array("plain".utf8), "plain", false),
        (nil, [0x63, 0x61, 0x66, 0xC3, 0xA9], "café", false),  // unlabelled UTF-8 is read as UTF-8
        (nil, [0x63, 0x61, 0x66, 0xE9], "café", true),  // unlabelled 8-bit: windows-1252 with a note
        ("us-ascii", [0x80], "€", true),
        ("utf-8", [0x63, 0xE9], "cé", true),  // wrong label: windows-1252
        ("x-made-up", [0x63, 0xC3, 0xA9], "cé", true),  // unknown label: UTF-8
        ("\"UTF-8\"", [0xC3, 0xA9], "é", false),  // quoted label
        ("ISO-8859-1", [0x93, 0x41, 0x94], "\u{201C}A\u{201D}", false),  // read as windows-1252
        ("utf-8", [0xEF, 0xBB, 0xBF, 0x41], "A", false),  // BOM dropped
    ]

    @Test(arguments: fallbackCases) func fallsBackSensibly(_ label: String?, _ bytes: [UInt8], _ expected: String, _ warns: Bool) {
        let c = Charsets.decode(bytes, charset: label)
        #expect(c.text == expected)
        #expect((c.warning != nil) == warns)
    }

    @Test(arguments: ["windows-1256", "iso-8859-6", "koi8-r", "gb2312", "gbk", "gb18030", "big5", "shift_jis", "euc-jp", "iso-2022-jp", "euc-kr",
                      "windows-1250", "windows-1251", "windows-1253", "windows-1254", "windows-1255", "windows-1257", "iso-8859-2", "iso-8859-5",
                      "iso-8859-7", "iso-8859-8", "iso-8859-9", "iso-8859-15", "ks_c_5601-1987", "tis-620", "utf-16"])
    func charsetIsSupported(_ label: String) {
        #expect(Charsets.isSupported(label))
    }

    @Test func nonTextPartsHaveNoText() throws {
        let m = try Fixture.message("multipart-mixed")
        #expect(m.leaves[2].text() == nil)
    }
}

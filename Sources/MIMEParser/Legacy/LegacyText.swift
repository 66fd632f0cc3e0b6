/// Text decoding for the names inside legacy containers, which carry no charset label.
enum LegacyText {
    /// An 8-bit string as Outlook and old mailers write it: up to the first NUL, UTF-8 when
    /// it is valid UTF-8, else Windows-1252 (the code page of nearly every such file name).
    /// Nil when nothing is left after trimming.
    static func decodeNarrow(_ bytes: ArraySlice<UInt8>) -> String? {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        let text = bytes[bytes.startIndex..<end]
        let decoded: String
        if let utf8 = String(validating: text, as: UTF8.self) {
            decoded = utf8
        } else {
            decoded = String(String.UnicodeScalarView(text.map(windows1252)))
        }
        let trimmed = trim(decoded)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A UTF-16LE string (MAPI PT_UNICODE), up to the first NUL code unit; unpaired
    /// surrogates become U+FFFD. Nil when nothing is left.
    static func decodeUTF16LE(_ bytes: ArraySlice<UInt8>) -> String? {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let unit = UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
            if unit == 0 { break }
            units.append(unit)
            i += 2
        }
        let trimmed = trim(String(decoding: units, as: UTF16.self))
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Windows-1252: Latin-1 except 0x80–0x9F, which hold typographic marks and a few letters.
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        guard byte >= 0x80, byte <= 0x9F else { return Unicode.Scalar(byte) }
        let value = highControls[Int(byte - 0x80)]
        return Unicode.Scalar(value) ?? Unicode.Scalar(byte)
    }

    /// 0x80–0x9F in Windows-1252; the five unassigned positions keep their Latin-1 value.
    private static let highControls: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The string without leading and trailing spaces, tabs, CR and LF.
    static func trim(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}

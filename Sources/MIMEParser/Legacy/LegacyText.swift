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
            decoded = Charsets.windows1252(text)
        }
        let trimmed = decoded.trimmingWhitespace()
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
        let trimmed = String(decoding: units, as: UTF16.self).trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// JSON text (RFC 8259) appended as UTF-8 bytes to an output buffer, for the hand-built
/// one-line objects of `parse --json`: no intermediate Strings, no `String(format:)`.
enum JSONBytes {
    /// A string literal with RFC 8259 escaping (plus U+2028 and U+2029, which JavaScript
    /// treats as line ends), or `null`.
    static func appendQuoted(_ s: String?, to out: inout [UInt8]) {
        guard var s else {
            out.append(contentsOf: nullLiteral)
            return
        }
        out.append(quote)
        s.withUTF8 { utf8 in
            var plainFrom = 0
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                let needsEscape = byte < 0x20 || byte == quote || byte == backslash
                    || (byte == 0xE2 && index + 2 < count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9))
                if !needsEscape {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom..<index]))
                if byte == 0xE2 {
                    out.append(contentsOf: utf8[index + 2] == 0xA8 ? Array("\\u2028".utf8) : Array("\\u2029".utf8))
                    index += 3
                } else {
                    appendEscape(byte, to: &out)
                    index += 1
                }
                plainFrom = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom..<count]))
        }
        out.append(quote)
    }

    /// A key and its colon: `"name":`.
    static func appendKey(_ key: StaticString, to out: inout [UInt8]) {
        out.append(quote)
        key.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(quote)
        out.append(UInt8(ascii: ":"))
    }

    /// Literal ASCII text (punctuation between fields).
    static func appendRaw(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// A decimal integer.
    static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
        }
    }

    /// Lower-case hex of `bytes`, quoted (a digest), from a 16-entry table.
    static func appendQuotedHex(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        out.append(quote)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        out.append(quote)
    }

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(backslash)
        switch byte {
        case quote: out.append(quote)
        case backslash: out.append(backslash)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
        }
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let nullLiteral: [UInt8] = Array("null".utf8)
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// IMAP's modified UTF-7 for mailbox names (RFC 3501 §5.1.3), so that "Traité" or "已处理"
/// can be folder names on any server.
///
/// Printable ASCII stands for itself except "&", written "&-"; any other run of characters is
/// UTF-16, base64-encoded with "," instead of "/" and no padding, between "&" and "-".
package enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    /// Encodes a Unicode mailbox name for the wire.
    package static func encode(_ name: String) -> String {
        var output: [UInt8] = []
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            output.append(UInt8(ascii: "&"))
            var bytes: [UInt8] = []
            for unit in pending { bytes.append(UInt8(unit >> 8)); bytes.append(UInt8(unit & 0xFF)) }
            var index = 0
            while index < bytes.count {
                let chunk = bytes[index..<min(index + 3, bytes.count)]
                let b0 = chunk[chunk.startIndex]
                let b1 = chunk.count > 1 ? chunk[chunk.startIndex + 1] : 0
                let b2 = chunk.count > 2 ? chunk[chunk.startIndex + 2] : 0
                output.append(alphabet[Int(b0 >> 2)])
                output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
                if chunk.count > 1 { output.append(alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)]) }
                if chunk.count > 2 { output.append(alphabet[Int(b2 & 0x3F)]) }
                index += 3
            }
            output.append(UInt8(ascii: "-"))
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                output.append(UInt8(scalar.value))
                if scalar == "&" { output.append(UInt8(ascii: "-")) }
            } else {
                pending.append(contentsOf: String(scalar).utf16)
            }
        }
        flush()
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes a wire name; invalid sequences are kept as sent rather than dropped.
    package static func decode(_ wire: String) -> String {
        let bytes = Array(wire.utf8)
        var result = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&") else {
                result.unicodeScalars.append(Unicode.Scalar(byte))
                index += 1
                continue
            }
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: "-")) else {
                result += String(decoding: bytes[index...], as: UTF8.self)
                break
            }
            if end == index + 1 {
                result += "&"
            } else if let units = decodeBase64(bytes[(index + 1)..<end]) {
                result += String(decoding: units, as: UTF16.self)
            } else {
                result += String(decoding: bytes[index...end], as: UTF8.self)
            }
            index = end + 1
        }
        return result
    }

    private static func decodeBase64(_ chars: ArraySlice<UInt8>) -> [UInt16]? {
        var bits: UInt32 = 0
        var bitCount = 0
        var bytes: [UInt8] = []
        for char in chars {
            guard let value = alphabet.firstIndex(of: char) else { return nil }
            bits = bits << 6 | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                bytes.append(UInt8((bits >> UInt32(bitCount)) & 0xFF))
            }
        }
        guard bytes.count % 2 == 0 else { return nil }
        return stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
    }
}

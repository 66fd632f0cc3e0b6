import Foundation
import MIMEParser

/// The encodings an outgoing message needs: quoted-printable bodies (RFC 2045 §6.7),
/// encoded words for non-ASCII header text (RFC 2047), RFC 5322 dates and mailboxes.
enum MailEncoding {
    /// Quoted-printable with CRLF hard line breaks; lines are soft-wrapped at 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        var out = ""
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (n, line) in lines.enumerated() {
            var current = ""
            let bytes = Array(line.utf8)
            for (i, b) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                var token: String
                if (b == 0x20 || b == 0x09) && isLast {
                    token = hex(b)
                } else if (b >= 33 && b <= 126 && b != 61) || b == 0x20 || b == 0x09 {
                    token = String(UnicodeScalar(b))
                } else {
                    token = hex(b)
                }
                // Never split an =XX triplet; leave room for the soft break "=".
                if current.utf8.count + token.utf8.count > 75 {
                    out += current + "=\r\n"
                    current = ""
                }
                token = token.isEmpty ? "" : token
                current += token
            }
            out += current
            if n < lines.count - 1 { out += "\r\n" }
        }
        return out
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0xF)])
    }

    /// `text` as is when ASCII, else RFC 2047 "B" encoded words of UTF-8, each at most 75
    /// characters and never splitting a character, joined by folding whitespace.
    static func headerText(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 75 - "=?UTF-8?B?" - "?=" = 63 base64 characters → 45 bytes of payload at most.
        for ch in text {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Name <address>` with the name quoted or encoded as needed, or the bare address.
    static func mailbox(_ a: MailAddress) -> String {
        guard let name = a.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return a.address }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 }
        if plain {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(a.address)>"
        }
        return headerText(name) + " <\(a.address)>"
    }

    /// RFC 5322 §3.3 date-time in UTC: "Tue, 24 Nov 2026 09:15:00 +0000".
    static func date(_ d: Date) -> String {
        let seconds = Int(d.timeIntervalSince1970.rounded(.down))
        let dayNumber = Int((Double(seconds) / 86_400).rounded(.down))
        let day = LocalDay(dayNumber: dayNumber)
        let rest = seconds - dayNumber * 86_400
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(names[day.isoWeekday - 1]), \(day.day) \(months[day.month - 1]) \(day.year) "
            + "\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) +0000"
    }

    /// Header text must not carry line breaks from hostile input (header injection).
    static func singleLine(_ s: String) -> String {
        String(s.unicodeScalars.map { $0 == "\r" || $0 == "\n" || $0 == "\t" ? " " : Character($0) })
    }
}

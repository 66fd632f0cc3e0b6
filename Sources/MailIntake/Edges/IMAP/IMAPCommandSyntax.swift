/// Spelling command arguments the way RFC 3501 §9 wants them.
package enum IMAPCommandSyntax {
    /// A mailbox name on the wire: modified UTF-7 (§5.1.3), then a quoted string (§4.3).
    package static func mailbox(_ name: String) -> String {
        quoted(name.uppercased() == "INBOX" ? "INBOX" : ModifiedUTF7.encode(name))
    }

    /// RFC 3501 §9: quoted = DQUOTE *QUOTED-CHAR DQUOTE, with `\` escaping `"` and `\`.
    package static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            if character == "\r" || character == "\n" { continue }
            result.append(character)
        }
        result.append("\"")
        return result
    }

    /// RFC 3501 §9: sequence-set, with runs collapsed ("1:5,7,9:12") to keep commands short.
    package static func uidSet(_ uids: [UInt32]) -> String {
        let sorted = Array(Set(uids)).sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? "\(sorted[index])" : "\(sorted[index]):\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    /// Flags as a parenthesised list; only well-formed flag names (RFC 3501 §9 flag).
    package static func flagList(_ flags: [String]) -> String {
        let clean = flags.filter { flag in
            !flag.isEmpty && flag.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ")") }
        }
        return "(" + clean.joined(separator: " ") + ")"
    }
}

/// The untagged responses the mailbox needs, parsed from `IMAPUntagged` lines.
package enum IMAPData: Sendable, Equatable {
    /// RFC 3501 §7.2.1: capability-data = "CAPABILITY" *(SP capability).
    case capability([String])
    /// RFC 3501 §7.3.1: number SP "EXISTS".
    case exists(Int)
    /// RFC 3501 §7.4.1: nz-number SP "EXPUNGE".
    case expunge(Int)
    /// RFC 3501 §7.2.5: "SEARCH" *(SP nz-number); UIDs for UID SEARCH.
    case search([UInt32])
    /// RFC 3501 §7.4.2: nz-number SP "FETCH" SP msg-att.
    case fetch(sequence: Int, IMAPFetched)
    /// RFC 3501 §7.1: "OK" SP "[" resp-text-code "]"; e.g. ("UIDVALIDITY", "1795564652").
    case responseCode(name: String, value: String)
    /// RFC 3501 §7.2.2: "LIST" SP mailbox-list (flags, delimiter, name as sent: modified UTF-7).
    case list(flags: [String], name: String)
    /// Anything else (FLAGS, RECENT, status text): not needed.
    case other
}

/// The attributes of one FETCH response that the mailbox asks for.
package struct IMAPFetched: Sendable, Equatable {
    package var uid: UInt32?
    package var size: Int?
    package var flags: [String]?
    /// INTERNALDATE as sent, e.g. "24-Nov-2026 09:15:00 +0000".
    package var internalDate: String?
    /// `BODY[]`: the message bytes exactly as stored.
    package var body: [UInt8]?
}

/// A value in a response line (RFC 3501 §9: atom, number, string, list, NIL).
package indirect enum IMAPToken: Sendable, Equatable {
    case atom(String)
    case string([UInt8])
    case literal(Int)
    case list([IMAPToken])
    case nil_

    var text: String? {
        switch self {
        case .atom(let value): return value
        case .string(let bytes): return String(decoding: bytes, as: UTF8.self)
        default: return nil
        }
    }
}

extension IMAPUntagged {
    /// The meaning of this response, for the few kinds the mailbox uses.
    package func parse() -> IMAPData {
        var scanner = IMAPLineScanner(line)
        guard let first = scanner.atom() else { return .other }
        let upper = first.uppercased()
        if let number = Int(first) {
            scanner.skipSpace()
            guard let kind = scanner.atom()?.uppercased() else { return .other }
            switch kind {
            case "EXISTS": return .exists(number)
            case "EXPUNGE": return .expunge(number)
            case "FETCH":
                scanner.skipSpace()
                guard case .list(let items)? = scanner.token() else { return .other }
                return .fetch(sequence: number, fetched(items))
            default: return .other
            }
        }
        switch upper {
        case "CAPABILITY":
            return .capability(scanner.remainingText().split(separator: " ").map { $0.uppercased() })
        case "SEARCH":
            return .search(scanner.remainingText().split(separator: " ").compactMap { UInt32($0) })
        case "OK", "NO", "BAD", "PREAUTH", "BYE":
            scanner.skipSpace()
            guard scanner.peek == UInt8(ascii: "[") else { return .other }
            let code = scanner.bracketed()
            let parts = code.split(separator: " ", maxSplits: 1)
            guard let name = parts.first else { return .other }
            return .responseCode(name: name.uppercased(), value: parts.count > 1 ? String(parts[1]) : "")
        case "LIST":
            scanner.skipSpace()
            guard case .list(let flagTokens)? = scanner.token() else { return .other }
            scanner.skipSpace()
            _ = scanner.token()  // delimiter
            scanner.skipSpace()
            guard let nameToken = scanner.token() else { return .other }
            let name: String
            if case .literal(let index) = nameToken, index < literals.count {
                name = String(decoding: literals[index], as: UTF8.self)
            } else {
                name = nameToken.text ?? ""
            }
            return .list(flags: flagTokens.compactMap { $0.text }, name: name)
        default:
            return .other
        }
    }

    /// RFC 3501 §7.4.2: msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP …) ")".
    private func fetched(_ items: [IMAPToken]) -> IMAPFetched {
        var result = IMAPFetched()
        var index = 0
        while index + 1 < items.count {
            let name = items[index].text?.uppercased() ?? ""
            let value = items[index + 1]
            switch name {
            case "UID": result.uid = value.text.flatMap { UInt32($0) }
            case "RFC822.SIZE": result.size = value.text.flatMap { Int($0) }
            case "INTERNALDATE": result.internalDate = value.text
            case "FLAGS":
                if case .list(let flags) = value { result.flags = flags.compactMap { $0.text } }
            case "BODY[]":
                switch value {
                case .literal(let literal) where literal < literals.count: result.body = literals[literal]
                case .string(let bytes): result.body = bytes
                default: break
                }
            default: break
            }
            index += 2
        }
        return result
    }
}

/// Reads tokens from one response line (literals already cut out and marked `{n}`).
struct IMAPLineScanner {
    private let bytes: [UInt8]
    private var index = 0
    private var literalCount = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    }

    /// An atom, or a `BODY[…]`-style section name (brackets included).
    mutating func atom() -> String? {
        let start = index
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "]") { depth -= 1 }
            if depth <= 0, byte == 0x20 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") { break }
            if depth < 0 { break }
            index += 1
        }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    /// The text inside `[…]` (a response code), leaving the scanner after `]`.
    mutating func bracketed() -> String {
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "]") { index += 1 }
        let text = String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
        index += 1
        return text
    }

    mutating func remainingText() -> String {
        skipSpace()
        defer { index = bytes.count }
        return String(decoding: bytes[min(index, bytes.count)...], as: UTF8.self)
    }

    /// RFC 3501 §9: one value (list, quoted string, literal marker, NIL, atom).
    mutating func token() -> IMAPToken? {
        skipSpace()
        guard let byte = peek else { return nil }
        switch byte {
        case UInt8(ascii: "("):
            index += 1
            var items: [IMAPToken] = []
            while true {
                skipSpace()
                guard let next = peek else { return .list(items) }
                if next == UInt8(ascii: ")") {
                    index += 1
                    return .list(items)
                }
                guard let item = token() else { return .list(items) }
                items.append(item)
            }
        case UInt8(ascii: "\""):
            index += 1
            var value: [UInt8] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                value.append(bytes[index])
                index += 1
            }
            index += 1
            return .string(value)
        case UInt8(ascii: "{"):
            while index < bytes.count, bytes[index] != UInt8(ascii: "}") { index += 1 }
            index += 1
            defer { literalCount += 1 }
            return .literal(literalCount)
        default:
            guard let word = atom() else {
                index += 1
                return nil
            }
            return word.uppercased() == "NIL" ? .nil_ : .atom(word)
        }
    }
}

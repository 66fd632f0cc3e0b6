/// Parses RFC 5322 §3.4 address lists into mailboxes, decoding display names.
///
/// Handles display names (atoms, quoted strings, RFC 2047 words, obsolete "." in phrases),
/// angle addresses with obsolete routes, groups (flattened to their members), comments
/// (a comment is the name of a bare addr-spec, as old mailers wrote `a@b (Name)`), and
/// common breakage: a missing angle bracket, a quoted name before a bare address, stray commas.
enum AddressParser {
    private enum Token {
        case word(String)
        case quoted(String)
        case special(UInt8)
        case literal(String)
    }

    // RFC 5322 §3.4: address-list = (address *("," address)) / obs-addr-list
    //                address = mailbox / group ; group = display-name ":" [group-list] ";"
    //                mailbox = name-addr / addr-spec ; name-addr = [display-name] angle-addr
    static func parseList(_ text: String) -> [MailAddress] {
        let b = Array(text.utf8)
        var result: [MailAddress] = []
        var tokens: [Token] = []
        var comments: [String] = []
        var i = 0
        var angleDepth = 0

        func finish() {
            if let a = mailbox(from: tokens, comments: comments) { result.append(a) }
            tokens.removeAll(keepingCapacity: true)
            comments.removeAll(keepingCapacity: true)
        }

        while i < b.count {
            let c = b[i]
            switch c {
            case ASCII.space, ASCII.tab, ASCII.cr, ASCII.lf:
                i += 1
            case ASCII.openParen:
                let start = i
                ParameterParser.skipCFWS(b, &i)
                let inner = b[(start + 1)..<max(start + 1, i - 1)]
                let s = String(decoding: inner, as: UTF8.self).trimmingWhitespace()
                if !s.isEmpty { comments.append(s) }
            case ASCII.quote:
                var notes: [String] = []
                let q = ParameterParser.readQuoted(b, &i, notes: &notes)
                tokens.append(.quoted(String(decoding: q, as: UTF8.self)))
            case ASCII.openBracket:
                let s = i
                while i < b.count, b[i] != ASCII.closeBracket { i += 1 }
                i = min(i + 1, b.count)
                tokens.append(.literal(String(decoding: b[s..<i], as: UTF8.self)))
            case ASCII.less:
                angleDepth += 1
                tokens.append(.special(c))
                i += 1
            case ASCII.greater:
                angleDepth = max(0, angleDepth - 1)
                tokens.append(.special(c))
                i += 1
            case ASCII.comma where angleDepth == 0, ASCII.semicolon where angleDepth == 0:
                finish()
                i += 1
            case ASCII.colon where angleDepth == 0:
                // A group's display name ends here (unless this looks like part of an address).
                if tokens.contains(where: { if case .special(ASCII.at) = $0 { return true } else { return false } }) {
                    tokens.append(.special(c))
                } else {
                    tokens.removeAll()
                    comments.removeAll()
                }
                i += 1
            case ASCII.at, ASCII.comma, ASCII.semicolon, ASCII.colon:
                tokens.append(.special(c))
                i += 1
            default:
                let s = i
                while i < b.count {
                    let d = b[i]
                    if ASCII.isWhitespace(d) || d == ASCII.openParen || d == ASCII.quote || d == ASCII.less || d == ASCII.greater
                        || d == ASCII.at || d == ASCII.comma || d == ASCII.semicolon || d == ASCII.colon || d == ASCII.openBracket
                    {
                        break
                    }
                    i += 1
                }
                tokens.append(.word(String(decoding: b[s..<i], as: UTF8.self)))
            }
        }
        finish()
        if result.isEmpty, let rescued = rescue(text) { result.append(rescued) }
        return result
    }

    /// Last resort for lists the grammar could not read (an unterminated quote or bracket):
    /// the first whitespace-separated word with an "@" in it, stripped of punctuation.
    private static func rescue(_ text: String) -> MailAddress? {
        let junk: Set<Character> = ["<", ">", "\"", "(", ")", ",", ";", "'"]
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "<" || $0 == ">" }) {
            let trimmed = word.filter { !junk.contains($0) }
            if let at = trimmed.firstIndex(of: "@"), at != trimmed.startIndex, trimmed.index(after: at) != trimmed.endIndex {
                return MailAddress(name: nil, address: String(trimmed))
            }
        }
        return nil
    }

    /// Builds one mailbox from the tokens between separators, or nil if there is no address.
    private static func mailbox(from tokens: [Token], comments: [String]) -> MailAddress? {
        guard !tokens.isEmpty else { return nil }
        if let open = tokens.firstIndex(where: { if case .special(ASCII.less) = $0 { return true } else { return false } }) {
            let close = tokens[open...].firstIndex(where: { if case .special(ASCII.greater) = $0 { return true } else { return false } }) ?? tokens.endIndex
            var inner = Array(tokens[(open + 1)..<close])
            // RFC 5322 §4.4 obs-route: "@a,@b:" before the addr-spec.
            if let colon = inner.lastIndex(where: { if case .special(ASCII.colon) = $0 { return true } else { return false } }) {
                inner.removeSubrange(...colon)
            }
            let address = addrSpec(inner)
            var name = phrase(Array(tokens[..<open]))
            if name == nil, close < tokens.endIndex { name = phrase(Array(tokens[(close + 1)...])) }
            guard !address.isEmpty else { return nil }
            return MailAddress(name: name ?? comments.first.map(Decoding.decodeEncodedWords), address: address)
        }
        // No angle brackets: an addr-spec, perhaps after a name (broken but common).
        guard let at = tokens.lastIndex(where: { if case .special(ASCII.at) = $0 { return true } else { return false } }) else {
            if tokens.count == 1, case .word(let w) = tokens[0] { return MailAddress(name: comments.first.map(Decoding.decodeEncodedWords), address: w) }
            return nil
        }
        // The local part is the run of words/dots ending just before "@".
        var localStart = at
        while localStart > 0 {
            switch tokens[localStart - 1] {
            case .word(let w) where localStart == at || w.hasSuffix(".") || w.hasPrefix("."):
                localStart -= 1
                continue
            case .quoted where localStart == at:
                localStart -= 1
                continue
            default: break
            }
            break
        }
        var domainEnd = at + 1
        while domainEnd < tokens.count {
            if case .special = tokens[domainEnd] { break }
            domainEnd += 1
            break
        }
        let address = addrSpec(Array(tokens[localStart..<domainEnd]))
        let name = phrase(Array(tokens[..<localStart])) ?? comments.first.map(Decoding.decodeEncodedWords)
        return MailAddress(name: name, address: address)
    }

    /// Concatenates an addr-spec's tokens without whitespace.
    private static func addrSpec(_ tokens: [Token]) -> String {
        var s = ""
        for t in tokens {
            switch t {
            case .word(let w): s += w
            case .quoted(let q): s += q.contains(where: { $0 == " " || $0 == "\"" || $0 == "\\" }) ? "\"\(q)\"" : q
            case .literal(let l): s += l
            case .special(let c): s.unicodeScalars.append(Unicode.Scalar(c))
            }
        }
        return s
    }

    // RFC 5322 §3.2.5: phrase = 1*word / obs-phrase ; display-name = phrase
    /// The decoded display name, or nil when empty.
    private static func phrase(_ tokens: [Token]) -> String? {
        // Words are joined with one space; "@" (an unquoted address used as a name) is not.
        var joined = ""
        var glue = false
        for t in tokens {
            let piece: String
            var isAt = false
            switch t {
            case .word(let w): piece = w
            case .quoted(let q): piece = q
            case .literal(let l): piece = l
            case .special(let c):
                piece = String(Unicode.Scalar(c))
                isAt = c == ASCII.at
            }
            if !joined.isEmpty, !glue, !isAt { joined += " " }
            joined += piece
            glue = isAt
        }
        let decoded = Decoding.decodeEncodedWords(joined).trimmingWhitespace()
        return decoded.isEmpty ? nil : decoded
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let u = utf8
        guard let s = u.firstIndex(where: { !ASCII.isWhitespace($0) }) else { return "" }
        let e = u.lastIndex(where: { !ASCII.isWhitespace($0) })!
        return String(self[s...e])
    }
}

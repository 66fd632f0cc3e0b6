/// Parses `Content-Type` and `Content-Disposition` values: a token (or type/subtype) and
/// its parameters, with RFC 2231 continuations and charsets and RFC 2047 words inside quoted
/// values. Lenient the way mail needs: unquoted values with spaces run to the next ";",
/// missing semicolons and stray whitespace around "=" are tolerated.
enum ParameterParser {
    /// The leading value (lower case) and the decoded parameters; `notes` lists defects.
    struct Parsed {
        var value: String
        var parameters: [String: String]
        var notes: [String]
    }

    // RFC 2045 §5.1: content := "Content-Type" ":" type "/" subtype *(";" parameter)
    //                parameter := attribute "=" value ; value := token / quoted-string
    // RFC 2183 §2:   disposition := "Content-Disposition" ":" disposition-type *(";" disposition-parm)
    static func parse(_ text: String) -> Parsed {
        let b = Array(text.utf8)
        var i = 0
        var notes: [String] = []
        skipCFWS(b, &i)
        let valueStart = i
        while i < b.count, b[i] != ASCII.semicolon, !ASCII.isWhitespace(b[i]), b[i] != ASCII.openParen { i += 1 }
        let value = String(decoding: b[valueStart..<i], as: UTF8.self).lowercased()

        // Raw parameters, before RFC 2231 reassembly: name → [(section, extended, value bytes)].
        var sections: [String: [(index: Int, extended: Bool, value: [UInt8])]] = [:]
        var plain: [String: String] = [:]
        var order: [String] = []
        while i < b.count {
            // Skip to the next parameter: past ";" and whitespace (tolerating a missing ";").
            while i < b.count, b[i] == ASCII.semicolon || ASCII.isWhitespace(b[i]) { i += 1 }
            skipCFWS(b, &i)
            guard i < b.count else { break }
            let nameStart = i
            while i < b.count, b[i] != ASCII.equals, b[i] != ASCII.semicolon, !ASCII.isWhitespace(b[i]) { i += 1 }
            let rawName = String(decoding: b[nameStart..<i], as: UTF8.self).lowercased()
            skipCFWS(b, &i)
            guard i < b.count, b[i] == ASCII.equals else {
                if !rawName.isEmpty { notes.append("parameter \"\(rawName)\" has no value") }
                while i < b.count, b[i] != ASCII.semicolon { i += 1 }
                continue
            }
            i += 1
            while i < b.count, ASCII.isWhitespace(b[i]) { i += 1 }
            var raw: [UInt8]
            var quoted = false
            if i < b.count, b[i] == ASCII.quote {
                quoted = true
                raw = readQuoted(b, &i, notes: &notes)
                while i < b.count, b[i] != ASCII.semicolon { i += 1 }
            } else {
                let s = i
                while i < b.count, b[i] != ASCII.semicolon { i += 1 }
                var e = i
                while e > s, ASCII.isWhitespace(b[e - 1]) { e -= 1 }
                raw = Array(b[s..<e])
            }
            guard !rawName.isEmpty else { continue }

            // RFC 2231 §3/§4: name*N for continuations, trailing "*" for charset'lang'%XX.
            var name = rawName
            var extended = false
            var section = -1
            if name.hasSuffix("*") {
                extended = true
                name.removeLast()
            }
            if let star = name.lastIndex(of: "*"), let n = Int(name[name.index(after: star)...]), n >= 0, n < 10_000 {
                section = n
                name = String(name[..<star])
            }
            if section < 0 && !extended {
                if plain[name] == nil {
                    plain[name] = String.fromHeaderBytes(raw).0
                    order.append(name)
                }
                continue
            }
            if extended && quoted && section <= 0 && !raw.contains(0x27) {
                // A quoted extended value without charset'lang' is not RFC 2231; keep it as is.
                extended = false
            }
            if sections[name] == nil { order.append(name) }
            sections[name, default: []].append((max(section, 0), extended, raw))
        }

        var parameters: [String: String] = [:]
        for name in order where parameters[name] == nil {
            if let parts = sections[name] {
                parameters[name] = joinRFC2231(parts, name: name, notes: &notes)
            } else if let v = plain[name] {
                if v.hasEncodedWordMarker {
                    let c = Decoding.decodeEncodedWordsNoting(v)
                    if let w = c.warning { notes.append("parameter \(name): \(w)") }
                    parameters[name] = c.text
                } else {
                    parameters[name] = v
                }
            }
        }
        return Parsed(value: value, parameters: parameters, notes: notes)
    }

    /// RFC 2231: sorts sections, percent-decodes extended ones, applies the first section's
    /// charset to the whole byte run.
    private static func joinRFC2231(_ parts: [(index: Int, extended: Bool, value: [UInt8])], name: String, notes: inout [String]) -> String {
        let sorted = parts.sorted { $0.index < $1.index }
        var charset: String?
        var bytes: [UInt8] = []
        for (n, part) in sorted.enumerated() {
            var v = part.value[...]
            if n == 0, part.extended {
                // charset'language'value
                if let q1 = v.firstIndex(of: 0x27), let q2 = v[(q1 + 1)...].firstIndex(of: 0x27) {
                    let cs = String(decoding: v[v.startIndex..<q1], as: UTF8.self)
                    charset = cs.isEmpty ? nil : cs
                    v = v[(q2 + 1)...]
                } else {
                    notes.append("parameter \(name)* lacks charset'language'; read as UTF-8")
                }
            }
            if part.extended { bytes += percentDecode(v) } else { bytes += v }
        }
        if sorted.map(\.index) != Array(0..<sorted.count) {
            notes.append("parameter \(name) has missing or repeated RFC 2231 sections")
        }
        let c = Charsets.decode(bytes, charset: charset ?? "utf-8")
        if let w = c.warning { notes.append("parameter \(name): \(w)") }
        return c.text
    }

    private static func percentDecode(_ v: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(v.count)
        var i = v.startIndex
        while i < v.endIndex {
            if v[i] == 0x25, i + 2 < v.endIndex, let h = ASCII.hexValue(v[i + 1]), let l = ASCII.hexValue(v[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(v[i])
                i += 1
            }
        }
        return out
    }

    // RFC 5322 §3.2.4: quoted-string = [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE [CFWS]
    /// Reads a quoted string starting at the opening quote; backslash escapes removed.
    static func readQuoted(_ b: [UInt8], _ i: inout Int, notes: inout [String]) -> [UInt8] {
        var out: [UInt8] = []
        i += 1
        while i < b.count {
            let c = b[i]
            if c == ASCII.quote {
                i += 1
                return out
            }
            if c == ASCII.backslash, i + 1 < b.count {
                out.append(b[i + 1])
                i += 2
                continue
            }
            if c != ASCII.cr && c != ASCII.lf { out.append(c) }
            i += 1
        }
        notes.append("unterminated quoted string")
        return out
    }

    /// Skips whitespace and RFC 5322 comments (nested, with quoted pairs).
    static func skipCFWS(_ b: [UInt8], _ i: inout Int) {
        while i < b.count {
            if ASCII.isWhitespace(b[i]) {
                i += 1
            } else if b[i] == ASCII.openParen {
                var depth = 0
                while i < b.count {
                    let c = b[i]
                    if c == ASCII.backslash { i += 2; continue }
                    if c == ASCII.openParen { depth += 1 }
                    if c == ASCII.closeParen { depth -= 1; if depth == 0 { i += 1; break } }
                    i += 1
                }
            } else {
                return
            }
        }
    }
}

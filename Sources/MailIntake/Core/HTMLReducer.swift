/// Reduces an HTML body to readable plain text, for requests sent without a text part.
///
/// Not a browser: it drops `head`, `script`, `style` and quoted `blockquote` blocks (mail
/// clients put earlier replies there), turns block ends and `<br>` into line breaks, strips
/// the remaining tags and decodes character references.
public enum HTMLReducer {
    /// The readable text of `html`.
    public static func reduce(_ html: String) -> String {
        var s = Array(html.unicodeScalars)
        s = removeBlocks(s, tags: ["head", "script", "style", "blockquote", "title"])
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "<" {
                // A tag or comment: find its end, emit a break for block-level tags.
                if i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < s.count, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                    i = j + 3
                    continue
                }
                var j = i + 1
                while j < s.count, s[j] != ">" { j += 1 }
                let name = tagName(s, from: i + 1)
                if ["br", "p", "/p", "div", "/div", "tr", "/tr", "li", "/li", "h1", "h2", "h3", "/h1", "/h2", "/h3",
                    "table", "/table", "ul", "/ul", "ol", "/ol"].contains(name)
                {
                    out.append("\n")
                }
                if name == "td" || name == "th" { out.append(" ") }
                i = j + 1
                continue
            }
            if c == "&" {
                var j = i + 1
                while j < s.count, j - i < 12, s[j] != ";", s[j] != "&", s[j] != "<", !s[j].properties.isWhitespace { j += 1 }
                if j < s.count, s[j] == ";", let decoded = entity(String(String.UnicodeScalarView(s[(i + 1)..<j]))) {
                    out.append(decoded)
                    i = j + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return tidy(String(out))
    }

    /// Collapses runs of spaces and of blank lines; trims each line.
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        var blank = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{00A0}" })
                .joined(separator: " ")
            if line.isEmpty {
                blank += 1
                if blank == 1, !lines.isEmpty { lines.append("") }
            } else {
                blank = 0
                lines.append(line)
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Lower-case tag name after "<" (with a leading "/" for end tags).
    static func tagName(_ s: [Unicode.Scalar], from start: Int) -> String {
        var name = String.UnicodeScalarView()
        var j = start
        if j < s.count, s[j] == "/" {
            name.append("/")
            j += 1
        }
        while j < s.count, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) {
            name.append(s[j])
            j += 1
        }
        return String(name).lowercased()
    }

    /// Removes `<tag …>…</tag>` for each tag (nesting counted), case-insensitively.
    static func removeBlocks(_ s: [Unicode.Scalar], tags: Set<String>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var depth = 0
        var current = ""
        var i = 0
        while i < s.count {
            if s[i] == "<" {
                let name = tagName(s, from: i + 1)
                if depth == 0, tags.contains(name) {
                    depth = 1
                    current = name
                } else if depth > 0, name == current {
                    depth += 1
                } else if depth > 0, name == "/" + current {
                    depth -= 1
                    if depth == 0 {
                        while i < s.count, s[i] != ">" { i += 1 }
                        i += 1
                        out.append("\n")
                        continue
                    }
                }
            }
            if depth == 0 { out.append(s[i]) }
            i += 1
        }
        return out
    }

    static func entity(_ name: String) -> Unicode.Scalar? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        case "eacute": return "é"
        case "egrave": return "è"
        case "agrave": return "à"
        case "ccedil": return "ç"
        case "pound": return "£"
        case "euro": return "€"
        case "rsquo", "lsquo": return "'"
        case "rdquo", "ldquo": return "\""
        case "ndash": return "–"
        case "mdash": return "—"
        case "hellip": return "…"
        default: return nil
        }
    }
}

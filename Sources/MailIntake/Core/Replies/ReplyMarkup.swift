/// The small line format the reply templates are written in, turned into the text/plain and
/// the text/html part: one template, two renderings, so the two parts never say different things.
///
/// - a blank line separates paragraphs; lines of one paragraph stay separate lines;
/// - `# Title` is a heading;
/// - `- item` is a bullet; `2. item` is a numbered line whose number is kept as written
///   (callback windows keep the number they were first offered under).
///
/// Nothing else is markup: text from mail (file names, names) is escaped in HTML, and only the
/// configured links (the terms URL) become `<a>` elements.
struct ReplyMarkup {
    enum Block: Equatable {
        case heading(String)
        case paragraph([String])
        case bullets([String])
        case numbered([(number: String, text: String)])

        static func == (a: Block, b: Block) -> Bool {
            switch (a, b) {
            case (.heading(let x), .heading(let y)): x == y
            case (.paragraph(let x), .paragraph(let y)), (.bullets(let x), .bullets(let y)): x == y
            case (.numbered(let x), .numbered(let y)): x.map(\.number) == y.map(\.number) && x.map(\.text) == y.map(\.text)
            default: false
            }
        }
    }

    let blocks: [Block]

    init(_ rendered: String) {
        var blocks: [Block] = []
        var lines: [String] = []
        func flush() {
            if !lines.isEmpty { blocks.append(.paragraph(lines)) }
            lines = []
        }
        for raw in rendered.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("# ") {
                flush()
                blocks.append(.heading(String(line.dropFirst(2))))
            } else if line.hasPrefix("- ") {
                flush()
                let item = String(line.dropFirst(2))
                if case .bullets(let items)? = blocks.last { blocks[blocks.count - 1] = .bullets(items + [item]) } else { blocks.append(.bullets([item])) }
            } else if let (n, text) = Self.numbered(line) {
                flush()
                if case .numbered(let items)? = blocks.last {
                    blocks[blocks.count - 1] = .numbered(items + [(n, text)])
                } else {
                    blocks.append(.numbered([(n, text)]))
                }
            } else {
                lines.append(line)
            }
        }
        flush()
        self.blocks = blocks
    }

    /// "12. text" → ("12", "text").
    static func numbered(_ line: String) -> (String, String)? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") else { return nil }
        return (String(digits), String(rest.dropFirst(2)))
    }

    /// The text/plain rendering: headings underlined, bullets and numbers as written.
    var plainText: String {
        blocks.map { block -> String in
            switch block {
            case .heading(let t): return t + "\n" + String(repeating: "-", count: min(60, max(3, t.count)))
            case .paragraph(let lines): return lines.joined(separator: "\n")
            case .bullets(let items): return items.map { "- " + $0 }.joined(separator: "\n")
            case .numbered(let items): return items.map { "\($0.number). \($0.text)" }.joined(separator: "\n")
            }
        }.joined(separator: "\n\n")
    }

    /// The HTML rendering: a fragment with inline styles only (mail clients drop `<style>`).
    /// `links` (configured URLs) become links; `verbatim` values (phone numbers, the case
    /// reference) are kept left-to-right and unbroken inside right-to-left text.
    func html(links: [String], verbatim: [String] = []) -> String {
        func inline(_ s: String) -> String {
            var out = HTMLText.escape(s)
            for value in verbatim where !value.isEmpty {
                let e = HTMLText.escape(value)
                out = out.replacingOccurrences(of: e, with: "<span dir=\"ltr\" style=\"white-space:nowrap\">\(e)</span>")
            }
            for link in links where !link.isEmpty {
                let e = HTMLText.escape(link)
                out = out.replacingOccurrences(of: e, with: "<a href=\"\(e)\" dir=\"ltr\" style=\"color:#0b5394\">\(e)</a>")
            }
            return out
        }
        let p = "margin:0 0 14px 0"
        return blocks.map { block -> String in
            switch block {
            case .heading(let t):
                return "<h2 style=\"margin:22px 0 8px 0;font-size:17px;line-height:1.3;color:#0b3d5c\">\(inline(t))</h2>"
            case .paragraph(let lines):
                return "<p style=\"\(p)\">" + lines.map(inline).joined(separator: "<br>\n") + "</p>"
            case .bullets(let items):
                return "<ul style=\"margin:0 0 14px 0;padding-inline-start:22px\">\n"
                    + items.map { "<li style=\"margin:0 0 6px 0\">\(inline($0))</li>" }.joined(separator: "\n") + "\n</ul>"
            case .numbered(let items):
                return "<ul style=\"margin:0 0 14px 0;padding:0;list-style:none\">\n"
                    + items.map { "<li style=\"margin:0 0 6px 0\"><strong>\(HTMLText.escape($0.number)).</strong> \(inline($0.text))</li>" }
                    .joined(separator: "\n") + "\n</ul>"
            }
        }.joined(separator: "\n")
    }
}

/// Phrases mapped to what they mean, as data: a new way of saying something is one more
/// line in a table (`ReadingTables`) and one more corpus sentence, not new code.
///
/// A pattern is written folded (see `TextFolding`), words separated by spaces:
/// - `word` matches the word exactly; in Arabic also with a clitic in front (و ف ب ل ك ال وال
///   بال فال لل كال), so `هاتف` matches `بالهاتف`;
/// - `stem*` matches any word starting with `stem` (`radiolog*`);
/// - `a|b|c` matches any of the alternatives (each may itself be a stem), and `x_ray` is
///   the two words "x ray" as one alternative;
/// - `~` skips zero to three words, `~~` zero to six (never across a clause);
/// - `#` matches a number, `^` the start of the sentence, `@name` a capitalised name.
public struct PhraseTable: Sendable {
    /// One line of a table: the pattern and the cue it gives.
    public struct Line: Sendable {
        public var pattern: String
        public var cue: ReadingCue
        public init(_ pattern: String, _ cue: ReadingCue) {
            self.pattern = pattern
            self.cue = cue
        }
    }

    /// One place a line matched.
    public struct Hit: Sendable, Equatable {
        public var cue: ReadingCue
        /// Token indices [start, end) in the sentence.
        public var start: Int
        public var end: Int
    }

    enum Slot: Sendable {
        /// Alternatives, each a run of one or more words ("x_ray" is two).
        case words([[Word]])
        case gap(Int)
        case number
        /// `^`: the start of the sentence.
        case start
    }

    struct Word: Sendable {
        var text: String
        var isStem: Bool
        func matches(_ t: String) -> Bool {
            if isStem { return t.hasPrefix(text) }
            if t == text { return true }
            if text == "@name" { return false }  // handled by the matcher, which sees the token
            if text == "#" { return !t.isEmpty && t.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
            guard t.count > text.count + 0, t.hasSuffix(text) else { return false }
            return PhraseTable.arabicClitics.contains(String(t.dropLast(text.count)))
        }
    }

    struct Compiled: Sendable {
        var slots: [Slot]
        var cue: ReadingCue
        var length: Int
    }

    static let arabicClitics: Set<String> = ["و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "لل", "كال", "وب", "ول", "وبال", "ولل"]

    let exact: [String: [Compiled]]
    let others: [Compiled]

    public init(_ lines: [Line]) {
        var exact: [String: [Compiled]] = [:]
        var others: [Compiled] = []
        for line in lines {
            let slots = Self.compile(line.pattern)
            let c = Compiled(slots: slots, cue: line.cue, length: line.pattern.count)
            if case .words(let first)? = slots.first, first.allSatisfy({ !$0[0].isStem && $0[0].text != "#" }) {
                for w in Set(first.map { $0[0].text }) { exact[w, default: []].append(c) }
            } else {
                others.append(c)
            }
        }
        self.exact = exact
        self.others = others
    }

    static func compile(_ pattern: String) -> [Slot] {
        pattern.split(separator: " ").map { part -> Slot in
            if part == "~" { return .gap(3) }
            if part == "~~" { return .gap(6) }
            if part == "#" { return .number }
            if part == "^" { return .start }
            return .words(
                part.split(separator: "|").map { alt in
                    alt.split(separator: "_").map { w in
                        let folded = TextFolding.fold(w)
                        return folded.hasSuffix("*")
                            ? Word(text: String(folded.dropLast()), isStem: true) : Word(text: folded, isStem: false)
                    }
                })
        }
    }

    /// Every match in `s`; where matches of one family overlap, only the longest is kept.
    public func hits(in s: Sentence) -> [Hit] {
        var found: [Hit] = []
        for i in s.tokens.indices {
            let clauseEnd = s.clause(of: i).upperBound
            for c in candidates(for: s.tokens[i]) {
                if let end = Self.match(c.slots, 0, s, i, clauseEnd) {
                    found.append(Hit(cue: c.cue, start: i, end: end))
                }
            }
        }
        // Longest first; a hit inside a longer hit is dropped ("mri report" is not "mri").
        found.sort { ($0.end - $0.start, -$0.start) > ($1.end - $1.start, -$1.start) }
        var kept: [Hit] = []
        for h in found where !kept.contains(where: { $0.cue.family == h.cue.family && $0.start < h.end && h.start < $0.end }) {
            kept.append(h)
        }
        return kept.sorted { $0.start < $1.start }
    }

    func candidates(for t: Sentence.Token) -> [Compiled] {
        var out = exact[t.folded] ?? []
        if t.isArabic {
            for clitic in Self.arabicClitics where t.folded.hasPrefix(clitic) && t.folded.count > clitic.count + 1 {
                out += exact[String(t.folded.dropFirst(clitic.count))] ?? []
            }
        }
        return out + others
    }

    /// The end of a match of `slots[k...]` starting at token `i`, or nil.
    static func match(_ slots: [Slot], _ k: Int, _ s: Sentence, _ i: Int, _ limit: Int) -> Int? {
        if k == slots.count { return i }
        switch slots[k] {
        case .gap(let n):
            for skip in 0...n where i + skip <= limit {
                if let e = match(slots, k + 1, s, i + skip, limit) { return e }
            }
            return nil
        case .start:
            return i == 0 ? match(slots, k + 1, s, i, limit) : nil
        case .number:
            guard i < limit, s.tokens[i].isNumber else { return nil }
            return match(slots, k + 1, s, i + 1, limit)
        case .words(let alternatives):
            var best: Int?
            for run in alternatives where i + run.count <= limit {
                if run.count == 1, run[0].text == "@name" {
                    guard RequestReader.isNameWord(s.tokens[i]), let e = match(slots, k + 1, s, i + 1, limit) else { continue }
                    best = max(best ?? -1, e)
                    continue
                }
                guard run.indices.allSatisfy({ run[$0].matches(s.tokens[i + $0].folded) }) else { continue }
                if let e = match(slots, k + 1, s, i + run.count, limit), e > (best ?? -1) { best = e }
            }
            return best
        }
    }
}

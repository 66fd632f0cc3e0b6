/// One sentence of the request, split into word tokens and clauses.
///
/// The reader works on sentences because that is where a statement lives: "no" in one
/// sentence says nothing about a scan named in the next. Clauses bound negation further:
/// "I have no CD, but I have the MRI images" negates the CD only.
public struct Sentence: Sendable, Equatable {
    /// A word as written and as folded, with where it sits in `text`.
    public struct Token: Sendable, Equatable {
        /// The folded form the tables are matched against.
        public var folded: String
        /// The range of the word in the sentence's `text`.
        public var range: Range<String.Index>
        /// Punctuation (not only spaces) stands between this token and the previous one.
        public var punctuationBefore: Bool
        /// Written with a capital first letter (a name, in Latin script).
        public var isCapitalized: Bool
        /// Written in Arabic script.
        public var isArabic: Bool
        /// All digits (after folding, so Arabic-Indic digits count).
        public var isNumber: Bool
    }

    /// The sentence as written.
    public var text: String
    public var tokens: [Token]
    /// Token index ranges of the clauses, in order, covering every token.
    public var clauses: [Range<Int>]

    /// The clause holding token `i`.
    public func clause(of i: Int) -> Range<Int> {
        clauses.first { $0.contains(i) } ?? 0..<tokens.count
    }

    /// The original words from token `a` through token `b`, as written.
    public func original(_ a: Int, _ b: Int) -> String {
        String(text[tokens[a].range.lowerBound..<tokens[b].range.upperBound])
    }

    /// Splits `text` into its word tokens (letters and digits; apostrophes, hyphens and the
    /// change from digits to letters separate words, so "n'ai" is "n" "ai" and "4pm" is "4" "pm").
    public init(_ text: String) {
        self.text = text
        var tokens: [Token] = []
        var start: String.Index?
        var punct = false
        var lastKindDigit = false
        var i = text.startIndex
        func close(_ end: String.Index) {
            guard let s = start else { return }
            let word = text[s..<end]
            let folded = TextFolding.fold(word)
            let first = word.unicodeScalars.first!
            tokens.append(
                Token(
                    folded: folded, range: s..<end, punctuationBefore: punct,
                    isCapitalized: first.properties.isUppercase,
                    isArabic: TextFolding.isArabicLetter(first),
                    isNumber: folded.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }))
            start = nil
            punct = false
        }
        while i < text.endIndex {
            let c = text[i]
            let isDigit = c.isNumber
            if c.isLetter || isDigit {
                if start != nil, isDigit != lastKindDigit { close(i) }
                if start == nil { start = i }
                lastKindDigit = isDigit
            } else {
                close(i)
                if !c.isWhitespace { punct = true }
            }
            i = text.index(after: i)
        }
        close(text.endIndex)
        self.tokens = tokens
        self.clauses = Self.clauses(of: tokens, in: text)
    }

    /// Words that start a new clause (the scope of a negation ends before them).
    static let clauseBreakers: Set<String> = [
        "but", "however", "although", "though", "whereas", "instead", "mais", "cependant", "pourtant", "sinon",
        "لكن", "ولكن", "لكني", "لكنني", "بينما", "اما",
    ]

    static func clauses(of tokens: [Token], in text: String) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (i, t) in tokens.enumerated() where i > start {
            let gap = text[tokens[i - 1].range.upperBound..<t.range.lowerBound]
            if gap.contains(",") || gap.contains(";") || gap.contains("،") || gap.contains("(") || gap.contains(")")
                || clauseBreakers.contains(t.folded)
            {
                out.append(start..<i)
                start = i
            }
        }
        out.append(start..<tokens.count)
        return out
    }
}

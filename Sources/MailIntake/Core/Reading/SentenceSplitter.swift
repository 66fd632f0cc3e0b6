/// Splits a request into sentences the way people write mail: full stops, question and
/// exclamation marks (Arabic ؟ too), and line breaks, except where a line break only wraps a
/// long line ("…we would like a\nsecond opinion") or a full stop belongs to a number,
/// an address or an abbreviation ("4.30", "j.smith@…", "Dr.", "e.g.").
public enum SentenceSplitter {
    /// The sentences of `text`, as written, without empty ones.
    public static func split(_ text: String) -> [Sentence] {
        pieces(text).map { Sentence($0) }.filter { !$0.tokens.isEmpty }
    }

    /// Abbreviations whose full stop does not end a sentence (folded, without the dot).
    static let abbreviations: Set<String> = [
        "dr", "mr", "mrs", "ms", "mme", "mlle", "st", "no", "nr", "prof", "e.g", "i.e", "eg", "ie", "etc", "vs", "approx",
        "tel", "tél", "m", "pr", "ref", "cf", "p", "pp", "jr", "sr",
    ]

    static func pieces(_ text: String) -> [String] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var out: [String] = []
        var current = ""
        for (n, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                flush(&current, into: &out)
                continue
            }
            // A wrapped line continues the sentence: the previous line was long and this one
            // starts in lower case.
            let previous = n > 0 ? lines[n - 1] : ""
            let continues = previous.count >= 60 && (trimmed.first.map { $0.isLowercase } ?? false)
            if !continues { flush(&current, into: &out) }
            current += current.isEmpty ? trimmed : " " + trimmed
            splitStops(&current, into: &out)
        }
        flush(&current, into: &out)
        return out
    }

    /// Moves every finished sentence of `current` into `out`, keeping the unfinished tail.
    static func splitStops(_ current: inout String, into out: inout [String]) {
        var start = current.startIndex
        var i = current.startIndex
        while i < current.endIndex {
            let c = current[i]
            let next = current.index(after: i)
            if "!?؟".contains(c) || (c == "." && endsSentence(current, dot: i, next: next)) {
                var end = next
                while end < current.endIndex, ".!?؟".contains(current[end]) { end = current.index(after: end) }
                let piece = current[start..<end].trimmingCharacters(in: .whitespaces)
                if !piece.isEmpty { out.append(piece) }
                start = end
                i = end
                continue
            }
            i = next
        }
        current = String(current[start...]).trimmingCharacters(in: .whitespaces)
    }

    static func endsSentence(_ s: String, dot: String.Index, next: String.Index) -> Bool {
        // Only a dot followed by a space (or the end) ends a sentence: not "4.30" or "a.b@c".
        guard next == s.endIndex || s[next].isWhitespace else { return false }
        var j = dot
        var word = ""
        while j > s.startIndex {
            let p = s.index(before: j)
            if s[p].isWhitespace { break }
            word.insert(s[p], at: word.startIndex)
            j = p
        }
        if word.count == 1, word.first?.isLetter == true { return false }  // an initial: "J. Smith"
        return !abbreviations.contains(TextFolding.fold(word))
    }

    static func flush(_ current: inout String, into out: inout [String]) {
        let t = current.trimmingCharacters(in: .whitespaces)
        if !t.isEmpty { out.append(t) }
        current = ""
    }
}

import Foundation

import Foundation

@testable import MailIntake

/// The phrase corpus (`Fixtures/reading-corpus-*.txt`): requests as people write them, each
/// with what the reader must make of it, and the scoring behind `scripts/reading-report`.
struct ReadingCorpus {
    /// One line of the corpus.
    struct Entry {
        var line: String
        var language: String
        var text: String
        var expected: [String: String]
        var xfail: Set<String>
        /// The corpus file it comes from ("mixed" for the mixed-language and whole-mail lines).
        var source: String
    }

    /// The judgements scored, with their default (negative) value.
    static let judgements: [(name: String, negative: String)] = [
        ("language", ""), ("service", "none"), ("contact", "unknown"), ("behalf", "no"), ("arrange", "no"), ("wish", "no"),
        ("letter", "no"),
    ]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The corpus the tables were written against.
    static let tuningFiles = ["reading-corpus-en.txt", "reading-corpus-fr.txt", "reading-corpus-ar.txt", "reading-corpus-mixed.txt"]
    /// The held-out corpus: written fresh and measured once before any table was changed for it.
    static let heldOutFiles = ["reading-heldout.txt"]

    static func load(_ files: [String] = tuningFiles) throws -> [Entry] {
        var out: [Entry] = []
        for name in files {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for raw in text.split(separator: "\n") where !raw.hasPrefix("#") && !raw.trimmingCharacters(in: .whitespaces).isEmpty {
                let cols = raw.components(separatedBy: " | ")
                guard cols.count >= 2 else { continue }
                var expected: [String: String] = [:]
                var xfail: Set<String> = []
                let keys = cols.count > 2 ? cols[2] : ""
                // "name=Margaret Hughes" may hold spaces: a key starts a new pair only when it has "=".
                var current: String?
                for word in keys.split(separator: " ") {
                    if let eq = word.firstIndex(of: "="), !word[..<eq].contains(where: { !$0.isLetter }) {
                        let k = String(word[..<eq])
                        current = k
                        expected[k] = String(word[word.index(after: eq)...])
                    } else if let k = current {
                        expected[k, default: ""] += " " + word
                    }
                }
                if let x = expected.removeValue(forKey: "xfail") { xfail = Set(x.split(separator: ",").map(String.init)) }
                expected["language"] = cols[0].trimmingCharacters(in: .whitespaces)
                out.append(
                    Entry(
                        line: String(raw), language: expected["language"]!,
                        text: cols[1].replacingOccurrences(of: "\\n", with: "\n"), expected: expected, xfail: xfail,
                        source: name.replacingOccurrences(of: "reading-corpus-", with: "").replacingOccurrences(of: ".txt", with: "")))
            }
        }
        return out
    }

    /// What the reader made of `text`, in the corpus's words.
    static func actual(_ text: String) -> [String: String] {
        let request = RequestExtractor.read(body: text, subject: "")
        let r = request.reading
        var out: [String: String] = [:]
        out["language"] = r.language.rawValue
        out["service"] = r.service.map { $0 == .recordsReview ? "records" : "images" } ?? "none"
        out["contact"] = r.preferredContact.rawValue
        out["behalf"] = r.patient.onBehalf ? (r.patient.relationship ?? "yes") : "no"
        if let n = r.patient.name { out["name"] = n }
        out["arrange"] = r.hasImagesToArrange(imagesSent: 0, limit: 3) ? "yes" : "no"
        out["wish"] = r.callbackWish == nil ? "no" : "yes"
        out["letter"] = r.guaranteeLetterMentioned ? "yes" : "no"
        return out
    }

    /// True when `actual` satisfies the expectation for `judgement` ("behalf=yes" accepts any relationship).
    static func agrees(_ judgement: String, expected: String, actual: String) -> Bool {
        if judgement == "behalf", expected == "yes" { return actual != "no" }
        return expected == actual
    }

    /// Precision and recall of one judgement over entries: a prediction counts when it is not
    /// the negative value; it is right when it agrees with the expectation.
    struct Score {
        var tp = 0, fp = 0, fn = 0, n = 0
        var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
        var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    }

    static func score(_ entries: [Entry], judgement: String, negative: String) -> Score {
        var s = Score()
        for e in entries {
            let a = actual(e.text)
            let expected = e.expected[judgement] ?? negative
            let got = a[judgement] ?? negative
            s.n += 1
            let ok = agrees(judgement, expected: expected, actual: got)
            if got != negative {
                if ok { s.tp += 1 } else { s.fp += 1 }
            }
            if expected != negative, !ok { s.fn += 1 }
        }
        return s
    }
}

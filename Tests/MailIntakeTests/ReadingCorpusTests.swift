import Foundation
import Testing

@testable import MailIntake

/// Every corpus line yields what it says, except the judgements it marks `xfail` (the known
/// misses, which the report counts); with `READING_REPORT=1` the precision and recall per
/// judgement and per language are printed (`scripts/reading-report`), for the tuning corpus
/// and for the held-out one.
@Suite struct ReadingCorpusTests {
    @Test func theCorpusHoldsAtLeastThreeHundredRequestsInTheThreeLanguages() throws {
        let entries = try ReadingCorpus.load()
        #expect(entries.count >= 300)
        for lang in ["en", "fr", "ar"] { #expect(entries.filter { $0.language == lang }.count >= 60, "\(lang)") }
    }

    @Test func theHeldOutCorpusHoldsAtLeastSixtyRequestsInTheThreeLanguages() throws {
        let entries = try ReadingCorpus.load(ReadingCorpus.heldOutFiles)
        #expect(entries.count >= 60)
        for lang in ["en", "fr", "ar"] { #expect(entries.filter { $0.language == lang }.count >= 15, "\(lang)") }
    }

    @Test(arguments: [ReadingCorpus.tuningFiles, ReadingCorpus.heldOutFiles])
    func everyLineYieldsWhatItSays(_ files: [String]) throws {
        var failures: [String] = []
        for e in try ReadingCorpus.load(files) {
            let a = ReadingCorpus.actual(e.text)
            for (judgement, negative) in ReadingCorpus.judgements + [("name", "")] {
                let expected = e.expected[judgement] ?? negative
                let got = a[judgement] ?? negative
                if judgement == "name", e.expected["name"] == nil { continue }
                let ok = ReadingCorpus.agrees(judgement, expected: expected, actual: got)
                if ok == e.xfail.contains(judgement) {
                    failures.append("\(judgement): expected \(expected), got \(got)\(ok ? " (marked xfail but now right)" : ""): \(e.line)")
                }
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) mismatches:\n" + failures.joined(separator: "\n")))
    }

    @Test func report() throws {
        guard ProcessInfo.processInfo.environment["READING_REPORT"] != nil else { return }
        var lines: [String] = []
        func row(_ label: String, _ subset: [ReadingCorpus.Entry]) {
            var cells = [label.padding(toLength: 10, withPad: " ", startingAt: 0) + String(subset.count).leftPad(5)]
            for (j, neg) in ReadingCorpus.judgements {
                let s = ReadingCorpus.score(subset, judgement: j, negative: neg)
                cells.append(String(format: "%@ P %.2f R %.2f", j, s.precision, s.recall))
            }
            lines.append(cells.joined(separator: " | "))
        }
        let tuning = try ReadingCorpus.load()
        lines.append("reading-report: tuning corpus, \(tuning.count) requests")
        row("all", tuning)
        for lang in ["en", "fr", "ar"] { row(lang, tuning.filter { $0.language == lang }) }
        row("mixed", tuning.filter { $0.source == "mixed" })
        let heldOut = try ReadingCorpus.load(ReadingCorpus.heldOutFiles)
        lines.append("reading-report: held-out corpus, \(heldOut.count) requests")
        row("all", heldOut)
        for lang in ["en", "fr", "ar"] { row(lang, heldOut.filter { $0.language == lang }) }
        row("mails", heldOut.filter { $0.text.contains("\n") })
        let misses = heldOut.reduce(0) { $0 + $1.xfail.count }
        lines.append("reading-report: held-out judgements still marked xfail: \(misses)")
        lines.append("reading-report: end")
        print(lines.joined(separator: "\n"))
        #expect(lines.count == 14)
    }
}

extension String {
    fileprivate func leftPad(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}

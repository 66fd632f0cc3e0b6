/// Who the opinion is for: "on behalf of my mother, Margaret Hughes", "pour mon père",
/// "والدتي", an embassy's "our national Mr Khalid Al Mansouri" (often only in the subject).
extension RequestReader {
    static func readPatient(_ all: [[Finding]], _ sentences: [Sentence], subject: String) -> RequestReading.PatientReading {
        var p = RequestReading.PatientReading()
        var selfOnly = false
        for f in all.joined() where !f.negated {
            let s = sentences[f.sentence]
            switch f.hit.cue {
            case .onBehalf:
                p.onBehalf = true
                if p.name == nil { p.name = name(in: s, within: f.hit) }
            case .relation(let label):
                p.onBehalf = true
                if p.relationship == nil { p.relationship = label }
                if p.name == nil { p.name = name(in: s, within: f.hit) }
            case .nameIntro:
                if p.name == nil { p.name = name(in: s, after: f.hit.end) }
            case .selfPatient:
                selfOnly = true
            default: break
            }
        }
        if selfOnly, p.relationship == nil { p.onBehalf = false }
        // The subject: embassies put the national's name there ("Medical report - Mr Ahmed Ali").
        if p.name == nil, !subject.isEmpty {
            let s = Sentence(subject)
            for h in ReadingTables.table.hits(in: s) where h.cue.family == 4 {
                if case .selfPatient = h.cue { continue }
                if let n = name(in: s, after: h.end) {
                    p.name = n
                    break
                }
            }
        }
        return p
    }

    /// A name right after a word of the hit ("my wife Sarah Collins was told …") or after it.
    static func name(in s: Sentence, within hit: PhraseTable.Hit) -> String? {
        for p in (hit.start + 1)...hit.end {
            if let n = name(in: s, after: p) { return n }
        }
        return nil
    }

    /// Capitalised words that are not names.
    static let notNames: Set<String> = [
        "i", "she", "he", "they", "the", "her", "his", "who", "age", "aged", "born", "dob", "date", "we", "it", "this", "please",
        "thank", "thanks", "dear", "hi", "hello", "my", "our", "and", "has", "is", "was", "a", "an", "in", "at", "on", "for",
        "with", "from", "to", "of", "mr", "mrs", "ms", "miss", "dr", "sheikh", "sheikha", "il", "elle", "qui", "age", "agee",
        "ne", "nee", "le", "la", "les", "de", "du", "des", "m", "mme", "madame", "monsieur", "second", "medical", "opinion",
        "request", "report", "reports", "review", "embassy", "consulate", "ambassade", "avis", "demande", "rapport", "patient",
        "patiente", "citizen", "national", "nationals", "regarding", "re", "fw", "fwd", "tr", "mri", "ct", "scan", "urgent",
        "years", "year", "old", "ans", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]
    /// Relationship words skipped before a name ("on behalf of my mother Fatima", "نيابة عن والدتي فاطمة").
    static let relationWords: Set<String> = Set(
        ReadingTables.relations.flatMap { r in
            [r.english, r.french, r.arabic].flatMap { $0.split(separator: "|").map { TextFolding.fold($0) } }
        } + ["my", "our", "ma", "mon", "notre"])
    /// Titles skipped before a name ("my mother, Mrs Jane Doe").
    static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "dr", "m", "mme", "mlle", "madame", "monsieur", "sheikh", "sheikha", "السيد", "السيده", "الشيخ", "الشيخه"]
    /// Arabic words that end a name ("والدتي فاطمة أحمد تعاني من …").
    static let arabicStops: Set<String> = [
        "من", "في", "على", "علي", "الى", "عن", "عمره", "عمرها", "البالغ", "البالغه", "يعاني", "تعاني", "مصاب", "مصابه", "الذي",
        "التي", "وهو", "وهي", "لديه", "لديها", "حفظه", "حفظها", "الله", "المحترم", "المحترمه", "رقم", "جواز", "الجنسيه", "سعودي",
        "سعوديه", "الجنسية", "المريض", "المريضه", "المواطن", "المواطنه", "يحمل", "تحمل", "بخصوص", "طلب", "راي", "طبي", "ثاني",
        "و", "او", "ان", "هو", "هي", "كان", "كانت", "منذ", "الي", "لمده", "سنه", "عاما", "عام", "مع", "بعد", "قبل", "تم", "لقد",
    ]

    /// The name written right after token `i` (titles and a comma allowed before it): up to
    /// four capitalised words in Latin script, or up to four Arabic words before a stop word.
    static func name(in s: Sentence, after i: Int) -> String? {
        var j = i
        while j < s.tokens.count,
            titles.contains(s.tokens[j].folded) || relationWords.contains(s.tokens[j].folded) || ["name", "is", "nom"].contains(s.tokens[j].folded)
        {
            j += 1
        }
        guard j < s.tokens.count else { return nil }
        let first = s.tokens[j]
        var end = j
        if first.isArabic {
            guard !arabicStops.contains(first.folded), !isCue(s, j) else { return nil }
            while end + 1 < s.tokens.count, end + 1 - j < 4, s.tokens[end + 1].isArabic, !arabicStops.contains(s.tokens[end + 1].folded),
                !gapBreaks(s, end + 1), !isCue(s, end + 1)
            {
                end += 1
            }
        } else {
            guard isNameWord(first) else { return nil }
            while end + 1 < s.tokens.count, end + 1 - j < 4, isNameWord(s.tokens[end + 1], first: false), !gapBreaks(s, end + 1) {
                end += 1
            }
            // "O'" of "O'Neill" is part of the name; a lone capital at the end is not ("Peter J").
            if s.tokens[end].folded.count == 1 { end -= 1 }
        }
        let name = s.original(j, end)
        return name.count >= 2 ? name : nil
    }

    static func isNameWord(_ t: Sentence.Token, first: Bool = true) -> Bool {
        t.isCapitalized && !t.isArabic && !t.isNumber && !notNames.contains(t.folded) && t.folded.count >= (first ? 2 : 1)
    }

    /// Punctuation other than a hyphen or an apostrophe between token `k - 1` and `k`.
    static func gapBreaks(_ s: Sentence, _ k: Int) -> Bool {
        let gap = s.text[s.tokens[k - 1].range.upperBound..<s.tokens[k].range.lowerBound]
        return gap.contains { !$0.isWhitespace && $0 != "-" && $0 != "'" && $0 != "’" }
    }

    /// Token `k` is itself a word of the tables (a relation, a verb of a phrase).
    static func isCue(_ s: Sentence, _ k: Int) -> Bool {
        NumberWords.value(of: s.tokens[k].folded) != nil
    }
}

/// Who the opinion is for: "on behalf of my mother, Margaret Hughes", "pour mon père",
/// "والدتي", an embassy's "our national Mr Khalid Al Mansouri" (often only in the subject).
extension RequestReader {
    static func readPatient(_ all: [[Finding]], _ sentences: [Sentence], subject: String) -> RequestReading.PatientReading {
        var p = RequestReading.PatientReading()
        var selfOnly = false
        var ownName: String?
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
            case .selfName:
                if ownName == nil { ownName = name(in: s, after: f.hit.end) }
            default: break
            }
        }
        if selfOnly, p.relationship == nil { p.onBehalf = false }
        // "I am Ahmed Ali, 45": writing for themself, the patient is the writer.
        if !p.onBehalf, p.name == nil, let ownName { p.name = ownName }
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
        "عمري", "وعمري", "وانا", "انا", "اعاني", "واعاني", "لدي", "ولدي", "مريض", "مريضه", "اكتب", "ارجو", "اريد", "وارغب",
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

    /// Words of a subject that are never a name ("Second Medical Opinion Request – …").
    static let subjectWords: Set<String> = [
        "case", "consultation", "referral", "appointment", "treatment", "file", "documents", "enquiry", "inquiry", "query",
        "update", "follow", "up", "new", "info", "information", "embassy", "ministry", "health", "office", "attache", "letter",
        "guarantee", "kingdom", "royal", "state", "cultural", "mission", "bureau", "passport", "mrn", "id", "ref", "no",
        "dossier", "demande", "second", "seconde", "avis", "medical", "medicale", "opinion", "patient", "patiente", "pour",
        "طلب", "راي", "رأي", "طبي", "ثاني", "ثان", "استشاره", "استشارة", "المريض", "المريضه", "المواطن", "المواطنه", "تقرير", "بخصوص",
        "حاله", "حالة", "ملف", "السفاره", "الملحقيه", "الصحيه", "جواز", "سفر", "رقم",
    ].reduce(into: []) { $0.insert(TextFolding.fold($1)) }
    /// Small words inside a name ("Mohammed bin Salman", "Nour el Din").
    static let nameConnectors: Set<String> = ["bin", "bint", "ibn", "al", "el", "abu", "abd", "de", "da", "van"]

    /// The name an embassy puts in the subject without a title ("Second opinion – Khalid Al
    /// Mansouri – passport K123", "طلب رأي طبي - سالم الدوسري"): the last run of two to four
    /// name words of a part of the subject, read only for sponsors' mail.
    public static func nameInSubject(_ subject: String) -> String? {
        let parts = subject.split(whereSeparator: { "-–—:|/,()[]".contains($0) })
        for part in parts {
            let s = Sentence(String(part).trimmingCharacters(in: .whitespaces))
            let t = s.tokens
            guard !t.isEmpty, !t.contains(where: \.isNumber) else { continue }
            // Drop leading words that are not names ("Request for …", "طلب رأي طبي …").
            var first = 0
            while first < t.count, !isSubjectNameWord(t[first]) { first += 1 }
            let run = t[first...]
            guard (2...6).contains(run.count), run.filter({ !nameConnectors.contains($0.folded) }).count <= 4, run.allSatisfy({ isSubjectNameWord($0) || nameConnectors.contains($0.folded) }),
                isSubjectNameWord(run.last!), run.allSatisfy({ $0.isArabic == run.first!.isArabic })
            else { continue }
            return s.original(first, t.count - 1)
        }
        return nil
    }

    static func isSubjectNameWord(_ t: Sentence.Token) -> Bool {
        guard !subjectWords.contains(t.folded), !notNames.contains(t.folded), !relationWords.contains(t.folded) else { return false }
        if t.isArabic { return !arabicStops.contains(t.folded) }
        return isNameWord(t)
    }
}

/// Reads a request the way a person would: sentence by sentence, each phrase of the tables
/// taken with its negation, and one judgement per question the case asks (language,
/// service, preferred contact and its number, letter of guarantee, images to arrange, who
/// the opinion is for, when to call). Pure and deterministic: text in, `RequestReading` out.
public enum RequestReader {
    /// One phrase found, with whether a negation covers it.
    struct Finding {
        var hit: PhraseTable.Hit
        var negated: Bool
        var sentence: Int
    }

    /// Reads `text` (what the requester wrote now: no quotes, no signature). `subject` adds
    /// the patient's name when only the subject gives it (embassies do).
    public static func read(_ text: String, subject: String = "") -> RequestReading {
        let sentences = SentenceSplitter.split(text)
        var r = RequestReading()
        r.language = LanguageGuess.language(of: sentences, subject: subject)
        var findings: [[Finding]] = []
        for (k, s) in sentences.enumerated() {
            let hits = ReadingTables.table.hits(in: s)
            // A negation inside a phrase that already means something ("couldn't send all the
            // images", "can't make Monday") is that phrase's, not a denial of what follows.
            let owners = hits.filter { [.moreImages, .moveBooking, .cancelBooking].contains($0.cue) }
            let negations = hits.filter { n in
                n.cue == .negation && !owners.contains { $0.start <= n.start && n.end <= $0.end }
            }
            findings.append(
                hits.filter { $0.cue.family != 6 }.map {
                    Finding(hit: $0, negated: Negation.isNegated(start: $0.start, in: s, negations: negations), sentence: k)
                })
        }
        readService(findings, into: &r)
        // The subject names the service too ("MRI second opinion", "records review only").
        let subjectSentence = Sentence(subject)
        let subjectHits = ReadingTables.table.hits(in: subjectSentence)
        let subjectNegations = subjectHits.filter { $0.cue == .negation }
        readService(
            [subjectHits.filter { $0.cue.family == 0 }.map {
                Finding(hit: $0, negated: Negation.isNegated(start: $0.start, in: subjectSentence, negations: subjectNegations), sentence: -1)
            }], into: &r)
        readContact(findings, sentences, into: &r)
        readGuarantee(findings, sentences, into: &r)
        readImagesToArrange(findings, sentences, into: &r)
        r.patient = readPatient(findings, sentences, subject: subject)
        r.callbackWish = readCallbackWish(findings, sentences)
        r.bookingChange = readBookingChange(findings, sentences)
        return r
    }

    static func readService(_ all: [[Finding]], into r: inout RequestReading) {
        for f in all.joined() {
            switch f.hit.cue {
            case .imaging:
                if f.negated { r.imagingDeclined = true } else { r.imagingAsked = true }
            case .recordsOnly where !f.negated:
                r.recordsOnly = true
                r.imagingDeclined = true
            default: break
            }
        }
    }

    /// Words that make a contact phrase a stated preference rather than a passing mention.
    static let preferenceWords: Set<String> = [
        "prefer", "preferred", "preference", "prefers", "best", "rather", "only", "please", "method", "prefere", "preferable",
        "preference", "privilegie", "افضل", "يفضل", "نفضل", "المفضل", "المفضله", "فقط",
    ]

    static func readContact(_ all: [[Finding]], _ sentences: [Sentence], into r: inout RequestReading) {
        var best: (strength: Int, order: Int, contact: IntakeCase.Requester.PreferredContact, sentence: Int)?
        var order = 0
        for f in all.joined() {
            let c: IntakeCase.Requester.PreferredContact
            switch f.hit.cue {
            case .contactPhone: c = f.negated ? .email : .phone
            case .contactEmail: c = f.negated ? .phone : .email
            default: continue
            }
            let s = sentences[f.sentence]
            let strong = s.tokens[f.hit.start..<f.hit.end].contains { preferenceWords.contains($0.folded) }
            let strength = strong ? 2 : 1
            order += 1
            if best == nil || strength > best!.strength { best = (strength, order, c, f.sentence) }
        }
        guard let best else { return }
        r.preferredContact = best.contact
        if best.contact == .phone { r.contactPhone = PhoneNumberFinder.find(in: sentences[best.sentence].text).first }
    }

    static func readGuarantee(_ all: [[Finding]], _ sentences: [Sentence], into r: inout RequestReading) {
        for f in all.joined() where f.hit.cue == .guaranteeLetter {
            let s = sentences[f.sentence]
            // Only "no letter", "pas de prise en charge", "بدون كفالة" deny the letter: "I have not
            // yet received the letter of guarantee" still speaks of one.
            if f.negated, closelyNegated(f.hit.start, in: s), !s.tokens.contains(where: { notYet.contains($0.folded) }) { continue }
            // "LOG" / "LoG" is the letter; "log" in lower case is a diary.
            if f.hit.end - f.hit.start == 1, s.tokens[f.hit.start].folded == "log" {
                let word = s.text[s.tokens[f.hit.start].range]
                if word == "log" || word == "Log" { continue }
            }
            r.guaranteeLetterMentioned = true
        }
    }

    /// Words that make a negated letter one still to come ("not received yet", "pas encore").
    static let notYet: Set<String> = ["yet", "still", "soon", "later", "encore", "bientot", "بعد", "قريبا", "لاحقا", "وسنرسله"]

    /// A negation cue ending at most two words before token `start`.
    static func closelyNegated(_ start: Int, in s: Sentence) -> Bool {
        ReadingTables.table.hits(in: s).contains { $0.cue == .negation && $0.end <= start && start - $0.end <= 2 }
    }

    static func readImagesToArrange(_ all: [[Finding]], _ sentences: [Sentence], into r: inout RequestReading) {
        for f in all.joined() where !f.negated {
            switch f.hit.cue {
            case .moreImages, .disc, .severalSets:
                let text = sentences[f.sentence].text
                if !r.imagesToArrange.contains(text) { r.imagesToArrange.append(text) }
            case .imageCount:
                let s = sentences[f.sentence]
                // "3 of my 8 MRI images": the largest number of the phrase is what they have.
                for t in s.tokens[f.hit.start..<f.hit.end] {
                    if let n = NumberWords.value(of: t.folded) { r.statedImageCount = max(r.statedImageCount ?? 0, n) }
                }
                if !r.imageCountSentences.contains(s.text) { r.imageCountSentences.append(s.text) }
            default: break
            }
        }
    }
}

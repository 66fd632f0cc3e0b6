/// Detects embassy sponsorship (embassies, consulates, health offices, medical attachés,
/// cultural missions, letters of guarantee) from every signal the message carries, in
/// English, Arabic and French. The result is a signal for a person to verify, not proof:
/// the reasons are recorded in words, next to the sender's authentication results.
public enum SponsorDetector {
    /// What the detector looks at.
    public struct Evidence: Sendable {
        /// From, Sender and Reply-To addresses with display names.
        public var senders: [(name: String?, address: String)]
        public var subject: String
        /// The requester's text (quotes and signature removed).
        public var text: String
        /// The signature: an officer signing as "Medical Attaché" makes the sender the sponsor.
        public var signature: String
        public var attachmentNames: [String]
        /// Raw `Authentication-Results` values, topmost first.
        public var authenticationResults: [String]

        public init(
            senders: [(name: String?, address: String)], subject: String, text: String, signature: String = "",
            attachmentNames: [String], authenticationResults: [String]
        ) {
            self.senders = senders
            self.subject = subject
            self.text = text
            self.signature = signature
            self.attachmentNames = attachmentNames
            self.authenticationResults = authenticationResults
        }
    }

    /// The verdict.
    public struct Finding: Sendable, Equatable {
        public var detected: Bool
        public var signals: [String]
        /// The sender itself is the sponsor (requester.kind = embassy).
        public var senderIsSponsor: Bool
        public var authentication: String
    }

    /// Words that name a sponsoring body or its paperwork. Lower-case; Arabic as written.
    static let sponsorTerms: [(term: String, meaning: String)] = [
        ("embassy", "embassy"), ("consulate", "consulate"), ("consular", "consulate"),
        ("health office", "health office"), ("medical office", "health office"),
        ("medical attaché", "medical attaché"), ("medical attache", "medical attaché"),
        ("health attaché", "medical attaché"), ("health attache", "medical attaché"),
        ("cultural attaché", "cultural mission"), ("cultural attache", "cultural mission"),
        ("cultural mission", "cultural mission"), ("cultural bureau", "cultural mission"),
        ("letter of guarantee", "letter of guarantee"), ("guarantee letter", "letter of guarantee"),
        ("سفارة", "embassy (سفارة)"), ("قنصلية", "consulate (القنصلية)"),
        ("الملحقية الطبية", "medical attaché (الملحقية الطبية)"), ("الملحقية الصحية", "medical attaché (الملحقية الصحية)"),
        ("الملحق الطبي", "medical attaché (الملحق الطبي)"), ("الملحقية الثقافية", "cultural mission (الملحقية الثقافية)"),
        ("المكتب الصحي", "health office (المكتب الصحي)"),
        ("خطاب ضمان", "letter of guarantee (خطاب ضمان)"), ("كفالة", "sponsorship (كفالة)"),
        ("ambassade", "embassy (ambassade)"), ("consulat", "consulate"),
        ("attaché médical", "medical attaché (attaché médical)"), ("attache medical", "medical attaché (attaché médical)"),
        ("lettre de garantie", "letter of guarantee (lettre de garantie)"),
        ("prise en charge", "financial cover (prise en charge)"),
    ]

    /// Words in a file name that make it a letter of guarantee.
    static let letterTerms = [
        "letter of guarantee", "guarantee", "financial undertaking", "undertaking", "ضمان", "كفالة", "تعهد", "garantie",
        "prise en charge", "priseencharge", "kafala",
    ]

    /// True when a file name says it is a letter of guarantee ("LOG.pdf", "Guarantee letter.pdf", "خطاب ضمان.pdf").
    public static func isGuaranteeLetter(filename: String) -> Bool {
        let lower = filename.lowercased().replacingOccurrences(of: "_", with: " ")
        if letterTerms.contains(where: { lower.contains($0) }) { return true }
        // "LOG" as a word, written in capitals (lower-case "log" is too common: "blood-log.txt").
        let words = filename.split(whereSeparator: { !$0.isLetter })
        return words.contains("LOG")
    }

    /// Every signal, in the order: sender, subject, text, attachments.
    public static func detect(_ e: Evidence, directory: SponsorDirectory) -> Finding {
        var signals: [String] = []
        var senderIsSponsor = false
        for s in e.senders {
            if let why = directory.match(address: s.address) {
                signals.append(why)
                senderIsSponsor = true
            }
            if let name = s.name, let term = firstTerm(in: name) {
                signals.append("sender name \"\(name)\" mentions \(term)")
                senderIsSponsor = true
            }
        }
        if let term = firstTerm(in: e.subject) { signals.append("subject mentions \(term)") }
        for term in allTerms(in: e.text).prefix(3) { signals.append("message text mentions \(term)") }
        // Only the office's own titles count in a signature, not a guarantee letter mentioned there.
        let officeTerms = allTerms(in: e.signature).filter { !$0.contains("guarantee") && !$0.contains("garantie") && !$0.contains("ضمان") }
        if let term = officeTerms.first {
            signals.append("signature names \(term)")
            senderIsSponsor = true
        }
        for name in e.attachmentNames where isGuaranteeLetter(filename: name) {
            signals.append("attachment \"\(name)\" looks like a letter of guarantee")
        }
        var seen = Set<String>()
        signals = signals.filter { seen.insert($0).inserted }
        return Finding(
            detected: !signals.isEmpty, signals: signals, senderIsSponsor: senderIsSponsor,
            authentication: authenticationSummary(e.authenticationResults))
    }

    static func firstTerm(in text: String) -> String? { allTerms(in: text).first }

    static let termNeedles = sponsorTerms.map { (Array($0.term.utf8), $0.meaning) }

    static func allTerms(in text: String) -> [String] {
        let hay = Array(text.lowercased().utf8)
        var out: [String] = []
        for (needle, meaning) in termNeedles where !out.contains(meaning) && ByteSearch.contains(needle, in: hay) {
            out.append(meaning)
        }
        return out
    }

    /// RFC 8601: `authserv-id; method=result …; …`. Takes the topmost header (the one our
    /// own receiving server added; lower ones may have been written by the sender) and keeps
    /// the dmarc, dkim and spf results.
    public static func authenticationSummary(_ values: [String]) -> String {
        guard let top = values.first else { return "not recorded" }
        var results: [String] = []
        for method in ["dmarc", "dkim", "spf"] {
            let lower = top.lowercased()
            var from = lower.startIndex
            while let r = lower.range(of: method + "=", range: from..<lower.endIndex) {
                let before = r.lowerBound == lower.startIndex ? " " : lower[lower.index(before: r.lowerBound)]
                from = r.upperBound
                guard before == " " || before == ";" || before == "\t" || before == "\n" else { continue }
                let value = lower[r.upperBound...].prefix { $0.isLetter }
                if !value.isEmpty {
                    results.append("\(method)=\(value)")
                    break
                }
            }
        }
        return results.isEmpty ? "not recorded" : results.joined(separator: " ")
    }
}

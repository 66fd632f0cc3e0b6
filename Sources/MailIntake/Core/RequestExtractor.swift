/// Reads the request out of what the requester wrote: the condition description, phone
/// numbers and whether the terms were confirmed in words; everything else the text says
/// (language, service, preferred contact, patient, images to arrange, callback wish) comes
/// from `RequestReader` on the same fresh text.
///
/// Phrase lists are in English, Arabic and French, matched on a normalised form of the text
/// (lower case, curly apostrophes straightened, Arabic alef and ya variants unified), so
/// "I’ve read and accept the T&Cs" and "اوافق على الشروط والاحكام" are found.
public enum RequestExtractor {
    /// What was read.
    public struct Request: Sendable, Equatable {
        /// The description as written now (quotes and signature left out), possibly "".
        public var description: String
        /// The signature, kept apart (sponsor signals and phone numbers live there too).
        public var signature: String
        /// True when the description says something beyond greetings and "see attached".
        public var hasDescription: Bool
        public var phones: [String]
        public var preferredContact: IntakeCase.Requester.PreferredContact
        public var termsConfirmed: Bool
        /// The text asks for images to be reviewed (scan, MRI, CT, X-ray …), not negated and
        /// not overruled by "records only".
        public var mentionsImages: Bool
        /// Everything the request reader understood (language, service, patient, callback wish …).
        public var reading: RequestReading
    }

    /// Reads `body` (plain text; reduce HTML with `HTMLReducer` first). `subject` is used only to
    /// tell a real description from a repeat of the subject.
    public static func read(body: String, subject: String) -> Request {
        let split = QuoteStripper.split(body)
        let fresh = split.fresh
        let all = fresh + "\n" + split.signature
        let n = normalise(fresh)
        let reading = RequestReader.read(fresh, subject: subject)
        // The number they said to call first, then every other one in order.
        var phones = PhoneNumberFinder.find(in: all)
        if let said = reading.contactPhone { phones = [said] + phones.filter { $0 != said } }
        return Request(
            description: fresh, signature: split.signature,
            hasDescription: isMeaningful(fresh, subject: subject),
            phones: phones,
            preferredContact: reading.preferredContact,
            termsConfirmed: termsConfirmed(n),
            mentionsImages: reading.service == .recordsAndImagesReview,
            reading: reading)
    }

    /// Lower case, straight apostrophes, unified Arabic letter variants, single spaces.
    static func normalise(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var lastSpace = false
        for c in s.lowercased().unicodeScalars {
            var c = c
            switch c {
            case "\u{2019}", "\u{2018}", "\u{02BC}", "`": c = "'"
            case "\u{0623}", "\u{0625}", "\u{0622}": c = "\u{0627}"  // أ إ آ → ا
            case "\u{0649}": c = "\u{064A}"  // ى → ي
            case "\u{064B}"..."\u{0652}": continue  // harakat
            default: break
            }
            let space = c.properties.isWhitespace
            if space {
                if !lastSpace { out.append(" ") }
            } else {
                out.append(c)
            }
            lastSpace = space
        }
        return String(out)
    }

    /// Greetings: a short line starting with one is only a greeting.
    static let greetings = [
        "hi", "hello", "dear", "good morning", "good afternoon", "good evening", "bonjour", "madame", "monsieur",
        "السلام عليكم", "مرحبا", "عزيزي",
    ]
    /// Sign-offs: what follows is a name and a signature.
    static let signOffs = [
        "regards", "kind regards", "best regards", "warm regards", "best wishes", "many thanks", "thanks", "thank you",
        "thanks in advance", "sincerely", "yours sincerely", "yours faithfully", "cheers", "best", "cordialement",
        "merci", "bien à vous", "مع التحية", "شكرا", "تحياتي", "وشكرا", "مع خالص التحية",
    ]
    /// Lines that say nothing about the condition.
    static let fillers = [
        "see attached", "see attachment", "see attachments", "please see attached", "please find attached",
        "attached", "please find enclosed", "as attached", "fyi", "sent from my", "ci-joint", "veuillez trouver ci-joint",
        "مرفق", "documents attached", "files attached", "i accept the terms and conditions", "i agree to the terms and conditions",
        "please review", "second opinion", "second opinion request", "request for a second opinion",
    ]

    /// True when, after greetings, "see attached"-style lines, the subject and everything from
    /// the sign-off on are dropped, at least four words remain.
    static func isMeaningful(_ fresh: String, subject: String) -> Bool {
        let trim = CharacterSet.punctuationCharacters.union(.whitespaces)
        let subjectN = normalise(subject).trimmingCharacters(in: trim)
        var words = 0
        for line in fresh.split(whereSeparator: \.isNewline) {
            var l = normalise(String(line)).trimmingCharacters(in: trim)
            if l.isEmpty || l == subjectN { continue }
            if signOffs.contains(where: { l == $0 || (l.hasPrefix($0) && l.count <= $0.count + 20) }) { break }
            if let g = greetings.first(where: { l.hasPrefix($0) }) {
                if l.split(separator: " ").count <= 4 { continue }
                l = String(l.dropFirst(g.count)).trimmingCharacters(in: trim)
            }
            if fillers.contains(where: { l == $0 || (l.hasPrefix($0) && l.count <= $0.count + 25) }) { continue }
            words += l.split(separator: " ").count
        }
        return words >= 4
    }

    static let termsPhrases = [
        "accept the terms", "agree to the terms", "agree with the terms", "accept your terms", "agree to your terms",
        "accept the t&c", "agree to the t&c", "accept terms and conditions", "agree to terms and conditions",
        "accept all terms", "agree to all terms", "terms and conditions are accepted", "terms and conditions accepted",
        "i have read and accept", "i've read and accept", "i have read and agree", "i've read and agree",
        "i consent to the terms",
        "اوافق علي الشروط", "اقبل الشروط", "موافق علي الشروط", "اوافق علي جميع الشروط", "الموافقة علي الشروط",
        "j'accepte les conditions", "j'accepte les cgv", "j'accepte les termes", "j'ai lu et j'accepte",
        "j'ai lu et accepte", "accepte les conditions générales", "je confirme accepter",
    ]
    static let termsNegations = ["not accept", "don't accept", "do not agree", "don't agree", "not agree", "لا اوافق", "n'accepte pas"]

    static let termsNeedles = termsPhrases.map { Array(normalise($0).utf8) }
    static let negationNeedles = termsNegations.map { Array(normalise($0).utf8) }
    static let confirmNeedles = ["confirm", "accept", "agree", "اؤكد"].map { Array($0.utf8) }
    static let termsWordNeedles = ["terms", "t&c", "الشروط", "conditions générales"].map { Array($0.utf8) }

    /// Terms confirmed in words: an explicit phrase, or "confirm …" with "terms" in the same sentence.
    static func termsConfirmed(_ n: String) -> Bool {
        for sentence in n.split(whereSeparator: { ".!?\n؟".contains($0) }) {
            let s = Array(sentence.utf8)
            if negationNeedles.contains(where: { ByteSearch.contains($0, in: s) }) { continue }
            if termsNeedles.contains(where: { ByteSearch.contains($0, in: s) }) { return true }
            if confirmNeedles.contains(where: { ByteSearch.contains($0, in: s) }),
                termsWordNeedles.contains(where: { ByteSearch.contains($0, in: s) })
            {
                return true
            }
        }
        return false
    }
}

import Foundation

/// Reads the request out of what the requester wrote: the condition description, phone
/// numbers, the preferred contact method and whether the terms were confirmed in words.
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
        /// The text asks for images to be reviewed (scan, MRI, CT, X-ray …).
        public var mentionsImages: Bool
    }

    /// Reads `body` (plain text; reduce HTML with `HTMLReducer` first). `subject` is used only to
    /// tell a real description from a repeat of the subject.
    public static func read(body: String, subject: String) -> Request {
        let split = QuoteStripper.split(body)
        let fresh = split.fresh
        let all = fresh + "\n" + split.signature
        let n = normalise(fresh)
        return Request(
            description: fresh, signature: split.signature,
            hasDescription: isMeaningful(fresh, subject: subject),
            phones: PhoneNumberFinder.find(in: all),
            preferredContact: preferredContact(n),
            termsConfirmed: termsConfirmed(n),
            mentionsImages: mentionsImages(normalise(subject + "\n" + fresh)))
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

    static let phonePhrases = [
        "call me", "phone me", "ring me", "by phone", "by telephone", "on the phone", "over the phone", "call back",
        "give me a call", "contact me on", "reach me on", "prefer a call", "prefer phone", "telephone me", "whatsapp",
        "اتصل", "اتصال", "هاتفيا", "عبر الهاتف", "بالهاتف",
        "par téléphone", "par telephone", "appelez-moi", "appelez moi", "m'appeler", "me téléphoner", "me telephoner",
    ]
    static let emailPhrases = [
        "by email", "by e-mail", "via email", "via e-mail", "email me", "e-mail me", "reply by email",
        "contact me by email", "prefer email", "prefer e-mail", "in writing", "don't call", "do not call",
        "do not phone", "don't phone", "عبر البريد الالكتروني", "بالبريد الالكتروني", "البريد الالكتروني", "راسلني",
        "par e-mail", "par email", "par courriel", "par mail", "ne pas m'appeler", "ne m'appelez pas",
    ]

    static let phoneNeedles = phonePhrases.map { Array(normalise($0).utf8) }
    static let emailNeedles = emailPhrases.map { Array(normalise($0).utf8) }

    /// Phone or email from what they wrote: whichever kind of phrase comes first; unknown when neither.
    static func preferredContact(_ n: String) -> IntakeCase.Requester.PreferredContact {
        let hay = Array(n.utf8)
        func first(_ needles: [[UInt8]]) -> Int? { needles.compactMap { ByteSearch.first($0, in: hay) }.min() }
        // Negated calls ("please don't call me") are email phrases, so the earliest phrase decides.
        let e = first(emailNeedles)
        let p = first(phoneNeedles)
        switch (p, e) {
        case (nil, nil): return .unknown
        case (_?, nil): return .phone
        case (nil, _?): return .email
        case let (p?, e?): return e <= p ? .email : .phone
        }
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

    /// Imaging words. Short ones must stand alone ("CT", "PET", "scan"); longer stems may
    /// start a word ("radiolog" finds "radiologist"). "Scanned my reports" is not about images.
    static let imageWholeWords: Set<String> = [
        "scan", "scans", "mri", "mris", "ct", "pet", "x-ray", "x-rays", "xray", "xrays", "irm", "scanner", "dicom",
        "images", "imaging", "pet-ct", "pet/ct", "ct-scan", "echo", "اشعة", "الاشعة", "رنين", "الرنين", "مقطعية",
        "المقطعية", "radiographie", "échographie", "echographie", "imagerie",
    ]
    static let imageStems = ["radiolog", "ultrasound", "mammogra", "angiogra", "tomogra", "x-ray", "x ray", "scintigra"]

    /// The text asks for images review: imaging words as whole words, or imaging stems.
    static func mentionsImages(_ n: String) -> Bool {
        let words = n.split(whereSeparator: { $0.isWhitespace || ",.;:!?()[]\"'«»،".contains($0) })
        for w in words {
            let word = String(w)
            if imageWholeWords.contains(word) { return true }
            if imageStems.contains(where: { word.hasPrefix($0) }) { return true }
        }
        return imageStems.contains { n.contains($0) && $0.contains(" ") }
    }
}

import Foundation

import Testing

@testable import MailIntake

@Suite struct RequestExtractorTests {
    @Test func quotedRepliesAndSignaturesAreLeftOutOfTheDescription() {
        let body = """
            Hello,

            My father has a 3 cm liver lesion and we would like a second opinion on the treatment plan.
            Please call me on 07700 900123.

            Kind regards
            Amira
            -- 
            Amira Haddad | Riyadh
            +966 50 123 4567

            On Mon, 23 Nov 2026 at 10:00, Clinic <secondopinion@example.org> wrote:
            > Thank you for your request.
            > Call us on 020 7946 0000
            """
        let r = RequestExtractor.read(body: body, subject: "Second opinion")
        #expect(r.description.contains("3 cm liver lesion"))
        #expect(r.description.contains("Kind regards"))
        #expect(!r.description.contains("Thank you for your request"))
        #expect(!r.description.contains("Riyadh"))
        #expect(r.signature.contains("Riyadh"))
        #expect(r.phones == ["+447700900123", "+966501234567"])
        #expect(r.preferredContact == .phone)
        #expect(r.hasDescription)
    }

    @Test(arguments: [
        "Please review my case, the biopsy shows a rare sarcoma.\n\n-----Original Message-----\nFrom: x\nSent: y\nold text here",
        "Please review my case, the biopsy shows a rare sarcoma.\n\nFrom: Clinic <a@b.org>\nSent: Monday, 23 November 2026 10:00\nTo: me\nSubject: Re: hi\n\nold text here",
        "Please review my case, the biopsy shows a rare sarcoma.\n________________________________\nFrom: Clinic\nold text here",
        "Please review my case, the biopsy shows a rare sarcoma.\nOn Mon, 23 Nov 2026 at 10:00, Clinic <a@b.org>\nwrote:\n> old text here",
        "Please review my case, the biopsy shows a rare sarcoma.\nLe lun. 23 nov. 2026 à 10:00, Clinique <a@b.org> a écrit :\n> old text here",
        "Please review my case, the biopsy shows a rare sarcoma.\n> old text here\n> more old text",
    ])
    func outlookAndAttributionBlocksEndTheDescription(_ body: String) {
        let r = RequestExtractor.read(body: body, subject: "x")
        #expect(r.description == "Please review my case, the biopsy shows a rare sarcoma.")
    }

    @Test(arguments: [
        ("", false), ("see attached", false), ("Hi,\n\nPlease see attached.\n\nThanks\nJohn", false),
        ("Second opinion request", false), ("Dear Sir,\nPlease find attached my documents.\nRegards", false),
        ("I was diagnosed with stage 2 breast cancer and want a second opinion on surgery.", true),
        ("أرجو مراجعة تقرير الرنين المغناطيسي لوالدي المصاب بورم", true),
        ("Dear Dr Smith,\nPlease see attached.\nKind regards,\nJohn Smith\nLondon office manager", false),
        ("Hi, my son has fits.\nThanks", true),
        ("Hello,\n\nI accept the terms and conditions.\n\nBest regards\nAmira Haddad", false),
    ])
    func aSubjectOrSeeAttachedIsNotADescription(_ body: String, _ expected: Bool) {
        #expect(RequestExtractor.read(body: body, subject: "Second opinion request").hasDescription == expected)
    }

    @Test(arguments: [
        ("Call me on 07700 900123", ["+447700900123"]),
        ("Tel: +44 (0)20 7946 0000", ["+442079460000"]),
        ("office 020 7946 0000 ext", ["+442079460000"]),
        ("mobile +966 50 123 4567", ["+966501234567"]),
        ("WhatsApp: +971-50-123-4567", ["+971501234567"]),
        ("00 966 55 987 6543", ["+966559876543"]),
        ("٠٥٠١٢٣٤٥٦٧ no, +٩٦٦٥٠١٢٣٤٥٦٧", ["+966501234567"]),
        ("born 24/11/1970, NHS 943 476 5919, case SMO-2026-000123, 12.5 cm", []),
        ("(01632) 960 001", ["+441632960001"]),
        ("call 0770090012345", []),
        // A local number of another country counts when the words before it call it a phone.
        ("يرجى الاتصال بي بعد الساعة 4 على الرقم ٠٥٥١٢٣٤٥٦٧", ["0551234567"]),
        ("رقم الجوال: ٠٥٥ ١٢٣ ٤٥٦٧", ["055 123 4567"]),
        ("Merci de m'appeler mardi au 06 12 34 56 78.", ["06 12 34 56 78"]),
        ("Mobile: 0551234567", ["0551234567"]),
        ("hospital number 0551234567, file 055123456", []),
        ("staying at the hotel 0551234567", []),
    ])
    func phoneNumbers(_ text: String, _ expected: [String]) {
        #expect(PhoneNumberFinder.find(in: text) == expected)
    }

    @Test(arguments: [
        ("Please call me tomorrow.", IntakeCase.Requester.PreferredContact.phone),
        ("I would prefer to be contacted by phone.", .phone),
        ("Please contact me by email, I am abroad.", .email),
        ("Please don't call me, email is best.", .email),
        ("يرجى الاتصال بي على الرقم", .phone),
        ("Merci de me contacter par téléphone.", .phone),
        ("Merci de me répondre par e-mail.", .email),
        ("My mother has a heart condition.", .unknown),
    ])
    func preferredContact(_ text: String, _ expected: IntakeCase.Requester.PreferredContact) {
        #expect(RequestExtractor.read(body: text, subject: "").preferredContact == expected)
    }

    @Test(arguments: [
        ("I accept the terms and conditions.", true),
        ("I agree to the Terms and Conditions", true),
        ("I’ve read and accept the T&Cs.", true),
        ("I confirm that I have read your terms.", true),
        ("أوافق على الشروط والأحكام", true),
        ("اوافق على الشروط والاحكام", true),
        ("J’accepte les conditions générales.", true),
        ("I do not agree to the terms and conditions.", false),
        ("What are your terms?", false),
        ("Please review my scans.", false),
    ])
    func termsConfirmedInWords(_ text: String, _ expected: Bool) {
        #expect(RequestExtractor.read(body: text, subject: "").termsConfirmed == expected)
    }

    @Test(arguments: [
        ("I had an MRI last week", true), ("CT scan of the chest", true), ("X-ray of the knee", true),
        ("The radiologist said", true), ("an ultrasound showed", true), ("PET-CT results", true),
        ("I scanned my reports for you", false), ("the fact is my carpet", false), ("blood tests only", false),
        ("صور الأشعة المقطعية", true), ("IRM cérébrale", true),
    ])
    func imageWords(_ text: String, _ expected: Bool) {
        #expect(RequestExtractor.read(body: text, subject: "").mentionsImages == expected)
    }

    @Test func htmlBodiesAreReducedToText() {
        let html = """
            <html><head><style>p{color:red}</style><title>x</title></head><body>
            <p>My son&#39;s echo shows a VSD &amp; we need advice.</p><div>Thanks<br>Omar</div>
            <blockquote class="gmail_quote">On Mon wrote: old stuff</blockquote>
            <script>alert(1)</script></body></html>
            """
        let text = HTMLReducer.reduce(html)
        #expect(text.contains("My son's echo shows a VSD & we need advice."))
        #expect(text.contains("Thanks\nOmar"))
        #expect(!text.contains("old stuff"))
        #expect(!text.contains("alert"))
        #expect(!text.contains("color:red"))
    }
}

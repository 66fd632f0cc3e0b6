import Testing

@testable import MailIntake

@Suite struct SponsorDetectorTests {
    func detect(from: String = "patient@example.com", name: String? = nil, subject: String = "", text: String = "", files: [String] = [], auth: [String] = [])
        -> SponsorDetector.Finding
    {
        SponsorDetector.detect(
            .init(senders: [(name: name, address: from)], subject: subject, text: text, attachmentNames: files, authenticationResults: auth),
            directory: SponsorDirectory(knownDomains: ["kuwaithealth.example"], knownAddresses: ["officer@gmail.example"]))
    }

    @Test(arguments: [
        ("a@uk.mofa.gov.sa", true), ("a@moh.gov.ae", true), ("a@gov.kw", true), ("a@hamad.gov.qa", true),
        ("a@mofa.gov.om", true), ("a@health.gov.bh", true), ("a@mfa.gov.eg", true), ("a@embassy.gov.ly", true),
        ("a@diplomatie.gouv.fr", true), ("a@mofa.example", true), ("a@london.kuwaithealth.example", true),
        ("officer@gmail.example", true), ("a@gmail.com", false), ("a@governor.sa.example", false),
        ("a@nhs.uk", false), ("a@sa.gov.example", false),
    ])
    func senderDomains(_ address: String, _ sponsor: Bool) {
        let f = detect(from: address)
        #expect(f.detected == sponsor, "\(address)")
        #expect(f.senderIsSponsor == sponsor, "\(address)")
    }

    @Test(arguments: [
        "The Embassy of Kuwait will cover the costs.", "Consulate General of Qatar", "Medical Attaché office",
        "الملحقية الطبية السعودية في لندن", "سفارة دولة الكويت", "نرفق خطاب ضمان للمريض", "القنصلية العامة",
        "L'ambassade prend en charge les frais.", "Veuillez trouver la lettre de garantie.", "Attaché médical",
        "The Kuwait Health Office in London", "Cultural Bureau sponsorship",
    ])
    func bodyWordsInThreeLanguages(_ text: String) {
        let f = detect(text: text)
        #expect(f.detected, "\(text)")
        #expect(!f.senderIsSponsor)
        #expect(f.signals.first?.hasPrefix("message text mentions") == true)
    }

    @Test func plainPatientMailIsNotSponsored() {
        let f = detect(subject: "Second opinion", text: "I have diabetes and want advice on insulin.", files: ["blood-log.txt", "report.pdf"])
        #expect(!f.detected)
        #expect(f.signals.isEmpty)
    }

    @Test(arguments: [
        ("LOG.pdf", true), ("Letter of Guarantee - Ali.pdf", true), ("guarantee_letter.pdf", true), ("خطاب ضمان.pdf", true),
        ("lettre de garantie.pdf", true), ("blood-log.txt", false), ("catalog.pdf", false), ("report.pdf", false),
    ])
    func guaranteeLetterNames(_ name: String, _ expected: Bool) {
        #expect(SponsorDetector.isGuaranteeLetter(filename: name) == expected)
    }

    @Test func anOfficerSigningWithTheirTitleIsTheSponsor() {
        let f = SponsorDetector.detect(
            .init(senders: [(name: "Khalid", address: "khalid@gmail.example")], subject: "Patient referral", text: "Please review the attached case.",
                  signature: "Khalid Al-Sabah\nMedical Attaché\nEmbassy of the State of Kuwait, London", attachmentNames: [], authenticationResults: []),
            directory: .default)
        #expect(f.senderIsSponsor)
        #expect(f.signals == ["signature names embassy"])
    }

    @Test func senderNameAndSubjectAreSignalsToo() {
        let f = detect(name: "Embassy of the State of Kuwait", subject: "Letter of guarantee for patient")
        #expect(f.senderIsSponsor)
        #expect(f.signals.count == 2)
    }

    @Test(arguments: [
        (["mx.example.org; dkim=pass header.d=mofa.gov.sa; spf=pass smtp.mailfrom=mofa.gov.sa; dmarc=pass (p=reject) header.from=mofa.gov.sa"], "dmarc=pass dkim=pass spf=pass"),
        (["mx.example.org;\r\n dkim=fail reason=\"bad sig\";\r\n dmarc=fail"], "dmarc=fail dkim=fail"),
        (["mx.example.org; none"], "not recorded"),
        ([], "not recorded"),
        (["mx.example.org; spf=softfail", "evil.example; dmarc=pass; dkim=pass"], "spf=softfail"),
    ])
    func authenticationResultsAreRecorded(_ values: [String], _ expected: String) {
        #expect(SponsorDetector.authenticationSummary(values) == expected)
    }
}

import Foundation
import MIMEParser
import Testing

@testable import MailIntake

@Suite struct ReplyDocumentTests {
    static func t(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
    static let received = t("2026-11-24T09:15:00Z")  // a Tuesday
    static let clinic = ClinicDetails(
        name: "Harley Test Clinic", phone: "020 7946 0000", imagesPhone: "020 7946 0999",
        termsURL: "https://terms.example/smo.pdf", administrators: 2)

    static func sampleCase(language: IntakeCase.Language, issues: [IntakeCase.IssueCode], attachments: [IntakeCase.Attachment] = [], kind: IntakeCase.Requester.Kind = .patient) -> IntakeCase {
        var c = ReplySamples.sampleCase(issues: issues, attachments: attachments, kind: kind, contact: .phone)
        c.caseId = "SMO-2026-000042"
        c.language = language
        return c
    }

    static func mail(_ c: IntakeCase, clinic: ClinicDetails = clinic, now: Date = received, offset: Int? = nil) -> OutgoingMail {
        var config = IntakeConfiguration.default
        config.clinic = clinic
        return ReplyComposer(configuration: config).compose(
            .init(
                intakeCase: c, newAttachments: c.attachments, to: MailAddress(name: "Amira Haddad", address: "amira@example.com"),
                originalSubject: "طلب", originalMessageID: "<m1@example.com>", originalReferences: [], sequence: 1, now: now,
                requesterOffsetSeconds: offset))
    }

    @Test func theReplyIsMultipartAlternativeWithTextAndHTMLInTheRequestersLanguage() throws {
        let m = MIMEMessage(parsing: Self.mail(Self.sampleCase(language: .ar, issues: [])).bytes)
        #expect(m.root.contentType.mimeType == "multipart/alternative")
        #expect(m.root.children.map(\.contentType.mimeType) == ["text/plain", "text/html"])
        #expect(m.header["Content-Language"] == "ar, en")
        #expect(m.warnings.isEmpty)
        let raw = Self.mail(Self.sampleCase(language: .ar, issues: [])).bytes
        #expect(raw.allSatisfy { $0 < 0x80 })
        let text = ReplyParts.plain(Self.mail(Self.sampleCase(language: .ar, issues: [])))
        let arabic = try #require(text.range(of: "الرقم المرجعي"))
        let english = try #require(text.range(of: "Your case reference is SMO-2026-000042"))
        #expect(arabic.lowerBound < english.lowerBound)
        let html = ReplyParts.html(Self.mail(Self.sampleCase(language: .ar, issues: [])))
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("<div lang=\"ar\" dir=\"rtl\""))
        #expect(html.contains("<div lang=\"en\" dir=\"ltr\""))
    }

    @Test(arguments: [IntakeCase.Language.en, .fr, .ar])
    func everyClinicValueAppearsWhereItApplies(_ language: IntakeCase.Language) {
        // Terms not confirmed and images to arrange: every value is due.
        let all = ReplyParts.plain(Self.mail(Self.sampleCase(language: language, issues: [.termsNotConfirmed, .imagesToArrange])))
        for value in [Self.clinic.name, Self.clinic.phone, Self.clinic.imagesPhone, Self.clinic.termsURL] {
            #expect(all.contains(value), "\(value) in \(language)")
        }
        // The terms URL only while the terms are not confirmed; the questions phone always.
        var c = Self.sampleCase(language: language, issues: [])
        c.service = .recordsReview
        let complete = ReplyParts.plain(Self.mail(c))
        #expect(!complete.contains(Self.clinic.termsURL))
        #expect(!complete.contains(Self.clinic.imagesPhone))
        #expect(complete.contains(Self.clinic.phone))
        let html = ReplyParts.html(Self.mail(Self.sampleCase(language: language, issues: [.termsNotConfirmed])))
        #expect(html.contains("<a href=\"https://terms.example/smo.pdf\""))
    }

    @Test func theRequestersOwnTimeIsGivenWhenTheirOffsetDiffers() {
        let text = ReplyParts.plain(Self.mail(Self.sampleCase(language: .en, issues: []), offset: 3 * 3600))
        #expect(text.contains("your time, UTC+03:00"))
        // 11am London on 24 November (GMT) is 2pm at UTC+3.
        #expect(text.contains("11am to 12pm (Tuesday 24 November 2026, 2pm–3pm)"))
        let london = ReplyParts.plain(Self.mail(Self.sampleCase(language: .en, issues: []), offset: 0))
        #expect(!london.contains("your time"))
    }

    @Test func datesFollowTheLanguage() {
        let fr = ReplyParts.plain(Self.mail(Self.sampleCase(language: .fr, issues: [])))
        #expect(fr.contains("mercredi 25 novembre 2026"))
        let ar = ReplyParts.plain(Self.mail(Self.sampleCase(language: .ar, issues: [])))
        #expect(ar.contains("نوفمبر"))
        #expect(ar.contains("by the end of Wednesday 25 November 2026"))
    }

    @Test func hostileFileNamesAreEscapedInHTML() {
        let bad = IntakeCase.Attachment(
            filename: "<img src=x onerror=alert(1)>.exe", storedAs: nil, role: .other, declaredType: "application/x-msdownload",
            detectedType: "application/x-executable", size: 10, sha256: "0", status: .rejected, reason: .typeNotAllowed)
        let html = ReplyParts.html(Self.mail(Self.sampleCase(language: .en, issues: [.attachmentRejected], attachments: [bad])))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;.exe"))
    }

    @Test func aBrokenOverrideTemplateIsAnErrorNamingFileAndLine() {
        #expect(throws: ReplyTemplateError.self) {
            try ReplyTemplates.withOverrides([.fr: ("/etc/t/fr.mustache", "Bonjour\n{{#caseId}}\n{{/name}}\n")])
        }
        do {
            _ = try ReplyTemplates.withOverrides([.fr: ("/etc/t/fr.mustache", "Bonjour\n{{#caseId}}\n{{/name}}\n")])
        } catch {
            #expect(error.file == "/etc/t/fr.mustache")
            #expect(error.line == 3)
        }
        #expect(throws: ReplyTemplateError.self) {
            try ReplyTemplates.withOverrides([.en: ("en.mustache", "Dear {{name}}")])  // no case reference
        }
        #expect((try? ReplyTemplates.withOverrides([.en: ("en.mustache", "Ref {{caseId}}")]))?.origin(.en) == "en.mustache")
    }

    @Test func theBuiltInTemplatesPassTheirOwnCheck() throws {
        try ReplyTemplates.builtIn.check()
        for language in IntakeCase.Language.allCases { #expect(ReplyTemplates.builtIn.origin(language) == "built-in \(language.rawValue)") }
    }
}

@Suite struct SummaryPageReplyTests {
    @Test func theSummaryShowsOurReplyAndMarksMailTextDirAuto() {
        var c = ReplyDocumentTests.sampleCase(language: .ar, issues: [])
        c.description = "ابني يعاني من ألم في الركبة"
        c.reply = .init(status: .pending, reason: nil)
        let mail = ReplyDocumentTests.mail(c)
        let page = CaseSummaryPage.render(c, reply: ReplyPreview.document(of: mail).text)
        #expect(page.contains("<h2>Our reply</h2>"))
        #expect(page.contains("not yet accepted by the mail server"))
        #expect(page.contains("<div class=\"box\" dir=\"auto\">ابني يعاني"))
        #expect(page.contains("dir=\"auto\" lang=\"ar\""))
        #expect(page.contains("SMO-2026-000042"))
        #expect(!CaseSummaryPage.render(c).contains("Our reply"))
    }
}

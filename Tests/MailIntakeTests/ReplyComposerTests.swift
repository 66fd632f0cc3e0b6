import Foundation
import MIMEParser
import Testing

@testable import MailIntake

@Suite struct ReplyComposerTests {
    static func t(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    func compose(subject: String = "Second opinion", name: String? = "Amira", issues: [IntakeCase.IssueCode] = [], attachments: [IntakeCase.Attachment] = []) -> (OutgoingMail, String) {
        let config = IntakeConfiguration.default
        let received = Self.t("2026-11-27T09:15:00Z")
        let c = IntakeCase(
            caseId: "SMO-2026-000123", receivedAt: received, messageId: "<m1@example.com>",
            requester: .init(kind: .patient, name: name ?? "", email: "amira@example.com", phone: nil, preferredContact: .email),
            service: .recordsReview, description: "x", attachments: attachments,
            embassy: .init(detected: false, signals: [], letterOfGuarantee: false), issues: issues,
            callback: CallbackScheduler(calendar: config.calendar).callback(receivedAt: received), reply: .init(status: .queued, reason: nil))
        let mail = ReplyComposer(configuration: config).compose(
            .init(intakeCase: c, newAttachments: attachments, to: MailAddress(name: name, address: "amira@example.com"), originalSubject: subject,
                  originalMessageID: "<m1@example.com>", originalReferences: ["<m0@example.com>"], sequence: 1, now: Self.t("2026-11-27T09:16:00Z")))
        let body = ReplyParts.plain(mail)
        return (mail, body)
    }

    @Test func theReplyIsAWellFormedMessage() {
        let (mail, body) = compose()
        let raw = String(decoding: mail.bytes, as: UTF8.self)
        // CRLF only: every LF is preceded by CR.
        #expect(!mail.bytes.enumerated().contains { $0.element == 0x0A && ($0.offset == 0 || mail.bytes[$0.offset - 1] != 0x0D) })
        #expect(mail.bytes.allSatisfy { $0 < 0x80 })
        let m = MIMEMessage(parsing: mail.bytes)
        #expect(m.subject == "Re: Second opinion [SMO-2026-000123]")
        #expect(m.messageID == "<SMO-2026-000123.ack-1@example.org>")
        #expect(m.inReplyTo == ["<m1@example.com>"])
        #expect(m.references == ["<m0@example.com>", "<m1@example.com>"])
        #expect(m.header["Auto-Submitted"] == "auto-replied")
        #expect(m.header["Date"] == "Fri, 27 Nov 2026 09:16:00 +0000")
        #expect(m.from.first?.address == "secondopinion@example.org")
        #expect(m.warnings.isEmpty)
        #expect(raw.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(body.contains("by the end of Monday 30 November 2026"))
        #expect(body.contains("SMO-2026-000123"))
        #expect(body.contains("from £495"))
        #expect(body.contains("from £650"))
        #expect(body.hasPrefix("Dear Amira,"))
        for line in raw.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
    }

    @Test func nonASCIISubjectsAndNamesAreEncodedWords() {
        let (mail, body) = compose(subject: "طلب رأي طبي ثان — مستعجل جداً للمريض", name: "أميرة حداد")
        let m = MIMEMessage(parsing: mail.bytes)
        #expect(m.subject == "Re: طلب رأي طبي ثان — مستعجل جداً للمريض [SMO-2026-000123]")
        #expect(m.to.first?.name == "أميرة حداد")
        #expect(body.hasPrefix("Dear أميرة حداد,"))
        #expect(mail.bytes.allSatisfy { $0 < 0x80 })
    }

    @Test func replySubjectsAreNotDoubled() {
        let (mail, _) = compose(subject: "RE: my case [SMO-2026-000123]")
        #expect(MIMEMessage(parsing: mail.bytes).subject == "RE: my case [SMO-2026-000123]")
    }

    @Test func headerInjectionFromASubjectIsDefused() {
        let (mail, _) = compose(subject: "hi\r\nBcc: victim@example.net")
        let m = MIMEMessage(parsing: mail.bytes)
        #expect(m.header["Bcc"] == nil)
    }

    @Test func longHostileHeadersStayWithinLineLimits() {
        let (mail, _) = compose(subject: String(repeating: "a", count: 3000), name: String(repeating: "N", count: 2000))
        let raw = String(decoding: mail.bytes, as: UTF8.self)
        #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
        #expect(MIMEMessage(parsing: mail.bytes).subject?.hasSuffix("… [SMO-2026-000123]") == true)
    }

    @Test func everyReasonAndMissingItemIsExplained() {
        let attachments = IntakeCase.RejectionReason.allCases.enumerated().map { i, r in
            IntakeCase.Attachment(filename: "f\(i).pdf", storedAs: nil, role: .other, declaredType: "application/pdf", detectedType: "application/pdf",
                                  size: 1, sha256: "\(i)", status: .rejected, reason: r)
        }
        let (_, body) = compose(issues: [.missingDescription, .missingReport, .missingImages, .termsNotConfirmed, .guaranteeLetterRequired], attachments: attachments)
        let advice = [
            "too large", "does not match its name", "up to 3 images", "was empty", "could not open the file",
            "a copy of a file we already have", "virus scanner", "cannot accept this type of file",
        ]
        for words in advice { #expect(body.contains(words), "\(words)") }
        #expect(IntakeCase.RejectionReason.allCases.count == 8)
        #expect(body.contains("description of the medical condition"))
        #expect(body.contains("medical reports"))
        #expect(body.contains("images you mentioned"))
        #expect(body.contains("I accept the terms and conditions"))
        #expect(body.contains("letter of guarantee"))
        #expect(body.contains("arrange the rest"))
        #expect(body.contains("smaller than 8 MB"))
    }

    @Test func quotedPrintableRoundTripsLongLines() {
        let text = String(repeating: "é word = ", count: 40) + " \nnext"
        let qp = MailEncoding.quotedPrintable(text)
        #expect(qp.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        let raw = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + qp
        #expect(MIMEMessage(parsing: Array(raw.utf8)).root.text() == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }
}

import Foundation
import MIMEParser
import Testing

@testable import MailIntake

@Suite struct IntakePlannerTests {
    static func t(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
    let planner = IntakePlanner(configuration: .default)
    let received = Self.t("2026-11-27T09:15:00Z")  // a Friday

    func plan(_ mail: TestMail, existing: IntakeCase? = nil, at: Date? = nil) -> IntakePlan {
        planner.plan(bytes: mail.bytes, receivedAt: at ?? received, caseId: "SMO-2026-000123", existingCase: existing)
    }

    @Test func aCompleteRequestOpensACaseAndQueuesAnAcknowledgement() throws {
        var mail = TestMail()
        mail.attachments = [
            ("hospital letter.pdf", "application/pdf", TestFiles.pdf, []),
            ("mri.jpg", "image/jpeg", TestFiles.jpeg, []),
        ]
        let p = plan(mail)
        let c = p.intakeCase
        #expect(c.caseId == "SMO-2026-000123")
        #expect(c.messageId == "<m1@example.com>")
        #expect(c.requester == .init(kind: .patient, name: "Amira Haddad", email: "amira@example.com", phone: "+447700900123", preferredContact: .phone))
        #expect(c.service == .recordsAndImagesReview)
        #expect(c.issues == [])
        #expect(c.attachments.map(\.storedAs) == ["attachments/hospital letter.pdf", "attachments/mri.jpg"])
        #expect(c.attachments.map(\.role) == [.report, .image])
        #expect(c.callback.due == Self.t("2026-11-30T17:00:00Z"))
        #expect(c.callback.slots.count == 3)
        #expect(p.files.map(\.storedAs) == ["attachments/hospital letter.pdf", "attachments/mri.jpg"])
        #expect(p.files[0].bytes == TestFiles.pdf)
        #expect(p.messageStoredAs == "original.eml")
        let id = "<SMO-2026-000123.ack-1@example.org>"
        #expect(p.actions == [
            .storeMessage(storedAs: "original.eml"), .storeAttachment(storedAs: "attachments/hospital letter.pdf"),
            .storeAttachment(storedAs: "attachments/mri.jpg"), .writeCase(caseId: "SMO-2026-000123"), .queueReply(messageId: id),
        ])
        #expect(c.reply == .init(status: .queued, reason: nil, messageId: id))
        let reply = try #require(p.reply)
        #expect(reply.recipients == ["amira@example.com"])
        #expect(reply.envelopeFrom == "secondopinion@example.org")
    }

    @Test func planningTwiceGivesTheSamePlan() {
        var mail = TestMail()
        mail.attachments = [("a.pdf", "application/pdf", TestFiles.pdf, [])]
        #expect(plan(mail) == plan(mail))
    }

    @Test func missingThingsBecomeIssues() {
        var mail = TestMail()
        mail.text = "Hello,\nplease see attached.\nThanks"
        mail.attachments = [("IMG_1.HEIC", "image/heic", TestFiles.heic, [])]
        mail.set("Subject", "MRI review please")
        let c = plan(mail).intakeCase
        #expect(c.issues == [.missingDescription, .missingReport, .missingImages, .termsNotConfirmed, .attachmentRejected])
        #expect(c.requester.preferredContact == .unknown)
        #expect(c.service == .recordsAndImagesReview)
        #expect(c.attachments[0].reason == .typeNotAllowed)
        #expect(c.attachments[0].storedAs == nil)
    }

    @Test func moreThanThreeImagesKeepsTheFirstThreeAndSaysSo() throws {
        var mail = TestMail()
        mail.attachments = (1...5).map { ("scan\($0).jpg", "image/jpeg", TestFiles.jpeg + [UInt8($0)], []) } + [("r.pdf", "application/pdf", TestFiles.pdf, [])]
        let p = plan(mail)
        #expect(p.intakeCase.attachments.filter { $0.reason == .overImageLimit }.count == 2)
        #expect(p.intakeCase.issues.contains(.imagesOverLimit))
        #expect(p.files.count == 4)
        let text = try #require(p.reply.map { String(decoding: $0.bytes, as: UTF8.self) })
        #expect(text.contains("contact you to arrange the rest"))
    }

    @Test func bodyPicturesAreNotAttachments() {
        var mail = TestMail()
        mail.html = "<p>Logo below</p><img src=\"cid:logo123@x\">"
        mail.attachments = [
            ("image001.png", "image/png", TestFiles.png, ["Content-ID: <logo123@x>"]),
            (nil, "image/gif", TestFiles.gif, []),
            ("report.pdf", "application/pdf", TestFiles.pdf, []),
        ]
        // The unnamed gif carries no disposition: an inline picture of the body.
        let c = plan(mail).intakeCase
        #expect(c.attachments.map(\.filename) == ["report.pdf"])
    }

    @Test func anEmbassyRequestWithoutALetterNeedsOne() {
        var mail = TestMail()
        mail.set("From", "Medical Attaché <health@uk.mofa.gov.sa>")
        mail.set("Authentication-Results", "mx.example.org; dkim=pass header.d=mofa.gov.sa; spf=pass; dmarc=pass (p=reject)")
        mail.text = "The Embassy sponsors the treatment of the patient Ahmed Ali, who has a rare lymphoma.\nI accept the terms and conditions."
        mail.attachments = [("report.pdf", "application/pdf", TestFiles.pdf, [])]
        let c = plan(mail).intakeCase
        #expect(c.requester.kind == .embassy)
        #expect(c.embassy.detected)
        #expect(!c.embassy.letterOfGuarantee)
        #expect(c.embassy.authentication == "dmarc=pass dkim=pass spf=pass")
        #expect(c.embassy.signals.contains { $0.contains("mofa.gov.sa") })
        #expect(c.issues.contains(.guaranteeLetterRequired))
        mail.attachments.append(("LOG - Ahmed Ali.pdf", "application/pdf", TestFiles.pdf + [1], []))
        let withLetter = plan(mail).intakeCase
        #expect(withLetter.embassy.letterOfGuarantee)
        #expect(withLetter.attachments.map(\.role) == [.report, .guaranteeLetter])
        #expect(!withLetter.issues.contains(.guaranteeLetterRequired))
    }

    @Test(arguments: ["Letter of Guarantee.jpg", "financial undertaking.png", "تعهد مالي.jpg", "lettre de prise en charge.jpg"])
    func aScannedLetterOfGuaranteeIsTheLetterNotAnImage(name: String) {
        var mail = TestMail()
        mail.set("From", "Medical Attaché <health@uk.mofa.gov.sa>")
        mail.text = "The Embassy sponsors the treatment of the patient Ahmed Ali, who has a rare lymphoma.\nI accept the terms and conditions."
        mail.attachments = [("report.pdf", "application/pdf", TestFiles.pdf, [])]
        let lettersOnly = mail
        mail.attachments += [
            ("scan-1.jpg", "image/jpeg", TestImages.jpeg(comment: "1"), []), ("scan-2.jpg", "image/jpeg", TestImages.jpeg(comment: "2"), []),
            ("scan-3.jpg", "image/jpeg", TestImages.jpeg(comment: "3"), []),
        ]
        let letter = name.hasSuffix(".png") ? TestFiles.png : TestImages.jpeg(comment: "letter")
        mail.attachments.append((name, name.hasSuffix(".png") ? "image/png" : "image/jpeg", letter, []))
        let c = plan(mail).intakeCase
        // Three images and the letter: all accepted, the letter not counted against the limit.
        #expect(c.attachments.map(\.status) == [.accepted, .accepted, .accepted, .accepted, .accepted])
        #expect(c.attachments.last?.role == .guaranteeLetter)
        #expect(c.embassy.letterOfGuarantee)
        #expect(!c.issues.contains(.guaranteeLetterRequired))
        #expect(!c.issues.contains(.imagesOverLimit))

        // A report and the scanned letter alone: still a records review.
        var plain = lettersOnly
        plain.attachments.append(mail.attachments.last!)
        let r = plan(plain).intakeCase
        #expect(r.attachments.map(\.role) == [.report, .guaranteeLetter])
        #expect(r.service == .recordsReview)
    }

    @Test func automaticMailGetsACaseButNoReply() {
        var mail = TestMail()
        mail.set("Auto-Submitted", "auto-replied")
        mail.set("Subject", "Out of office: Second opinion request")
        let p = plan(mail)
        #expect(p.reply == nil)
        #expect(p.intakeCase.issues == [.automaticMessage])
        #expect(p.intakeCase.reply.status == .suppressed)
        #expect(p.intakeCase.reply.reason == "automatic message: Auto-Submitted: auto-replied")
        #expect(p.actions.last == .suppressReply(reason: "automatic message: Auto-Submitted: auto-replied"))
    }

    @Test func mailFromOurOwnAddressIsNeverAnswered() {
        var mail = TestMail()
        mail.set("From", "Clinic <SecondOpinion@example.org>")
        let p = plan(mail)
        #expect(p.reply == nil)
        #expect(p.intakeCase.reply.reason == "sent from our own address")
    }

    @Test func replyToIsRespected() throws {
        var mail = TestMail()
        mail.set("Reply-To", "Family <family@example.net>")
        let p = plan(mail)
        #expect(p.reply?.recipients == ["family@example.net"])
        #expect(p.intakeCase.requester.email == "family@example.net")
        #expect(p.intakeCase.requester.name == "Amira Haddad")
    }

    @Test func aFollowUpJoinsItsCaseAndTheImageLimitCountsAcrossTheThread() throws {
        var first = TestMail()
        first.text = "Please review my CT scans. My oncologist suspects a recurrence of colon cancer."
        first.attachments = [("a.jpg", "image/jpeg", TestFiles.jpeg + [1], []), ("b.jpg", "image/jpeg", TestFiles.jpeg + [2], [])]
        let p1 = plan(first)
        #expect(p1.intakeCase.issues.contains(.termsNotConfirmed))
        #expect(p1.intakeCase.issues.contains(.missingReport))

        var second = TestMail()
        second.set("Subject", "Re: Second opinion request [SMO-2026-000123]")
        second.set("Message-ID", "<m2@example.com>")
        second.set("In-Reply-To", "<SMO-2026-000123.ack-1@example.org>")
        second.text = "Here are the rest. I accept the terms and conditions.\n2\n\nOn Fri, 27 Nov 2026, Clinic wrote:\n> Dear Amira"
        second.attachments = [
            ("a.jpg", "image/jpeg", TestFiles.jpeg + [9], []), ("c.png", "image/png", TestFiles.png, []),
            ("dup.jpg", "image/jpeg", TestFiles.jpeg + [1], []), ("letter.pdf", "application/pdf", TestFiles.pdf, []),
        ]
        let refs = ThreadMatcher.references(in: MIMEMessage(parsing: second.bytes))
        #expect(refs.caseIds == ["SMO-2026-000123"])
        #expect(refs.messageIds == ["<SMO-2026-000123.ack-1@example.org>"])

        let p2 = plan(second, existing: p1.intakeCase, at: Self.t("2026-11-27T11:00:00Z"))
        let c = p2.intakeCase
        #expect(c.caseId == "SMO-2026-000123")
        #expect(p2.actions.first == .joinCase(caseId: "SMO-2026-000123"))
        #expect(p2.messageStoredAs == "messages/2.eml")
        #expect(c.attachments.map(\.reason) == [nil, nil, nil, .overImageLimit, .duplicate, nil])
        #expect(c.attachments[2].storedAs == "attachments/a (2).jpg")
        #expect(p2.files.map(\.storedAs) == ["attachments/a (2).jpg", "attachments/letter.pdf"])
        #expect(c.issues == [.imagesOverLimit, .attachmentRejected])
        #expect(c.followUps?.count == 1)
        #expect(c.followUps?.first?.text.contains("Dear Amira") == false)
        #expect(c.callback.booked == c.callback.slots[1])
        #expect(c.callback.due == p1.intakeCase.callback.due)
        #expect(c.reply.messageId == "<SMO-2026-000123.ack-2@example.org>")
    }

    @Test(arguments: [("Monday afternoon please", 3), ("Monday morning", 2), ("Friday suits me", 1), ("lundi matin", 2), ("Monday", nil), ("Tuesday", nil)] as [(String, Int?)])
    func aWindowCanBeChosenByDay(_ text: String, _ expected: Int?) {
        // Slots for a request received Friday 27 November 2026 09:15 UTC: Fri 11-12, Mon 9-10, Mon 16-17.
        let slots = CallbackScheduler(calendar: .london()).callback(receivedAt: received).slots
        #expect(IntakePlanner.chosenSlot(in: text, slots: slots, calendar: .london()) == expected)
    }

    @Test func aBookedWindowIsConfirmedAndPastWindowsAreNotOffered() throws {
        var first = TestMail()
        first.attachments = [("r.pdf", "application/pdf", TestFiles.pdf, [])]
        let p1 = plan(first)
        var second = TestMail()
        second.set("Subject", "Re: [SMO-2026-000123]")
        second.set("Message-ID", "<m3@example.com>")
        second.text = "Monday morning is best for me."
        let p2 = plan(second, existing: p1.intakeCase, at: Self.t("2026-11-27T13:00:00Z"))
        #expect(p2.intakeCase.callback.booked == p1.intakeCase.callback.slots[1])
        let text = ReplyParts.plain(try #require(p2.reply))
        #expect(text.contains("call you on Monday 30 November 2026 between 9am and 10am"))
        var third = TestMail()
        third.set("Message-ID", "<m4@example.com>")
        third.text = "Another file for you."
        let p3 = plan(third, existing: p1.intakeCase, at: Self.t("2026-11-27T13:00:00Z"))
        let later = ReplyParts.plain(try #require(p3.reply))
        #expect(!later.contains("1. Friday"))
        #expect(later.contains("2. Monday 30 November 2026, 9am to 10am"))
    }

    @Test func aBounceOfOurReplyIsNotedOnTheCaseItConcerns() {
        let dsn = """
            From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r
            To: secondopinion@example.org\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <bounce1@mx.example.net>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r
            \r
            --r\r
            Content-Type: text/plain\r
            \r
            Your message could not be delivered.\r
            --r\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.example.net\r
            \r
            Final-Recipient: rfc822; nobody@example.com\r
            Action: failed\r
            Status: 5.1.1\r
            --r\r
            Content-Type: text/rfc822-headers\r
            \r
            From: secondopinion@example.org\r
            Message-ID: <SMO-2026-000042.ack-1@example.org>\r
            Subject: Re: help [SMO-2026-000042]\r
            --r--\r
            """
        let p = planner.plan(bytes: Array(dsn.utf8), receivedAt: received, caseId: "SMO-2026-000124")
        #expect(p.reply == nil)
        #expect(p.intakeCase.issues == [.automaticMessage])
        #expect(p.actions.contains(.noteDeliveryFailure(caseId: "SMO-2026-000042", originalMessageId: "<SMO-2026-000042.ack-1@example.org>")))
        #expect(p.intakeCase.attachments.isEmpty)
        let noted = IntakePlanner.noteDeliveryFailure(on: p.intakeCase, originalMessageId: "<x@y>", receivedAt: received)
        #expect(noted.reply.deliveryFailures?.count == 1)
    }

    @Test func attachmentsInsideAForwardedMessageCountAsTheRequestsOwn() {
        let inner = TestMail(
            headers: [("From", "Hospital <records@hospital.example>"), ("Subject", "Your results")],
            text: "Please find your results.", attachments: [("results.pdf", "application/pdf", TestFiles.pdf, [])])
        let innerText = String(decoding: inner.bytes, as: UTF8.self)
        let outer = "From: Amira <amira@example.com>\r\nTo: secondopinion@example.org\r\nSubject: Fwd: Your results\r\nMessage-ID: <f1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nMy results are forwarded below; I have a heart murmur and need advice. I accept the terms and conditions.\r\n--o\r\nContent-Type: message/rfc822\r\n\r\n" + innerText + "\r\n--o--\r\n"
        let c = planner.plan(bytes: Array(outer.utf8), receivedAt: received, caseId: "SMO-2026-000125").intakeCase
        #expect(c.attachments.map(\.filename) == ["results.pdf"])
        #expect(c.attachments.first?.status == .accepted)
        #expect(c.issues == [])
        #expect(c.description.contains("heart murmur"))
    }

    @Test func aDICOMFileIsExplainedInTheReply() throws {
        var mail = TestMail()
        mail.attachments = [("IM0001.dcm", "application/dicom", TestFiles.dicom, []), ("r.pdf", "application/pdf", TestFiles.pdf, [])]
        let p = plan(mail)
        #expect(p.intakeCase.attachments[0].reason == .typeNotAllowed)
        let text = try #require(p.reply.map { String(decoding: $0.bytes, as: UTF8.self) })
        #expect(text.contains("DICOM"))
        #expect(text.contains("disc"))
    }
}

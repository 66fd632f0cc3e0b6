import Foundation

/// Made-up replies that exercise every section of a template: used to check templates at
/// start-up and by the template tests. No real person: example.org addresses, invented names.
enum ReplySamples {
    static let receivedAt = Date(timeIntervalSince1970: 1_795_511_700)  // Tue 24 Nov 2026 09:15 UTC

    static func models(language: IntakeCase.Language) -> [ReplyModel] {
        let config = IntakeConfiguration.default
        let everythingMissing = sampleCase(
            issues: [.missingDescription, .missingReport, .missingImages, .imagesOverLimit, .termsNotConfirmed,
                .guaranteeLetterRequired, .attachmentRejected, .imagesToArrange],
            attachments: IntakeCase.RejectionReason.allCases.enumerated().map { i, reason in
                file("file-\(i).pdf", status: .rejected, reason: reason)
            }, kind: .embassy, contact: .unknown)
        let complete = sampleCase(issues: [], attachments: [file("report.pdf", status: .accepted, reason: nil)], kind: .patient, contact: .phone)
        var booked = complete
        booked.callback.booked = booked.callback.slots.first
        let sources: [ReplyModel.Source] = [
            .init(intakeCase: everythingMissing, newAttachments: everythingMissing.attachments, name: "Example Office", sequence: 1, now: receivedAt, requesterOffsetSeconds: 4 * 3600),
            .init(intakeCase: complete, newAttachments: complete.attachments, name: nil, sequence: 1, now: receivedAt),
            .init(intakeCase: complete, newAttachments: complete.attachments, name: "A. Example", sequence: 2, now: receivedAt),
            .init(intakeCase: booked, newAttachments: [], name: "A. Example", sequence: 3, now: receivedAt, bookedNow: true),
        ]
        return sources.map { ReplyModel($0, language: language, configuration: config) }
    }

    static func describe(_ m: ReplyModel) -> String {
        if m.isConfirmation { return "confirmation of a chosen time" }
        if m.isFollowUp { return "follow-up" }
        return m.missing.any ? "request with everything missing" : "complete request"
    }

    static func file(_ name: String, status: IntakeCase.Attachment.Status, reason: IntakeCase.RejectionReason?) -> IntakeCase.Attachment {
        IntakeCase.Attachment(
            filename: name, storedAs: status == .accepted ? "attachments/" + name : nil, role: .report,
            declaredType: "application/pdf", detectedType: "application/pdf", size: 1000, sha256: "0", status: status, reason: reason)
    }

    static func sampleCase(
        issues: [IntakeCase.IssueCode], attachments: [IntakeCase.Attachment], kind: IntakeCase.Requester.Kind,
        contact: IntakeCase.Requester.PreferredContact
    ) -> IntakeCase {
        let scheduler = CallbackScheduler(calendar: IntakeConfiguration.default.calendar)
        return IntakeCase(
            caseId: "SMO-2026-000000", receivedAt: receivedAt, messageId: nil,
            requester: .init(kind: kind, name: "Example", email: "requester@example.org", phone: nil, preferredContact: contact),
            service: .recordsAndImagesReview, description: "", attachments: attachments,
            embassy: .init(detected: kind == .embassy, signals: [], letterOfGuarantee: false), issues: issues,
            callback: scheduler.offer(receivedAt: receivedAt, now: receivedAt), reply: .init(status: .pending, reason: nil))
    }
}

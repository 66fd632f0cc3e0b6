import Foundation
import MIMEParser

/// Building and merging the case itself.
extension IntakePlanner {
    /// Leaves that are files of the request: everything but the bodies, pictures that belong
    /// to the HTML body (referenced by `cid:`, or small unnamed inline images such as logos)
    /// and signatures of the message itself (S/MIME, PGP).
    /// Below this size a named picture referenced by `cid:` is taken for a logo or a signature image.
    static let bodyPictureBytes = 100 * 1024

    func candidates(_ m: MessageView) -> [AttachmentCandidate] {
        let cids = m.referencedContentIDs
        var out: [AttachmentCandidate] = []
        for f in m.files {
            // A picture the body shows (by cid, or unnamed inline) is decoration or a photo of
            // the condition by its size in pixels (BodyPicture); Apple Mail and phones show the
            // photos a patient attaches inline, by cid, too. Without a readable size, the old
            // byte rule: named and 100 KB or more is a file, an unnamed image under 64 KB is not.
            let shownByHTML = f.contentID.map { cids.contains($0.lowercased()) } ?? false
            let inlinePicture = f.contentType.hasPrefix("image/") && f.isInline && f.filename == nil
            if shownByHTML || inlinePicture {
                if let size = ImageStructure.dimensions(f.bytes) {
                    if BodyPicture.isDecoration(size) { continue }
                } else if shownByHTML ? (f.filename == nil || f.bytes.count < Self.bodyPictureBytes) : f.bytes.count < 64 * 1024 {
                    continue
                }
            }
            if ["application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature",
                "application/pgp-keys", "message/delivery-status", "text/rfc822-headers", "message/disposition-notification"]
                .contains(f.contentType)
            {
                continue
            }
            // Unnamed calendar invitations and contact cards are not part of a request.
            if f.filename == nil, ["text/calendar", "text/vcard", "text/x-vcard"].contains(f.contentType) { continue }
            out.append(AttachmentCandidate(filename: f.filename ?? generatedName(f), declaredType: f.contentType, bytes: f.bytes))
        }
        return out
    }

    /// "attachment-1.2.pdf": from the part path and the declared type, for parts without a name.
    func generatedName(_ f: MessageView.File) -> String {
        let ext = FileKind.claimed(byMediaType: f.contentType).map { kind -> String in
            switch kind {
            case .jpeg: "jpg"
            case .text: "txt"
            case .tiff: "tif"
            default: kind.mimeType.split(separator: "/").last.map(String.init) ?? "bin"
            }
        }
        let clean = ext.map { $0.count <= 5 ? "." + $0 : "" } ?? ""
        return "attachment-\(f.partPath)\(clean)"
    }

    func newCase(
        _ m: MessageView, request: RequestExtractor.Request, finding: SponsorDetector.Finding,
        attachments: [IntakeCase.Attachment], caseId: String, receivedAt: Date
    ) -> IntakeCase {
        let who = m.replyTo.first ?? m.from.first
        let name = m.from.first?.name ?? who?.name ?? ""
        let letter = attachments.contains { $0.status == .accepted && $0.role == .guaranteeLetter }
        let images = attachments.contains { $0.status == .accepted && $0.role == .image }
        return IntakeCase(
            caseId: caseId, receivedAt: receivedAt, messageId: m.messageID,
            requester: .init(
                kind: finding.senderIsSponsor ? .embassy : .patient, name: name, email: who?.address ?? "",
                phone: request.phones.first, preferredContact: request.preferredContact),
            service: request.mentionsImages || images ? .recordsAndImagesReview : .recordsReview,
            description: request.description, attachments: attachments,
            embassy: .init(
                detected: finding.detected || letter, signals: finding.signals, letterOfGuarantee: letter,
                authentication: finding.authentication),
            issues: [],
            callback: CallbackScheduler(calendar: configuration.calendar, options: configuration.callbackSlots)
                .callback(receivedAt: receivedAt),
            reply: .init(status: .queued, reason: nil))
    }

    /// A follow-up's contribution: new files, a description if the case had none, a phone,
    /// a stated contact preference, sponsorship signals (the callback: `updateCallback`).
    func merge(
        _ request: RequestExtractor.Request, _ finding: SponsorDetector.Finding, _ new: [IntakeCase.Attachment],
        into c: inout IntakeCase
    ) {
        c.attachments += new
        if c.issues.contains(.missingDescription), request.hasDescription { c.description = request.description }
        if c.requester.phone == nil { c.requester.phone = request.phones.first }
        if request.preferredContact != .unknown { c.requester.preferredContact = request.preferredContact }
        for s in finding.signals where !c.embassy.signals.contains(s) { c.embassy.signals.append(s) }
        let letter = c.attachments.contains { $0.status == .accepted && $0.role == .guaranteeLetter }
        c.embassy.detected = c.embassy.detected || finding.detected || letter
        c.embassy.letterOfGuarantee = letter
        if request.mentionsImages || c.attachments.contains(where: { $0.status == .accepted && $0.role == .image }) {
            c.service = .recordsAndImagesReview
        }
    }

    /// The contract's issue codes for the case as it now stands, in a fixed order.
    func issues(_ c: IntakeCase, hasDescription: Bool, termsConfirmed: Bool, mentionsImages: Bool) -> [IntakeCase.IssueCode] {
        let accepted = c.attachments.filter { $0.status == .accepted }
        var out: [IntakeCase.IssueCode] = []
        if !hasDescription { out.append(.missingDescription) }
        if !accepted.contains(where: { $0.role == .report }) { out.append(.missingReport) }
        if mentionsImages, !accepted.contains(where: { $0.role == .image }) { out.append(.missingImages) }
        if c.attachments.contains(where: { $0.reason == .overImageLimit }) { out.append(.imagesOverLimit) }
        if !termsConfirmed { out.append(.termsNotConfirmed) }
        if c.embassy.detected, !c.embassy.letterOfGuarantee { out.append(.guaranteeLetterRequired) }
        if c.attachments.contains(where: { $0.status == .rejected }) { out.append(.attachmentRejected) }
        return out
    }
}

import Foundation
import MIMEParser

/// The acknowledgement the intake would write, for an administrator to review without sending
/// anything (`mail-bot render-reply`): of a raw message planned as a new case, or of a case as
/// stored. Pure: the caller reads the files and passes the bytes and the clock in.
public enum ReplyPreview {
    /// The reply to `raw` as if it arrived at `now` and opened case `caseId`, or nil when the
    /// intake would send none (automatic mail, our own address); `language` overrides the case's.
    public static func forMessage(
        _ raw: [UInt8], configuration: IntakeConfiguration, now: Date, caseId: String = "SMO-PREVIEW",
        language: IntakeCase.Language? = nil
    ) -> OutgoingMail? {
        let view = MessageView(MIMEMessage(parsing: raw))
        let plan = IntakePlanner(configuration: configuration).plan(view, receivedAt: now, now: now, caseId: caseId)
        guard plan.reply != nil, let to = view.replyAddress else { return nil }
        var c = plan.intakeCase
        if let language { c.language = language }
        return compose(c, original: view, to: to, configuration: configuration, now: now)
    }

    /// The first acknowledgement of a stored case (`case.json` and `original.eml`), composed at
    /// `now` (default: when the request was received, i.e. as it was sent).
    public static func forCase(
        _ c: IntakeCase, original: [UInt8]?, configuration: IntakeConfiguration, now: Date? = nil,
        language: IntakeCase.Language? = nil
    ) -> OutgoingMail {
        var c = c
        if let language { c.language = language }
        let view = original.map { MessageView(MIMEMessage(parsing: $0)) }
        let to = view?.replyAddress ?? MailAddress(name: c.requester.name.isEmpty ? nil : c.requester.name, address: c.requester.email)
        return compose(c, original: view, to: to, configuration: configuration, now: now ?? c.receivedAt)
    }

    static func compose(
        _ c: IntakeCase, original: MessageView?, to: MailAddress, configuration: IntakeConfiguration, now: Date
    ) -> OutgoingMail {
        ReplyComposer(configuration: configuration).compose(
            .init(
                intakeCase: c, newAttachments: c.attachments, to: to, originalSubject: original?.subject ?? c.subject ?? "",
                originalMessageID: original?.messageID ?? c.messageId, originalReferences: original?.references ?? [],
                sequence: 1, now: now, requesterOffsetSeconds: DateHeaderOffset.seconds(original?.header["Date"])))
    }
}

extension ReplyPreview {
    /// The decoded text/plain and text/html parts of a reply we composed.
    public static func document(of mail: OutgoingMail) -> (text: String, html: String) {
        let m = MIMEMessage(parsing: mail.bytes)
        func part(_ type: String) -> String {
            (m.root.children.first { $0.contentType.mimeType == type }?.text() ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        }
        return (part("text/plain"), part("text/html"))
    }
}

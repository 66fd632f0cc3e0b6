import Foundation
import MIMEParser

extension IntakeRunner {
    /// The reply path shared by the intake, the resumed message and the outbox worker.
    var delivery: ReplyDelivery {
        ReplyDelivery(
            sender: sender, outbox: journal.map(OutboxJournal.init), backoff: backoff, dailyLimit: dailyReplyLimit,
            logger: logger, metrics: metrics)
    }

    /// Hands `mail` (reply `sequence` of the case) to the sender and writes the outcome into
    /// `case.json` when the reply is still the case's latest; returns the case as it stands.
    func deliver(_ mail: OutgoingMail, sequence: Int, in intakeCase: IntakeCase, now: Date) async throws -> IntakeCase {
        let result = await delivery.deliver(mail, caseId: intakeCase.caseId, sequence: sequence, now: now)
        return try record(result, sequence: sequence, in: intakeCase)
    }

    /// Writes a reply's outcome into `case.json` when the reply is still the case's latest
    /// (and the outcome is known); returns the case as it stands.
    func record(_ result: ReplyDelivery.Result, sequence: Int, in intakeCase: IntakeCase) throws -> IntakeCase {
        var updated = intakeCase
        guard result.status != .pending, OutboxJournal.sequence(fromMessageID: intakeCase.reply.messageId ?? "") == sequence else {
            return intakeCase
        }
        updated.reply.status = result.status
        updated.reply.reason = result.reason
        guard updated != intakeCase else { return intakeCase }
        return try store.update(updated)
    }

    /// A message seen again: its case as it stands, and the case's latest reply to hand over
    /// when a crash left it `pending` (sent unless the outbox records it sent or refused).
    func pendingReply(of caseId: String, outcome: IntakeOutcome) throws -> StagedMessage {
        let current = try store.readCase(caseId)
        var staged = StagedMessage(outcome: outcome, writtenCase: current)
        staged.outcome.reply = current.reply
        guard current.reply.status == .pending, let id = current.reply.messageId,
            let sequence = OutboxJournal.sequence(fromMessageID: id), let mail = replyMail(caseId: caseId, sequence: sequence, messageId: id)
        else { return staged }
        logger.notice("settling a reply left pending", metadata: ["case.id": "\(caseId)"])
        staged.reply = ReplyDelivery.Reply(mail: mail, caseId: caseId, sequence: sequence)
        staged.touched = [caseId]
        return staged
    }

    /// Reply `sequence` of a case as it was written into the case folder (`reply.eml` for the
    /// acknowledgement, `messages/<n>-reply.eml` for a follow-up's), ready to send again under
    /// its first name (so a file outbox keeps one copy). Nil when the file is missing.
    func replyMail(caseId: String, sequence: Int, messageId: String?) -> OutgoingMail? {
        let folder = store.folder(of: caseId)
        var candidates = [sequence == 1 ? "reply.eml" : "messages/\(sequence)-reply.eml"]
        candidates += store.fileNames(of: caseId, in: "messages").filter { $0.hasSuffix("-reply.eml") }.sorted().map { "messages/" + $0 }
        for relative in candidates {
            guard let data = FileManager.default.contents(atPath: folder + "/" + relative) else { continue }
            let bytes = Array(data)
            let message = MIMEMessage(parsing: bytes)
            guard messageId == nil || message.messageID == messageId, let from = message.from.first?.address, !message.to.isEmpty
            else { continue }
            return OutgoingMail(envelopeFrom: from, recipients: message.to.map(\.address), bytes: bytes, name: "\(caseId)-\(sequence)")
        }
        return nil
    }
}

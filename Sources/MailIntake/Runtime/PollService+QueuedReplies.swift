import Foundation
import MIMEParser

extension PollService {
    /// Sends again the replies that could not be sent when their case was made (the SMTP
    /// server was down): once per successful cycle, for cases the journal lists as queued.
    ///
    /// Only `reply.eml` is sent, and only while it is still the case's latest reply (its
    /// Message-ID is `reply.messageId`) and the case still says `queued`: a person may have
    /// sent it by hand and marked it, or a follow-up may have produced a newer reply. A reply
    /// the server refused for its recipient is not retried (that needs a person). On success
    /// the case says `sent` and the journal records it, so `status` stops counting it.
    func retryQueuedReplies() async -> Int {
        let queued = journal.records.values.filter { $0.replyStatus == "queued" && $0.caseId != nil }
        var sent = 0
        var seen: Set<String> = []
        for record in queued.sorted(by: { $0.at < $1.at }) {
            guard let caseId = record.caseId, seen.insert(caseId).inserted, !Task.isCancelled else { continue }
            do {
                if try await resend(caseId) {
                    sent += 1
                    var done = record
                    done.replyStatus = "sent"
                    done.at = clock()
                    try journal.append(done)
                    logger.info("queued reply sent", metadata: ["case.id": "\(caseId)"])
                }
            } catch {
                logger.warning("queued reply still not sent", metadata: ["case.id": "\(caseId)", "error": "\(FailureSummary(error))"])
            }
        }
        return sent
    }

    /// Sends `caseId`'s `reply.eml` when it is still queued; true when it went out (or the
    /// case no longer needs it, which also settles the journal).
    private func resend(_ caseId: String) async throws -> Bool {
        let store = runner.store
        guard store.caseExists(caseId) else { return true }
        let current = try store.readCase(caseId)
        guard current.reply.status == .queued else { return true }
        if current.reply.reason?.contains("refused the recipient") == true { return false }
        guard let bytes = FileManager.default.contents(atPath: store.folder(of: caseId) + "/reply.eml") else { return false }
        let reply = MIMEMessage(parsing: Array(bytes))
        guard let from = reply.from.first?.address, !reply.to.isEmpty,
            current.reply.messageId == nil || reply.messageID == current.reply.messageId
        else { return false }
        let mail = OutgoingMail(envelopeFrom: from, recipients: reply.to.map(\.address), bytes: Array(bytes), name: "\(caseId)-retry")
        guard case .sent = try await runner.sender.send(mail) else { return false }
        try await store.withExclusiveAccess { _ in
            var updated = try store.readCase(caseId)
            updated.reply.status = .sent
            updated.reply.reason = nil
            _ = try store.update(updated)
        }
        return true
    }
}

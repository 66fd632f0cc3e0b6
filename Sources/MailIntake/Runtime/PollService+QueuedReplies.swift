import Foundation

extension PollService {
    /// Sends the replies that are due for another try (the outbox rows `pending` or `queued`
    /// whose next attempt has come), earliest first, acknowledgements and follow-up replies
    /// alike. Stops at the first reply the server could not be reached for: the others would
    /// only wait for the same timeout (the backoff then spaces the next tries, with jitter).
    /// A reply refused for good (5xx) is marked `failed` with the server's answer on its case.
    /// Returns how many were sent.
    func flushOutbox() async -> Int {
        let now = clock()
        let runner = self.runner
        let outbox = self.outbox
        guard !runner.backoff.isClosed(at: now) else { return 0 }
        let due: [OutboxJournal.Entry]
        do {
            due = try outbox.due(at: now)
        } catch {
            logger.warning("outbox not readable", metadata: ["error": "\(FailureSummary(error))"])
            return 0
        }
        var sent = 0
        for entry in due where !Task.isCancelled {
            do {
                let result = try await runner.store.withExclusiveAccess { _ -> ReplyDelivery.Result? in
                    guard runner.store.caseExists(entry.caseId),
                        let mail = runner.replyMail(caseId: entry.caseId, sequence: entry.sequence, messageId: entry.messageId)
                    else { return nil }
                    let current = try runner.store.readCase(entry.caseId)
                    let updated = try await runner.deliver(mail, sequence: entry.sequence, in: current, now: now)
                    let state = try outbox.entry(caseId: entry.caseId, sequence: entry.sequence)?.state
                    return ReplyDelivery.Result(
                        status: state == .sent ? .sent : updated.reply.status, reason: nil,
                        serverUnreachable: runner.backoff.isClosed(at: now))
                }
                guard let result else {
                    // The case or its reply file is gone (removed by a person): nothing to send.
                    try outbox.markFailed(caseId: entry.caseId, sequence: entry.sequence, answer: "the reply file is missing", at: now)
                    continue
                }
                if result.status == .sent {
                    sent += 1
                    logger.info("queued reply sent", metadata: ["case.id": "\(entry.caseId)"])
                }
                if result.serverUnreachable { break }
            } catch {
                logger.warning("queued reply not settled", metadata: ["case.id": "\(entry.caseId)", "error": "\(FailureSummary(error))"])
                if IntakeTrouble.isEnvironment(error) { break }
            }
        }
        return sent
    }
}

import Foundation
import Logging

/// Hands one reply to the mail server and records the outcome, in the order that keeps a
/// crash from sending it twice: the reply is already in the case folder (`pending`); the
/// outbox row is written; the attempt counted; the server answers; the row says `sent` (one
/// write: the only window in which a crash can cause a duplicate); the caller then updates
/// `case.json`.
///
/// Without a journal (`process`, whose file outbox is idempotent by name) it just sends.
struct ReplyDelivery: Sendable {
    var sender: any MailSender
    var outbox: OutboxJournal?
    var backoff: OutboxBackoff
    /// Automatic replies to one address per day (`[replies] max_per_recipient_per_day`); nil: no cap.
    var dailyLimit: Int?
    var logger: Logger
    var metrics: IntakeMetrics?

    /// What became of the reply, in the case's terms.
    struct Result: Sendable, Equatable {
        var status: IntakeCase.Reply.Status
        var reason: String?
        /// The server could not be reached: the caller should stop trying others this cycle.
        var serverUnreachable = false
    }

    /// Sends `mail` (sequence `sequence` of `caseId`) unless the outbox says it was sent, was
    /// refused for good, is held back by the daily cap, or the server is backing off.
    func deliver(_ mail: OutgoingMail, caseId: String, sequence: Int, now: Date) async -> Result {
        let reply = Reply(mail: mail, caseId: caseId, sequence: sequence)
        switch admit([reply], now: now)[0] {
        case .settled(let result): return result
        case .send: return await handOver(reply, now: now)
        }
    }

    /// One reply of a batch.
    struct Reply: Sendable {
        var mail: OutgoingMail
        var caseId: String
        var sequence: Int
    }

    /// What the outbox says to do with a reply.
    enum Admission: Sendable {
        /// Hand it to the server now (its row is written and the attempt counted).
        case send
        /// Nothing to send: its outcome is already known (sent, refused, held back, backing off).
        case settled(Result)
    }

    /// Records the outbox rows of `replies` and counts their attempts, all in one journal
    /// transaction (one commit for a poll batch), and says for each whether to send it now.
    func admit(_ replies: [Reply], now: Date) -> [Admission] {
        guard let outbox else { return replies.map { _ in .send } }
        let entries: [OutboxJournal.Entry]
        do {
            entries = try outbox.admit(
                replies.map { OutboxJournal.Admission(caseId: $0.caseId, sequence: $0.sequence, recipient: $0.mail.recipients.first ?? "") },
                dailyLimit: dailyLimit, day: Self.day(now), countAttempts: !backoff.isClosed(at: now), at: now)
        } catch {
            // The journal cannot be written (its disk is full): do not send what we could
            // not record; the replies stay pending in their case folders and are sent later.
            logger.warning("outbox not recorded; replies left pending", metadata: ["error": "\(FailureSummary(error))"])
            return replies.map { _ in .settled(Result(status: .pending, reason: nil, serverUnreachable: false)) }
        }
        return entries.map { entry in
            switch entry.state {
            case .sent: return .settled(Result(status: .sent))
            case .failed: return .settled(Result(status: .failed, reason: entry.lastAnswer))
            case .suppressed:
                return .settled(
                    Result(
                        status: .suppressed,
                        reason: "held back: the daily limit of \(dailyLimit ?? 0) automatic replies to this address was reached"))
            case .pending, .queued:
                if backoff.isClosed(at: now) {
                    return .settled(
                        Result(
                            status: .queued, reason: entry.lastAnswer ?? "the mail server could not be reached; it will be retried",
                            serverUnreachable: true))
                }
                return .send
            }
        }
    }

    /// Hands an admitted reply to the server and records the answer: `sent` in its own journal
    /// commit right after the server's answer (the one window in which a crash can cause a
    /// duplicate), `queued` with a retry time, or `failed` for a permanent refusal.
    func handOver(_ reply: Reply, now: Date) async -> Result {
        let (mail, caseId, sequence) = (reply.mail, reply.caseId, reply.sequence)
        do {
            let outcome = try await sender.send(mail)
            if case .queued(let why) = outcome {
                record { try $0.markQueued(caseId: caseId, sequence: sequence, answer: why, next: retryTime(caseId, sequence, now), at: now) }
                return Result(status: .queued, reason: why)
            }
            backoff.open()
            // The window: the server has the reply; until this write lands, a crash resends it.
            record { try $0.markSent(caseId: caseId, sequence: sequence, answer: nil, at: now) }
            metrics?.reply(status: "sent")
            return Result(status: .sent)
        } catch {
            let summary = FailureSummary(error)
            metrics?.failure(summary)
            logger.warning("reply not sent", metadata: ["case.id": "\(caseId)", "error": "\(summary)"])
            let answer = (error as? TransportError)?.description ?? String(describing: error)
            if Self.isPermanentRefusal(error) {
                record { try $0.markFailed(caseId: caseId, sequence: sequence, answer: answer, at: now) }
                metrics?.reply(status: "failed")
                return Result(status: .failed, reason: "refused by the mail server: \(answer)")
            }
            let next = retryTime(caseId, sequence, now)
            if Self.isUnreachable(error) { backoff.close(until: next) }
            record { try $0.markQueued(caseId: caseId, sequence: sequence, answer: answer, next: next, at: now) }
            metrics?.reply(status: "queued")
            return Result(status: .queued, reason: "not sent yet: \(answer)", serverUnreachable: Self.isUnreachable(error))
        }
    }

    private func retryTime(_ caseId: String, _ sequence: Int, _ now: Date) -> Date {
        let attempts = (try? outbox?.entry(caseId: caseId, sequence: sequence))??.attempts ?? 1
        return now.addingTimeInterval(backoff.delay(afterAttempts: attempts))
    }

    private func record(_ write: (OutboxJournal) throws -> Void) {
        guard let outbox else { return }
        do {
            try write(outbox)
        } catch {
            logger.error("outbox not updated", metadata: ["error": "\(FailureSummary(error))"])
        }
    }

    /// A refusal the server will repeat: a 5xx answer to the recipient or to the message.
    static func isPermanentRefusal(_ error: any Error) -> Bool {
        guard let error = error as? TransportError else { return false }
        switch error.code {
        case .rejectedRecipient: return !error.curlText.contains("server said: 4")
        case .serverSaidNo(let text): return text.hasPrefix("5")
        default: return false
        }
    }

    /// The server could not be reached at all (not a refusal of this one reply).
    static func isUnreachable(_ error: any Error) -> Bool {
        guard let error = error as? TransportError else { return false }
        switch error.code {
        case .connectionRefused, .timeout, .tlsFailure, .authenticationFailed, .other: return true
        default: return false
        }
    }

    /// "2026-11-24" (UTC), the day a reply counts against the cap.
    static func day(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let d = Date(timeIntervalSince1970: TimeInterval(days * 86_400))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}

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
        if let outbox {
            do {
                let entry = try outbox.enqueue(
                    caseId: caseId, sequence: sequence, recipient: mail.recipients.first ?? "", messageId: nil,
                    dailyLimit: dailyLimit, day: Self.day(now), at: now)
                switch entry.state {
                case .sent: return Result(status: .sent)
                case .failed: return Result(status: .failed, reason: entry.lastAnswer)
                case .suppressed:
                    return Result(
                        status: .suppressed,
                        reason: "held back: the daily limit of \(dailyLimit ?? 0) automatic replies to this address was reached")
                case .pending, .queued:
                    if backoff.isClosed(at: now) {
                        return Result(
                            status: .queued, reason: entry.lastAnswer ?? "the mail server could not be reached; it will be retried",
                            serverUnreachable: true)
                    }
                    try outbox.countAttempt(caseId: caseId, sequence: sequence, at: now)
                }
            } catch {
                // The journal cannot be written (its disk is full): do not send what we could
                // not record; the reply stays pending in the case folder and is sent later.
                logger.warning("outbox not recorded; reply left pending", metadata: ["case.id": "\(caseId)", "error": "\(FailureSummary(error))"])
                return Result(status: .pending, reason: nil, serverUnreachable: false)
            }
        }
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

import Foundation
import Logging

/// One message for ``IntakeRunner/processBatch(_:now:progress:)``.
public struct IntakeItem: Sendable {
    public var raw: [UInt8]
    /// When the mailbox received it (callback deadlines count from here).
    public var receivedAt: Date

    public init(raw: [UInt8], receivedAt: Date) {
        self.raw = raw
        self.receivedAt = receivedAt
    }
}

/// Where a batch is, for a watchdog: about to stage item `i`, or to send its reply.
public enum IntakeStep: Sendable {
    case staging(Int)
    case sending(Int)
}

/// What became of each message of a batch.
public struct IntakeBatchResult: Sendable {
    /// One per item, in order: the outcome, or the trouble of the environment that stopped the
    /// batch before the message was done (it stays in the mailbox, to be tried again).
    public var outcomes: [Result<IntakeOutcome, any Error>]
}

extension IntakeRunner {
    /// Processes several messages with one durability barrier and one board publication,
    /// holding the store's lock throughout. The order of effects per message is the one of
    /// docs/operations.md; only the `fsync`s are shared:
    ///
    /// 1. every message is staged (``stage(_:digest:receivedAt:now:session:)``): its case
    ///    folder written with the reply `pending`, the writes' `fsync`s deferred;
    /// 2. one barrier (``SyncBarrier/flush()``: `syncfs`) makes every case of the batch durable;
    /// 3. one journal transaction records the batch's outbox rows and counts their attempts;
    /// 4. the replies go out one after the other over the sender's reused session, each `sent`
    ///    recorded in its own journal commit right after the server's answer;
    /// 5. each `case.json` takes its reply's outcome; the board is published once; a last
    ///    barrier makes those durable before the caller records the messages and moves them.
    ///
    /// A message that cannot become a case is kept under `CASES/.failed/` (outcome `failed`).
    /// Trouble of the environment while staging stops the staging there: the messages staged
    /// before it go on through steps 2–5, the others get the trouble as their result. Trouble
    /// at a barrier is thrown (nothing of the batch has left; the next cycle redoes it).
    /// `progress` is told before each message's stage and reply (the caller's watchdog).
    public func processBatch(
        _ items: [IntakeItem], now: Date, progress: @Sendable (IntakeStep) -> Void = { _ in }
    ) async throws -> IntakeBatchResult {
        let barrier = SyncBarrier.make(for: store.root)
        return try await AtomicFiles.deferringSync(barrier) {
            try await store.withExclusiveAccess { session in
                var staged: [StagedMessage] = []
                var stoppedBy: (any Error)?
                for (index, item) in items.enumerated() {
                    progress(.staging(index))
                    do {
                        staged.append(try await stageOrKeep(item, now: now, session: session))
                    } catch {
                        stoppedBy = error
                        break
                    }
                }
                try session.save()
                // The batch's cases durable, every reply still pending: now, and only now,
                // anything may leave.
                try barrier?.flush()
                var outcomes = try await deliverStaged(staged, now: now, progress: progress)
                if staged.contains(where: { $0.outcome.kind == .created || $0.outcome.kind == .joined }) {
                    do {
                        try store.regenerateIndex(generatedAt: now)
                    } catch {
                        logger.warning("index.html not regenerated", metadata: ["error": "\(FailureSummary(error))"])
                    }
                }
                try barrier?.flush()
                if let stoppedBy {
                    outcomes += Array(repeating: .failure(stoppedBy), count: items.count - outcomes.count)
                }
                return IntakeBatchResult(outcomes: outcomes)
            }
        }
    }

    /// Stages one message; a message that cannot become a case for reasons of its own is kept
    /// under `CASES/.failed/` with the reason. Trouble of the environment is thrown.
    private func stageOrKeep(_ item: IntakeItem, now: Date, session: CaseStoreSession) async throws -> StagedMessage {
        let digest = Digest.sha256Hex(item.raw)
        do {
            return try await stage(item.raw, digest: digest, receivedAt: item.receivedAt, now: now, session: session)
        } catch {
            // Not the message's fault: leave it where it is, to be tried when the trouble ends.
            if IntakeTrouble.isEnvironment(error) { throw error }
            let reason = "could not process the message: \(error)"
            let path = try store.recordFailure(raw: item.raw, sha256: digest, reason: reason, at: now)
            logger.error(
                "message kept in the failed folder", metadata: ["mail.sha256": "\(digest.prefix(16))", "error": "\(FailureSummary(error))"])
            return StagedMessage(
                outcome: IntakeOutcome(kind: .failed, caseId: nil, reply: nil, failedMessagePath: path, failureReason: reason))
        }
    }

    /// Steps 3–5 for the staged messages: outbox rows in one transaction, the replies handed
    /// over one by one, each case's `case.json` brought up to date. A case written by more
    /// than one message of the batch is read back before its update (the copy in hand may be
    /// older than the folder).
    private func deliverStaged(
        _ staged: [StagedMessage], now: Date, progress: @Sendable (IntakeStep) -> Void
    ) async throws -> [Result<IntakeOutcome, any Error>] {
        let delivery = self.delivery
        let replies = staged.compactMap(\.reply)
        var admissions = delivery.admit(replies, now: now)[...]
        var writes: [String: Int] = [:]
        for message in staged { for id in message.touched { writes[id, default: 0] += 1 } }
        var outcomes: [Result<IntakeOutcome, any Error>] = []
        for (index, message) in staged.enumerated() {
            guard let reply = message.reply else {
                outcomes.append(.success(message.outcome))
                continue
            }
            progress(.sending(index))
            let result: ReplyDelivery.Result
            switch admissions.removeFirst() {
            case .settled(let settled): result = settled
            case .send:
                if delivery.backoff.isClosed(at: now) {
                    // An earlier reply of the batch found the server unreachable.
                    result = ReplyDelivery.Result(
                        status: .queued, reason: "the mail server could not be reached; it will be retried", serverUnreachable: true)
                } else {
                    result = await delivery.handOver(reply, now: now)
                }
            }
            do {
                let current =
                    writes[reply.caseId, default: 0] > 1 || message.writtenCase == nil
                    ? try store.readCase(reply.caseId) : message.writtenCase!
                let updated = try record(result, sequence: reply.sequence, in: current)
                var outcome = message.outcome
                outcome.reply = updated.reply
                logger.info("reply settled", metadata: ["case.id": "\(reply.caseId)", "reply.status": "\(updated.reply.status.rawValue)"])
                outcomes.append(.success(outcome))
            } catch {
                // The reply's fate is in the outbox; the case says `pending` until the message
                // is seen again (it stays in the mailbox), which settles it from the outbox.
                guard IntakeTrouble.isEnvironment(error) else { throw error }
                outcomes.append(.failure(error))
            }
        }
        return outcomes
    }
}

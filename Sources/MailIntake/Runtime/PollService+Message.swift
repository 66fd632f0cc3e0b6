import Foundation
import Logging

extension PollService {
    /// What became of one message in a cycle.
    enum MessageResult {
        case processed, failed, known, skipped
    }

    /// A message of the cycle still to be tried, and whether it must be tried alone.
    struct Work {
        var entry: MailboxEntry
        /// A try of it was counted and never finished (the process died or hung in a batch it
        /// was part of): it is tried in a batch of its own, so that a poison message can only
        /// take itself to Failed after `max_attempts`, never its batch-mates.
        var alone: Bool
    }

    /// Sorts the listed messages: those the journal knows as done are only moved (a crash may
    /// have come between the record and the move), those tried `max_attempts` times without
    /// ever finishing go to Failed unread, the rest is returned as work, in order.
    func triage(_ pending: [MailboxEntry], report: inout CycleReport) async throws -> [Work] {
        let now = clock()
        let rows = try messages.rows(pending.map(\.key))
        var work: [Work] = []
        var moves: [String: [MailboxEntry]] = [:]
        for entry in pending {
            let row = rows[entry.key]
            if let row, row.state.isFinal {
                moves[row.folder ?? settings.processedFolder, default: []].append(entry)
                report.known += 1
                observer?.message(result: "\(MessageResult.known)", duration: .zero)
            } else if let row, row.attempts >= settings.maxAttempts {
                try giveUp(entry, after: row, at: now)
                moves[settings.failedFolder, default: []].append(entry)
                report.failed += 1
                observer?.message(result: "\(MessageResult.failed)", duration: .zero)
            } else {
                work.append(Work(entry: entry, alone: (row?.attempts ?? 0) > 0))
            }
        }
        for (folder, entries) in moves.sorted(by: { $0.key < $1.key }) {
            try await moveQuietly(entries, to: folder)
        }
        return work
    }

    /// The next batch from `work[start...]`: one message tried alone, or up to
    /// `settings.batchSize` fresh messages and `settings.batchBytes` bytes (at least one).
    func nextBatch(_ work: [Work], from start: Int) -> [MailboxEntry] {
        var batch = [work[start].entry]
        // With a single attempt allowed, a batch-mate's crash would send a message to Failed.
        guard !work[start].alone, settings.maxAttempts > 1 else { return batch }
        var bytes = work[start].entry.size
        var index = start + 1
        while index < work.count, !work[index].alone, batch.count < settings.batchSize,
            bytes + work[index].entry.size <= settings.batchBytes
        {
            batch.append(work[index].entry)
            bytes += work[index].entry.size
            index += 1
        }
        return batch
    }

    /// One batch through the lifecycle: the attempts counted (one journal commit, before the
    /// try, so a crash or a hang still counts), the messages fetched (pipelined), run through
    /// the intake together (``IntakeRunner/processBatch(_:now:progress:)``: one durability
    /// barrier, one outbox transaction, the replies over one SMTP session), their outcomes
    /// recorded in one journal commit, then moved with one command per folder. Trouble of the
    /// environment takes back the attempts of the messages it stopped and is returned, after
    /// the messages done before it were recorded and moved.
    func handle(_ entries: [MailboxEntry]) async throws -> BatchOutcome {
        let now = clock()
        try messages.beginAttempts(entries, at: now)
        for _ in entries { observer?.metrics.attempt() }
        let fetched: [Result<[UInt8], any Error>]
        do {
            fetched = try await mailbox.fetch(entries, maxBytes: settings.maxMessageBytes)
        } catch let error as TransportError where error.mayBeTheMessage {
            guard await mailboxAnswers() else {
                refund(entries, error, at: now)
                throw error
            }
            // The server answers, but a fetch of the batch stalled or broke off: a message's
            // own trouble. The attempts stay counted, so each message of the batch is tried
            // alone from now on (at once, in this cycle) and the one at fault goes to Failed
            // after `max_attempts`, while the mail behind it flows.
            let summary = FailureSummary(error)
            for entry in entries { try? messages.noteTrouble(entry.key, trouble: summary.description, at: now) }
            noteFailure(summary, at: now)
            observer?.failure(error, at: now)
            logger.warning(
                "messages could not be fetched; each is tried alone",
                metadata: ["mail.keys": "\(entries.map(\.key).joined(separator: ","))", "error": "\(summary)"])
            return BatchOutcome(
                results: entries.map { _ in .skipped }, trouble: nil, retryAlone: entries.count > 1 ? entries : [])
        } catch {
            refund(entries, error, at: now)
            throw error
        }
        var results = [MessageResult](repeating: .skipped, count: entries.count)
        var finishes: [MessageJournal.Finish] = []
        var items: [IntakeItem] = []
        var itemIndex: [Int] = []
        var digests: [String] = []
        for (index, result) in fetched.enumerated() {
            let entry = entries[index]
            switch result {
            case .success(let raw):
                items.append(IntakeItem(raw: raw, receivedAt: receivedAt(entry) ?? now))
                itemIndex.append(index)
                digests.append(Digest.sha256Hex(raw))
            case .failure(let error as TransportError):
                if case .messageTooLarge = error.code {
                    finishes.append(.init(entry: entry, state: .tooLarge, folder: settings.failedFolder, reason: error.description))
                    logger.warning(
                        "message too large, moved to the failed folder", metadata: ["mail.key": "\(entry.key)", "mail.size": "\(entry.size)"])
                    results[index] = .failed
                } else {
                    // This one message cannot be read now (the server refused it, or it
                    // vanished): skip it, so that one bad message never blocks the rest; it is
                    // tried again next cycle (the attempt taken back), and the error shows.
                    skip(entry, error, at: now)
                }
            case .failure(let error):
                skip(entry, error, at: now)
            }
        }
        var trouble: (any Error)?
        if !items.isEmpty {
            let runner = self.runner
            let watchdog = MessageWatchdog(limit: settings.messageTimeout, logger: logger)
            defer { watchdog.stop() }
            let keys = itemIndex.map { entries[$0].key }
            #if DEBUG
            let raws = items.map(\.raw)
            #endif
            let started = ContinuousClock.now
            let batch: IntakeBatchResult
            do {
                batch = try await runner.processBatch(items, now: now) { step in
                    switch step {
                    case .staging(let k):
                        watchdog.rearm(key: keys[k])
                        #if DEBUG
                        DebugFaults.intakeWillStart(raws[k])
                        #endif
                    case .sending(let k):
                        watchdog.rearm(key: keys[k])
                    }
                }
            } catch {
                refund(itemIndex.map { entries[$0] }, error, at: now)
                throw error
            }
            let each = started.duration(to: .now) / max(1, items.count)
            for (k, outcome) in batch.outcomes.enumerated() {
                let index = itemIndex[k]
                let entry = entries[index]
                switch outcome {
                case .success(let outcome) where outcome.kind == .failed:
                    finishes.append(
                        .init(entry: entry, state: .failed, folder: settings.failedFolder, reason: outcome.failureReason, sha256: digests[k]))
                    results[index] = .failed
                case .success(let outcome):
                    finishes.append(
                        .init(
                            entry: entry, state: .processed, caseId: outcome.caseId, replyStatus: outcome.reply?.status.rawValue,
                            folder: settings.processedFolder, sha256: digests[k]))
                    results[index] = .processed
                case .failure(let error):
                    if IntakeTrouble.isEnvironment(error) {
                        refund([entry], error, at: now)
                        trouble = trouble ?? error
                    } else {
                        // Left in the inbox with its attempt counted; tried alone next cycle.
                        logger.error("message not finished", metadata: ["mail.key": "\(entry.key)", "error": "\(FailureSummary(error))"])
                    }
                }
                observer?.message(result: "\(results[index])", duration: each)
            }
        }
        try messages.finishAll(finishes, at: now)
        for finish in finishes where finish.state != .processed && finish.reason != nil {
            // The reason may quote the message (a file name): the status says only what kind.
            noteFailure(FailureSummary(kind: "message", code: finish.state.rawValue), at: now)
        }
        var moves: [String: [MailboxEntry]] = [:]
        for finish in finishes { moves[finish.folder, default: []].append(finish.entry) }
        for (folder, moved) in moves.sorted(by: { $0.key < $1.key }) {
            try await moveQuietly(moved, to: folder)
        }
        return BatchOutcome(results: results, trouble: trouble)
    }

    /// What ``handle(_:)`` did with each message of a batch, and the trouble that stopped it.
    struct BatchOutcome: Sendable {
        var results: [MessageResult]
        var trouble: (any Error)?
        /// Messages to try again at once, each alone (a fetch of their batch stalled).
        var retryAlone: [MailboxEntry] = []
    }

    /// After a fetch failed: whether the mailbox still answers (it lists its messages). If it
    /// does not, the server is unreachable altogether: trouble of the environment.
    private func mailboxAnswers() async -> Bool {
        do {
            _ = try await mailbox.pending()
            return true
        } catch {
            return false
        }
    }

    private func skip(_ entry: MailboxEntry, _ error: any Error, at now: Date) {
        try? messages.refundAttempt(entry.key, trouble: FailureSummary(error).description, at: now)
        noteFailure(FailureSummary(error), at: now)
        observer?.failure(error, at: now)
        logger.warning("message skipped", metadata: ["mail.key": "\(entry.key)", "error": "\(FailureSummary(error))"])
    }

    /// Trouble of the environment: the attempts are taken back (it is not the messages' fault).
    private func refund(_ entries: [MailboxEntry], _ error: any Error, at now: Date) {
        guard IntakeTrouble.isEnvironment(error) else { return }
        let summary = FailureSummary(error)
        try? messages.refundAttempts(entries.map(\.key), trouble: summary.description, at: now)
        observer?.failure(error, at: now)
    }

    /// A message tried `max_attempts` times without any try finishing: it crashed or hung the
    /// intake. It goes to Failed unread (reading it may be what kills us), so the rest flows.
    private func giveUp(_ entry: MailboxEntry, after row: MessageJournal.Row, at now: Date) throws {
        let reason =
            "gave up after \(row.attempts) attempts that never finished (the intake crashed, hung or was stopped while handling it)"
            + (row.lastError.map { "; last trouble: \($0)" } ?? "")
        try messages.finish(entry, .failed, folder: settings.failedFolder, reason: reason, at: now)
        noteFailure(FailureSummary(kind: "message", code: MessageJournal.State.failed.rawValue), at: now)
        observer?.metrics.failure(FailureSummary(kind: "message", code: "too-many-attempts"))
        logger.error("message moved to the failed folder after repeated unfinished attempts", metadata: ["mail.key": "\(entry.key)"])
    }
}

/// The time limit on one message's intake. The intake's steps are blocking file work that
/// cannot be interrupted safely (a half-cancelled write holding the store's lock would stall
/// everything behind it), so past the limit the process exits with status 75 (EX_TEMPFAIL)
/// and its supervisor restarts it. The attempt was counted before the try, so a message that
/// hangs the intake every time goes to Failed after `max_attempts` and the mail behind it flows
/// (after such a death it is tried alone). A batch re-arms the limit for each message it
/// stages and each reply it hands over. Fetching has its own limits (curl's timeouts).
final class MessageWatchdog: @unchecked Sendable {
    /// Unchecked: `key` is guarded by `lock`; the timer is thread-safe.
    private let timer = DispatchSource.makeTimerSource(queue: .global())
    private let seconds: Double
    private let lock = NSLock()
    private var key = ""

    init(limit: Duration, logger: Logger) {
        seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        timer.setEventHandler { [lock] in
            let key = lock.withLock { self.key }
            logger.critical("one message's intake exceeded its time limit; exiting to be restarted", metadata: ["mail.key": "\(key)"])
            exit(75)
        }
        timer.schedule(deadline: .now() + seconds)
        timer.resume()
    }

    /// A new message in hand: the full limit again.
    func rearm(key: String) {
        lock.withLock { self.key = key }
        timer.schedule(deadline: .now() + seconds)
    }

    func stop() {
        timer.cancel()
    }
}

import Foundation
import Logging

/// The daemon's work: poll the mailbox, run each new message through the intake, record the
/// result, then move the message out of the inbox.
///
/// One cycle: list pending → only finish moving what the journal already knows → then in
/// batches (up to `batchSize` messages; a message whose earlier try never finished goes alone):
/// count the attempts → fetch, size-checked, pipelined → `IntakeRunner.processBatch` (parse,
/// plan, write the cases with the replies pending, one barrier, send the replies, record
/// them) → record the messages in the journal → move them to Processed (or Failed, with the
/// reason, for a message that could not become a case, is too large to download, or never
/// finished `max_attempts` tries), one command per folder. Then the outbox: replies due for
/// another try. Recording before moving and the case store's own
/// idempotency mean a crash between any two steps neither loses nor duplicates a message
/// (see ``MessageJournal``). Trouble of the environment stops the cycle and leaves the
/// message in the inbox. After every cycle the status file is rewritten.
public actor PollService {
    /// How the service reaches the world; built from the configuration by `PollService.make`.
    public struct Settings: Sendable {
        /// Shown in status and logs: no user information, no secret.
        public var mailboxDescription: String
        public var processedFolder: String
        public var failedFolder: String
        public var maxMessageBytes: Int
        public var journalPath: String
        public var statusPath: String
        /// Tries of one message that never finished before it goes to Failed (`[poll] max_attempts`).
        public var maxAttempts = ConfigurationSchema.defaultMaxAttempts
        /// One message's intake may take this long before the process exits (`[poll] message_timeout_seconds`).
        public var messageTimeout: Duration = .seconds(ConfigurationSchema.defaultMessageTimeoutSeconds)
        /// At most this many messages go through the intake together (one durability barrier,
        /// one outbox transaction, one IMAP move per batch; docs/operations.md).
        public var batchSize = 50
        /// ... and at most this many bytes of them (a single larger message goes alone), so
        /// memory stays bounded by the batch, not the backlog.
        public var batchBytes = 16 << 20

        public init(
            mailboxDescription: String, processedFolder: String, failedFolder: String, maxMessageBytes: Int,
            journalPath: String, statusPath: String
        ) {
            self.mailboxDescription = mailboxDescription
            self.processedFolder = processedFolder
            self.failedFolder = failedFolder
            self.maxMessageBytes = maxMessageBytes
            self.journalPath = journalPath
            self.statusPath = statusPath
        }
    }

    /// What one cycle did.
    public struct CycleReport: Sendable, Equatable {
        /// Pending messages the mailbox listed.
        public var listed = 0
        /// Messages run through the intake this cycle (new or joined cases, or recognised).
        public var processed = 0
        /// Messages moved to the failed folder this cycle.
        public var failed = 0
        /// Messages the journal already knew (at most moved, never processed again).
        public var known = 0
        /// Messages left for a later cycle (an error stopped them).
        public var backlog = 0
    }

    /// A cycle that could not do its job (server unreachable, login refused): one line.
    public struct CycleFailure: Error, Sendable, CustomStringConvertible {
        public var description: String
        /// The cause by kind and code, for monitoring (the description may quote a server).
        public var summary: FailureSummary? = nil
    }

    let mailbox: any Mailbox
    var runner: IntakeRunner
    let settings: Settings
    let logger: Logger
    let clock: @Sendable () -> Date
    let receivedAt: @Sendable (MailboxEntry) -> Date?
    /// Monitoring hooks (health state and metrics); nil for `--once` and tests that need none.
    let observer: PollObserver?
    /// What became of each mailbox message (the SQLite journal's `messages`).
    let messages: MessageJournal
    /// Replies waiting for the mail server (the SQLite journal's `outbox`).
    let outbox: OutboxJournal
    private var status: PollStatus

    public init(
        mailbox: any Mailbox, runner: IntakeRunner, settings: Settings, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() },
        receivedAt: @escaping @Sendable (MailboxEntry) -> Date? = { _ in nil },
        observer: PollObserver? = nil
    ) throws {
        self.mailbox = mailbox
        self.settings = settings
        self.logger = logger
        self.clock = clock
        self.receivedAt = receivedAt
        self.observer = observer
        var runner = runner
        let database = try runner.journal ?? JournalDatabase.open(path: JournalDatabase.sqlitePath(forConfigured: settings.journalPath))
        if settings.journalPath.hasSuffix(".jsonl") {
            try JournalImport.importOnce(from: settings.journalPath, into: database, now: clock())
        }
        runner.journal = database
        if runner.metrics == nil { runner.metrics = observer?.metrics }
        self.runner = runner
        messages = MessageJournal(database: database)
        outbox = OutboxJournal(database: database)
        var status = (try? PollStatus.read(from: settings.statusPath)).flatMap { $0 } ?? PollStatus(mailbox: settings.mailboxDescription)
        status.mailbox = settings.mailboxDescription
        self.status = status
    }

    /// The status as of the last cycle.
    public var currentStatus: PollStatus { status }

    /// Runs one poll cycle. Throws `CycleFailure` when the mailbox could not be listed or a
    /// transport error stopped the cycle (the messages stay for the next one); the caller
    /// reports it (`run --once` as its one-line reason, the loop as a log line).
    public func runCycle() async throws -> CycleReport {
        let started = clock()
        let startedInstant = ContinuousClock.now
        observer?.cycleStarted(at: started)
        status.lastPollAt = started
        status.pid = ProcessInfo.processInfo.processIdentifier
        var report = CycleReport()
        do {
            let lock = try await FileLock.acquire(settings.journalPath + ".lock")
            defer { withExtendedLifetime(lock) {} }
            let pending = try await mailbox.pending()
            report.listed = pending.count
            var work = try await triage(pending, report: &report)
            var next = 0
            while next < work.count {
                if Task.isCancelled {
                    report.backlog += work.count - next
                    break
                }
                let batch = nextBatch(work, from: next)
                next += batch.count
                // A batch in hand is finished even when a stop was asked for: its own task
                // does not inherit the cancellation, so a SIGTERM can never cut the intake short
                // (a cancelled wait for the store lock would otherwise file it as failed).
                let outcome = try await Task(operation: { try await self.handle(batch) }).value
                for result in outcome.results {
                    switch result {
                    case .processed: report.processed += 1
                    case .failed: report.failed += 1
                    case .known: report.known += 1
                    case .skipped: report.backlog += 1
                    }
                }
                if let trouble = outcome.trouble { throw trouble }
                if !outcome.retryAlone.isEmpty {
                    report.backlog -= outcome.retryAlone.count
                    work.insert(contentsOf: outcome.retryAlone.map { Work(entry: $0, alone: true) }, at: next)
                }
            }
            if !Task.isCancelled {
                _ = await flushOutbox()
            }
            // After the outbox, so replies it settled show too; cheap when nothing changed.
            await runner.flushBoard(now: clock())
        } catch {
            let reason = Self.oneLine(error)
            let summary = FailureSummary(error)
            status.failures.consecutivePolls += 1
            status.failures.lastError = summary.description
            status.failures.lastErrorAt = clock()
            report.backlog = max(report.backlog, report.listed - report.processed - report.failed - report.known)
            finishStatus(report)
            observer?.cycleEnded(status: status, error: error, duration: startedInstant.duration(to: .now), at: clock())
            throw CycleFailure(description: reason, summary: summary)
        }
        status.failures.consecutivePolls = 0
        status.lastSuccessfulPollAt = clock()
        finishStatus(report)
        observer?.cycleEnded(status: status, error: nil, duration: startedInstant.duration(to: .now), at: clock())
        logger.info(
            "poll done",
            metadata: [
                "poll.listed": "\(report.listed)", "poll.processed": "\(report.processed)",
                "poll.failed": "\(report.failed)", "poll.known": "\(report.known)",
            ])
        return report
    }

    /// Polls until the task is cancelled (SIGINT/SIGTERM in `run`): a cycle, then a wait of
    /// `interval` (or until the mailbox says it changed, when `idle`), again and again. A
    /// failed cycle is logged and recorded in the status; the loop keeps going.
    public func run(interval: Duration, idle: Bool) async {
        var failuresInARow = 0
        while !Task.isCancelled {
            var cycleFailed = false
            do {
                _ = try await runCycle()
                failuresInARow = 0
            } catch {
                cycleFailed = true
                failuresInARow += 1
                logger.error("poll failed; trying again in \(interval)", metadata: ["error": "\(FailureSummary(error))"])
                logger.debug("poll failure in full", metadata: ["error": "\(error)"])
            }
            if Task.isCancelled { break }
            do {
                if idle && !cycleFailed {
                    // IMAP IDLE returns as soon as mail arrives; other mailboxes just wait.
                    let mailbox = self.mailbox
                    _ = try await CancellableWait.run { try await mailbox.waitForChange(timeout: interval) }
                } else if cycleFailed {
                    try await Task.sleep(for: Self.retryDelay(interval: interval, failuresInARow: failuresInARow))
                } else {
                    try await Task.sleep(for: interval)
                }
            } catch is CancellationError {
                break
            } catch {
                // IDLE failed (the server said BYE, the connection closed): poll again almost
                // at once, which reconnects; if the server is gone, that poll fails and
                // /healthz says so within moments instead of after the interval.
                observer?.waitFailed(error, at: clock())
                logger.notice("waiting for new mail failed; polling again", metadata: ["error": "\(FailureSummary(error))"])
                do { try await Task.sleep(for: min(interval, .seconds(1))) } catch { break }
            }
        }
        logger.info("poller stopped")
    }

    // MARK: - Messages

    /// Moves recorded messages (one command for the set). A transport failure stops the cycle
    /// (the journal already has the messages, so the next cycle only retries the move); other
    /// failures are logged.
    func moveQuietly(_ entries: [MailboxEntry], to folder: String) async throws {
        guard !entries.isEmpty else { return }
        do {
            try await mailbox.move(entries, to: folder)
        } catch let error as TransportError where error.isTransient {
            throw error
        } catch {
            logger.warning(
                "messages not moved",
                metadata: ["mail.keys": "\(entries.map(\.key).joined(separator: ","))", "folder": "\(folder)", "error": "\(FailureSummary(error))"])
        }
    }

    private func finishStatus(_ report: CycleReport) {
        status.backlog = report.backlog
        do {
            status.processed = try messages.total(.processed)
            status.failures.messages = try messages.total(.failed) + messages.total(.tooLarge)
            let depth = try outbox.depth()
            status.outboxQueue = depth.count
            status.outboxOldestPendingAt = depth.oldest
        } catch {
            logger.warning("journal not readable for the status", metadata: ["error": "\(FailureSummary(error))"])
        }
        do {
            try status.write(to: settings.statusPath)
        } catch {
            logger.warning("status file not written", metadata: ["path": "\(settings.statusPath)", "error": "\(FailureSummary(error))"])
        }
    }

    /// Notes a failure that did not stop the cycle in the status (kind and code only).
    func noteFailure(_ summary: FailureSummary, at now: Date) {
        status.failures.lastError = summary.description
        status.failures.lastErrorAt = now
    }

    /// How long to wait after `failuresInARow` failed cycles: the interval, doubling per
    /// failure up to four intervals (at most five minutes beyond one interval), times a random
    /// factor of 0.8 to 1.2 so that a restarted server is not met by every client at once.
    static func retryDelay(interval: Duration, failuresInARow: Int) -> Duration {
        let base = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let cap = max(base, min(4 * base, base + 300))
        let plain = min(cap, base * pow(2, Double(max(0, min(failuresInARow - 1, 20)))))
        return .milliseconds(Int64(plain * Double.random(in: 0.8...1.2) * 1000))
    }

    static func oneLine(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

import Foundation
import Logging

extension PollService {
    /// One message through the lifecycle: known → only moved; tried too often without ever
    /// finishing → Failed unread; otherwise the attempt is counted (committed before the try,
    /// so a crash or a hang still counts), the message fetched and run through the intake,
    /// the outcome recorded, the message moved. Trouble of the environment takes the attempt
    /// back and stops the cycle with the message left in the inbox. A fetch that stalls or
    /// breaks off while the server still answers is the message's trouble: the attempt stays
    /// counted and the cycle goes on with the next message.
    func handle(_ entry: MailboxEntry) async throws -> MessageResult {
        let now = clock()
        let row = try messages.row(entry.key)
        if let row, row.state.isFinal {
            // Handled before; a crash may have come between the record and the move.
            try await moveQuietly(entry, to: row.folder ?? settings.processedFolder)
            return .known
        }
        if let row, row.attempts >= settings.maxAttempts {
            return try await giveUp(entry, after: row, at: now)
        }
        try messages.beginAttempt(entry, at: now)
        observer?.metrics.attempt()
        do {
            return try await attempt(entry, at: now)
        } catch {
            if IntakeTrouble.isEnvironment(error) {
                let summary = FailureSummary(error)
                try? messages.refundAttempt(entry.key, trouble: summary.description, at: now)
                observer?.failure(error, at: now)
            }
            throw error
        }
    }

    private func attempt(_ entry: MailboxEntry, at now: Date) async throws -> MessageResult {
        let raw: [UInt8]
        do {
            raw = try await mailbox.fetch(entry, maxBytes: settings.maxMessageBytes)
        } catch let error as TransportError {
            if case .serverSaidNo = error.code {
                // This one message cannot be read now (the server refused it, or it vanished):
                // skip it, so that one bad message never blocks the rest; it is tried again
                // next cycle (the attempt taken back), and the error shows in the status.
                try? messages.refundAttempt(entry.key, trouble: FailureSummary(error).description, at: now)
                noteFailure(FailureSummary(error), at: now)
                observer?.failure(error, at: now)
                logger.warning("message skipped", metadata: ["mail.key": "\(entry.key)", "error": "\(FailureSummary(error))"])
                return .skipped
            }
            if error.mayBeTheMessage, await mailboxAnswers() {
                // The server answers, but not with this message (its FETCH stalled or broke
                // off): the message's own trouble. The attempt stays counted, so after
                // `max_attempts` it goes to Failed; meanwhile the mail behind it flows.
                let summary = FailureSummary(error)
                try? messages.noteTrouble(entry.key, trouble: summary.description, at: now)
                noteFailure(summary, at: now)
                observer?.failure(error, at: now)
                logger.warning("message could not be fetched; tried again next cycle", metadata: ["mail.key": "\(entry.key)", "error": "\(summary)"])
                return .skipped
            }
            guard case .messageTooLarge = error.code else { throw error }
            try finish(entry, .tooLarge, reason: error.description, folder: settings.failedFolder, at: now)
            logger.warning("message too large, moved to the failed folder", metadata: ["mail.key": "\(entry.key)", "mail.size": "\(entry.size)"])
            try await moveQuietly(entry, to: settings.failedFolder)
            return .failed
        }
        let runner = self.runner
        let received = receivedAt(entry) ?? now
        let outcome = try await MessageWatchdog.guarding(limit: settings.messageTimeout, logger: logger, key: entry.key) {
            #if DEBUG
            DebugFaults.intakeWillStart(raw)
            #endif
            return try await runner.process(raw, receivedAt: received, now: now)
        }
        let digest = Digest.sha256Hex(raw)
        if outcome.kind == .failed {
            try finish(entry, .failed, reason: outcome.failureReason, folder: settings.failedFolder, sha256: digest, at: now)
            try await moveQuietly(entry, to: settings.failedFolder)
            return .failed
        }
        try finish(
            entry, .processed, caseId: outcome.caseId, replyStatus: outcome.reply?.status.rawValue,
            folder: settings.processedFolder, sha256: digest, at: now)
        try await moveQuietly(entry, to: settings.processedFolder)
        return .processed
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

    /// A message tried `max_attempts` times without any try finishing: it crashed or hung the
    /// intake. It goes to Failed unread (reading it may be what kills us), so the rest flows.
    private func giveUp(_ entry: MailboxEntry, after row: MessageJournal.Row, at now: Date) async throws -> MessageResult {
        let reason =
            "gave up after \(row.attempts) attempts that never finished (the intake crashed, hung or was stopped while handling it)"
            + (row.lastError.map { "; last trouble: \($0)" } ?? "")
        try finish(entry, .failed, reason: reason, folder: settings.failedFolder, at: now)
        observer?.metrics.failure(FailureSummary(kind: "message", code: "too-many-attempts"))
        logger.error("message moved to the failed folder after repeated unfinished attempts", metadata: ["mail.key": "\(entry.key)"])
        try await moveQuietly(entry, to: settings.failedFolder)
        return .failed
    }

    private func finish(
        _ entry: MailboxEntry, _ state: MessageJournal.State, caseId: String? = nil, replyStatus: String? = nil,
        reason: String? = nil, folder: String, sha256: String? = nil, at now: Date
    ) throws {
        try messages.finish(
            entry, state, caseId: caseId, replyStatus: replyStatus, folder: folder, reason: reason, sha256: sha256, at: now)
        if state != .processed, reason != nil {
            // The reason may quote the message (a file name): the status says only what kind.
            noteFailure(FailureSummary(kind: "message", code: state.rawValue), at: now)
        }
    }
}

/// The time limit on one message's intake. The intake's steps are blocking file work that
/// cannot be interrupted safely (a half-cancelled write holding the store's lock would stall
/// everything behind it), so past the limit the process exits with status 75 (EX_TEMPFAIL)
/// and its supervisor restarts it. The attempt was counted before the try, so a message that
/// hangs the intake every time goes to Failed after `max_attempts` and the mail behind it flows.
/// Fetching has its own limits (curl's connect, stall and total timeouts).
enum MessageWatchdog {
    static func guarding<T: Sendable>(
        limit: Duration, logger: Logger, key: String, _ body: () async throws -> T
    ) async throws -> T {
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.setEventHandler {
            logger.critical("one message's intake exceeded its time limit; exiting to be restarted", metadata: ["mail.key": "\(key)"])
            exit(75)
        }
        timer.schedule(deadline: .now() + seconds)
        timer.resume()
        defer { timer.cancel() }
        return try await body()
    }
}

import Foundation

/// What the running daemon knows about itself, shared by the poller (which writes it) and the
/// monitoring server and storage probe (which read it). A lock, not an actor: `/healthz` must
/// answer from the event loop without waiting behind a poll cycle that holds the poller.
public final class MonitoringState: @unchecked Sendable {
    /// The facts `/healthz` and the status page are computed from. No patient data: errors
    /// are `FailureSummary` values, the mailbox is the configured URL or path.
    public struct Snapshot: Sendable, Equatable {
        public var mailbox: String
        public var startedAt: Date
        public var lastPollAt: Date?
        public var lastSuccessfulPollAt: Date?
        /// Set when a poll or an IDLE wait could not reach the mailbox; cleared by a good poll.
        public var mailboxError: FailureSummary?
        public var mailboxErrorSince: Date?
        public var consecutiveFailedPolls = 0
        public var backlog = 0
        public var processed = 0
        public var failedMessages = 0
        /// Replies written but not yet accepted by the mail server, and the oldest one's time.
        public var outboxDepth = 0
        public var oldestPendingReplyAt: Date?
        /// The last environment failure of any kind (storage, SMTP, mailbox), for the page.
        public var lastError: FailureSummary?
        public var lastErrorAt: Date?
        /// The storage probe's last result (nil before the first probe).
        public var storage: StorageProbe.Result?

        public init(mailbox: String, startedAt: Date) {
            self.mailbox = mailbox
            self.startedAt = startedAt
        }
    }

    /// Unchecked: `current` is only touched with `lock` held.
    private let lock = NSLock()
    private var current: Snapshot

    public init(mailbox: String, startedAt: Date = Date()) {
        current = Snapshot(mailbox: mailbox, startedAt: startedAt)
    }

    /// A copy of the facts as they are now.
    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Changes the facts under the lock.
    public func update(_ change: (inout Snapshot) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&current)
    }
}

import Foundation

/// The health `run` reports after every poll, in `<state>/status.json`, for `mail-bot status`
/// and monitoring. Written atomically: a reader sees the previous status or the new one.
public struct PollStatus: Codable, Sendable, Equatable {
    public static let schemaName = "mail-bot-status/1"

    /// Failures since the journal began, and the latest one.
    public struct Failures: Codable, Sendable, Equatable {
        /// Messages moved to the failed folder (too large, or not processable).
        public var messages: Int = 0
        /// Polls in a row that failed (server unreachable, login refused); 0 after a good one.
        public var consecutivePolls: Int = 0
        /// The latest failure by kind and code (`FailureSummary`), one line, no patient data.
        public var lastError: String?
        public var lastErrorAt: Date?
    }

    public var schema: String = schemaName
    /// Which mailbox: `imaps://host/INBOX` or `Maildir /path (read-only)`; never a secret.
    public var mailbox: String
    /// The last poll that was attempted, and the last that succeeded.
    public var lastPollAt: Date?
    public var lastSuccessfulPollAt: Date?
    /// Messages waiting in the mailbox after the last poll (not yet handled).
    public var backlog: Int = 0
    /// Messages handled since the journal began (cases created, joined, or already known).
    public var processed: Int = 0
    public var failures = Failures()
    /// Replies not handed to the server (queued, kept as `reply.eml` in their case folder).
    public var outboxQueue: Int = 0
    /// When the oldest of those replies was written (nil when none waits).
    public var outboxOldestPendingAt: Date?
    /// The process that wrote this status.
    public var pid: Int32?

    public init(mailbox: String) {
        self.mailbox = mailbox
    }

    /// Reads the status file; nil when `run` has not written one yet.
    public static func read(from path: String) throws -> PollStatus? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try PollJournal.decoder.decode(PollStatus.self, from: data)
    }

    /// Replaces the status file atomically.
    public func write(to path: String) throws {
        let encoder = PollJournal.encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        try AtomicFiles.replace(path, bytes: data, mode: 0o600)
    }
}

import Foundation
import GRDB

/// The `messages` table: what became of each mailbox message, and how often the intake tried.
///
/// This is what makes a crash harmless. Before each try the attempt is counted (and committed);
/// after the case is written the row says `processed` or `failed` and which folder the message
/// goes to; only then is the message moved. Crash before the row is final: the message is still
/// in the inbox and is tried again (the case store recognises it: same case, no second reply).
/// Crash after, before the move: the next cycle finds the row and only moves the message.
/// A message that keeps killing or hanging the process piles up attempts without ever
/// finishing, and after `max_attempts` goes to Failed unread, so the mail behind it flows.
///
/// Every lookup is by primary key; the totals `status` shows are counters in `meta`, kept in
/// the same transaction as the row, so nothing grows with the table.
public struct MessageJournal: Sendable {
    /// Where a message stands.
    public enum State: String, Sendable, Codable {
        /// Being tried (or a try was cut short by a crash or a hang: `attempts` says how often).
        case attempting
        /// A case was created or joined, or the case store already had the message.
        case processed
        /// It could not become a case (or gave up after too many attempts): kept in Failed.
        case failed
        /// Larger than `max_message_bytes`: never downloaded.
        case tooLarge = "too-large"

        /// The message is done with; at most a move remains.
        public var isFinal: Bool { self != .attempting }
    }

    /// One row.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var state: State
        public var attempts: Int
        public var caseId: String?
        public var replyStatus: String?
        /// The folder a final message goes to (Processed or Failed).
        public var folder: String?
        /// Why it failed, or the last environment trouble met (kind and code only).
        public var lastError: String?
        public var firstSeen: Date
        public var updated: Date
    }

    public let database: JournalDatabase

    public init(database: JournalDatabase) {
        self.database = database
    }

    /// The row for `key`, if the message was seen before.
    public func row(_ key: String) throws -> Row? {
        try database.pool.read { db in try Self.row(key, db) }
    }

    /// Counts one more try of `entry` and commits it before the try starts; returns the count
    /// including this one.
    @discardableResult
    public func beginAttempt(_ entry: MailboxEntry, at now: Date) throws -> Int {
        let parts = Self.keyParts(entry.key)
        return try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO messages(key, mailbox, uidvalidity, uid, state, attempts, first_seen, updated)
                    VALUES (?, ?, ?, ?, 'attempting', 1, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET attempts = attempts + 1, updated = excluded.updated
                    """,
                arguments: [entry.key, parts.mailbox, parts.uidvalidity, parts.uid, now.timeIntervalSince1970, now.timeIntervalSince1970])
            return try Int.fetchOne(db, sql: "SELECT attempts FROM messages WHERE key = ?", arguments: [entry.key]) ?? 1
        }
    }

    /// The rows of `keys` that exist, in one read.
    public func rows(_ keys: [String]) throws -> [String: Row] {
        try database.pool.read { db in
            var rows: [String: Row] = [:]
            for key in keys { if let row = try Self.row(key, db) { rows[key] = row } }
            return rows
        }
    }

    /// ``beginAttempt(_:at:)`` for a whole batch, in one transaction (one commit, one `fsync`).
    public func beginAttempts(_ entries: [MailboxEntry], at now: Date) throws {
        guard !entries.isEmpty else { return }
        try database.pool.write { db in
            for entry in entries {
                let parts = Self.keyParts(entry.key)
                try db.execute(
                    sql: """
                        INSERT INTO messages(key, mailbox, uidvalidity, uid, state, attempts, first_seen, updated)
                        VALUES (?, ?, ?, ?, 'attempting', 1, ?, ?)
                        ON CONFLICT(key) DO UPDATE SET attempts = attempts + 1, updated = excluded.updated
                        """,
                    arguments: [
                        entry.key, parts.mailbox, parts.uidvalidity, parts.uid, now.timeIntervalSince1970, now.timeIntervalSince1970,
                    ])
            }
        }
    }

    /// ``refundAttempt(_:trouble:at:)`` for several messages, in one transaction.
    public func refundAttempts(_ keys: [String], trouble: String, at now: Date) throws {
        guard !keys.isEmpty else { return }
        try database.pool.write { db in
            for key in keys {
                try db.execute(
                    sql: "UPDATE messages SET attempts = MAX(attempts - 1, 0), last_error = ?, updated = ? WHERE key = ? AND state = 'attempting'",
                    arguments: [trouble, now.timeIntervalSince1970, key])
            }
        }
    }

    /// What ``finish(_:_:caseId:replyStatus:folder:reason:messageId:sha256:at:)`` records, for
    /// ``finishAll(_:at:)``.
    public struct Finish: Sendable {
        public var entry: MailboxEntry
        public var state: State
        public var caseId: String?
        public var replyStatus: String?
        public var folder: String
        public var reason: String?
        public var sha256: String?

        public init(
            entry: MailboxEntry, state: State, caseId: String? = nil, replyStatus: String? = nil, folder: String, reason: String? = nil,
            sha256: String? = nil
        ) {
            self.entry = entry
            self.state = state
            self.caseId = caseId
            self.replyStatus = replyStatus
            self.folder = folder
            self.reason = reason
            self.sha256 = sha256
        }
    }

    /// Records a whole batch's messages as done with, in one transaction.
    public func finishAll(_ finishes: [Finish], at now: Date) throws {
        guard !finishes.isEmpty else { return }
        try database.pool.write { db in
            for f in finishes {
                try Self.finish(
                    f.entry, f.state, caseId: f.caseId, replyStatus: f.replyStatus, folder: f.folder, reason: f.reason, messageId: nil,
                    sha256: f.sha256, at: now, db)
            }
        }
    }

    /// Takes back the attempt counted for `key`: the try was stopped by trouble of the
    /// environment (disk full, share gone, server unreachable), which is not the message's
    /// fault and must never send it to Failed. `trouble` (kind and code) is kept as the last error.
    public func refundAttempt(_ key: String, trouble: String, at now: Date) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE messages SET attempts = MAX(attempts - 1, 0), last_error = ?, updated = ? WHERE key = ? AND state = 'attempting'",
                arguments: [trouble, now.timeIntervalSince1970, key])
        }
    }

    /// Keeps `trouble` (kind and code) as the last error of a try that failed for the message's
    /// own reasons and did not finish; its attempt stays counted.
    public func noteTrouble(_ key: String, trouble: String, at now: Date) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE messages SET last_error = ?, updated = ? WHERE key = ? AND state = 'attempting'",
                arguments: [trouble, now.timeIntervalSince1970, key])
        }
    }

    /// Records the message as done with (`processed`, `failed`, `too-large`) and the folder it
    /// goes to, with what the intake learnt about it; bumps the totals.
    public func finish(
        _ entry: MailboxEntry, _ state: State, caseId: String? = nil, replyStatus: String? = nil, folder: String,
        reason: String? = nil, messageId: String? = nil, sha256: String? = nil, at now: Date
    ) throws {
        try database.pool.write { db in
            try Self.finish(
                entry, state, caseId: caseId, replyStatus: replyStatus, folder: folder, reason: reason, messageId: messageId, sha256: sha256,
                at: now, db)
        }
    }

    static func finish(
        _ entry: MailboxEntry, _ state: State, caseId: String?, replyStatus: String?, folder: String, reason: String?, messageId: String?,
        sha256: String?, at now: Date, _ db: Database
    ) throws {
        let parts = Self.keyParts(entry.key)
        let before = try Self.row(entry.key, db)
        try db.execute(
            sql: """
                INSERT INTO messages(key, mailbox, uidvalidity, uid, message_id, sha256, state, attempts, case_id,
                                     reply_status, folder, last_error, first_seen, updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET message_id = COALESCE(excluded.message_id, message_id),
                    sha256 = COALESCE(excluded.sha256, sha256), state = excluded.state, case_id = excluded.case_id,
                    reply_status = excluded.reply_status, folder = excluded.folder,
                    last_error = COALESCE(excluded.last_error, last_error), updated = excluded.updated
                """,
            arguments: [
                entry.key, parts.mailbox, parts.uidvalidity, parts.uid, messageId, sha256, state.rawValue, caseId,
                replyStatus, folder, reason, now.timeIntervalSince1970, now.timeIntervalSince1970,
            ])
        if before?.state.isFinal != true {
            try Self.bump("count." + state.rawValue, db)
        }
    }

    /// How many messages ended in `state` since the journal began (a counter, not a scan).
    public func total(_ state: State) throws -> Int {
        try database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", arguments: ["count." + state.rawValue]) ?? 0
        }
    }

    /// Which of `keys` are done with (final rows), for a read-only Maildir's backlog.
    public func finishedKeys(among keys: [String]) throws -> Set<String> {
        try database.pool.read { db in
            var done: Set<String> = []
            for key in keys where try Self.row(key, db)?.state.isFinal == true { done.insert(key) }
            return done
        }
    }

    static func row(_ key: String, _ db: Database) throws -> Row? {
        guard
            let r = try GRDB.Row.fetchOne(
                db, sql: "SELECT state, attempts, case_id, reply_status, folder, last_error, first_seen, updated FROM messages WHERE key = ?",
                arguments: [key])
        else { return nil }
        return Row(
            key: key, state: State(rawValue: r["state"]) ?? .attempting, attempts: r["attempts"], caseId: r["case_id"],
            replyStatus: r["reply_status"], folder: r["folder"], lastError: r["last_error"],
            firstSeen: Date(timeIntervalSince1970: r["first_seen"]), updated: Date(timeIntervalSince1970: r["updated"]))
    }

    static func bump(_ counter: String, _ db: Database, by amount: Int = 1) throws {
        try db.execute(
            sql: """
                INSERT INTO meta(key, value) VALUES (?, ?)
                ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT)
                """,
            arguments: [counter, String(amount), amount])
    }

    /// `imap:<uidvalidity>:<uid>` → ("imap", uidvalidity, uid); `maildir:<name>` → ("maildir", 0, name).
    static func keyParts(_ key: String) -> (mailbox: String, uidvalidity: Int64, uid: String) {
        let parts = key.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, parts[0] == "imap", let validity = Int64(parts[1]) {
            return ("imap", validity, parts[2])
        }
        if parts.count >= 2 {
            return (parts[0], 0, key.dropFirst(parts[0].count + 1).description)
        }
        return ("unknown", 0, key)
    }
}

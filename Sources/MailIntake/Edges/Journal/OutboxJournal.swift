import Foundation
import GRDB

/// The `outbox` table: every reply the intake wrote into a case folder, until the mail server
/// accepts it (`sent`) or refuses it for good (`failed`), with its attempts, when to try next
/// and the server's last answer; and `replies_per_day`, the automatic replies per address.
///
/// A row is written (state `pending`) after the case folder holds the reply and before it is
/// handed to SMTP; `sent` is one write after the server's answer. A restarted daemon that finds
/// a `pending` row whose outcome it never learnt sends it again only if it is not recorded
/// `sent`: the window for a duplicate is that one write (docs/operations.md).
public struct OutboxJournal: Sendable {
    /// Where a reply stands (the case's `reply.status` follows it).
    public enum State: String, Sendable, Codable {
        case pending, queued, sent, failed, suppressed

        /// Still to be sent.
        public var isOpen: Bool { self == .pending || self == .queued }
    }

    /// One reply.
    public struct Entry: Sendable, Equatable {
        public var caseId: String
        public var sequence: Int
        public var recipient: String
        public var messageId: String?
        public var state: State
        public var attempts: Int
        public var nextAttempt: Date
        public var lastAnswer: String?
        public var created: Date
    }

    public let database: JournalDatabase

    public init(database: JournalDatabase) {
        self.database = database
    }

    /// Records a reply about to be handed to the server, unless already recorded (a resumed
    /// message: the existing row is returned unchanged). When `dailyLimit` automatic replies
    /// already went to `recipient` on `day`, the row is `suppressed` and the reply is held back.
    public func enqueue(
        caseId: String, sequence: Int, recipient: String, messageId: String?, dailyLimit: Int?, day: String, at now: Date
    ) throws -> Entry {
        try database.pool.write { db in
            try Self.enqueue(caseId: caseId, sequence: sequence, recipient: recipient, messageId: messageId, dailyLimit: dailyLimit, day: day, at: now, db)
        }
    }

    /// A reply of a batch to record, see ``admit(_:dailyLimit:day:countAttempts:at:)``.
    public struct Admission: Sendable {
        public var caseId: String
        public var sequence: Int
        public var recipient: String
        public init(caseId: String, sequence: Int, recipient: String) {
            self.caseId = caseId
            self.sequence = sequence
            self.recipient = recipient
        }
    }

    /// The batch form of ``enqueue(caseId:sequence:recipient:messageId:dailyLimit:day:at:)``
    /// followed by ``countAttempt(caseId:sequence:at:)`` for each reply still to be sent
    /// (when `countAttempts`), in ONE transaction: one commit (one `fsync`) for a whole poll
    /// batch's outbox rows instead of two per reply. Returns each reply's row as enqueued,
    /// in order (before its attempt was counted).
    public func admit(_ replies: [Admission], dailyLimit: Int?, day: String, countAttempts: Bool, at now: Date) throws -> [Entry] {
        guard !replies.isEmpty else { return [] }
        return try database.pool.write { db in
            try replies.map { reply in
                let entry = try Self.enqueue(
                    caseId: reply.caseId, sequence: reply.sequence, recipient: reply.recipient, messageId: nil, dailyLimit: dailyLimit,
                    day: day, at: now, db)
                if countAttempts, entry.state.isOpen {
                    try db.execute(
                        sql: "UPDATE outbox SET attempts = attempts + 1, updated = ? WHERE case_id = ? AND sequence = ?",
                        arguments: [now.timeIntervalSince1970, reply.caseId, reply.sequence])
                }
                return entry
            }
        }
    }

    static func enqueue(
        caseId: String, sequence: Int, recipient: String, messageId: String?, dailyLimit: Int?, day: String, at now: Date,
        _ db: Database
    ) throws -> Entry {
        if let existing = try Self.entry(caseId, sequence, db) { return existing }
        let address = recipient.lowercased()
        var state = State.pending
        if let dailyLimit {
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT count FROM replies_per_day WHERE recipient = ? AND day = ?", arguments: [address, day]) ?? 0
            if count >= dailyLimit {
                state = .suppressed
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO replies_per_day(recipient, day, count) VALUES (?, ?, 1)
                        ON CONFLICT(recipient, day) DO UPDATE SET count = count + 1
                        """,
                    arguments: [address, day])
            }
        }
        let t = now.timeIntervalSince1970
        try db.execute(
            sql: """
                INSERT INTO outbox(case_id, sequence, recipient, message_id, state, attempts, next_attempt, created, updated)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)
                """,
            arguments: [caseId, sequence, address, messageId, state.rawValue, t, t, t])
        return try Self.entry(caseId, sequence, db)!
    }

    /// The row of one reply.
    public func entry(caseId: String, sequence: Int) throws -> Entry? {
        try database.pool.read { db in try Self.entry(caseId, sequence, db) }
    }

    /// Counts one more try before it starts.
    public func countAttempt(caseId: String, sequence: Int, at now: Date) throws {
        try update(caseId, sequence, sql: "attempts = attempts + 1, updated = ?", [now.timeIntervalSince1970])
    }

    /// The server accepted the reply: the record that keeps it from ever being sent again.
    public func markSent(caseId: String, sequence: Int, answer: String?, at now: Date) throws {
        try update(caseId, sequence, sql: "state = 'sent', last_answer = ?, updated = ?", [answer, now.timeIntervalSince1970])
    }

    /// Not sent now (server unreachable or a temporary refusal): try again at `next`.
    public func markQueued(caseId: String, sequence: Int, answer: String?, next: Date, at now: Date) throws {
        try update(
            caseId, sequence, sql: "state = 'queued', last_answer = ?, next_attempt = ?, updated = ?",
            [answer, next.timeIntervalSince1970, now.timeIntervalSince1970])
    }

    /// Refused for good (5xx): never tried again; `answer` is the server's reply.
    public func markFailed(caseId: String, sequence: Int, answer: String?, at now: Date) throws {
        try update(caseId, sequence, sql: "state = 'failed', last_answer = ?, updated = ?", [answer, now.timeIntervalSince1970])
    }

    /// Replies due for another try at `now`, earliest first (an index range, never a scan).
    public func due(at now: Date, limit: Int = 50) throws -> [Entry] {
        try database.pool.read { db in
            try GRDB.Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox WHERE state IN ('pending', 'queued') AND next_attempt <= ?
                    ORDER BY next_attempt LIMIT ?
                    """,
                arguments: [now.timeIntervalSince1970, limit]
            ).map(Self.entry)
        }
    }

    /// Replies not yet accepted, and when the oldest was written.
    public func depth() throws -> (count: Int, oldest: Date?) {
        try database.pool.read { db in
            let row = try GRDB.Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS n, MIN(created) AS oldest FROM outbox WHERE state IN ('pending', 'queued')")
            let oldest: Double? = row?["oldest"]
            return (row?["n"] ?? 0, oldest.map { Date(timeIntervalSince1970: $0) })
        }
    }

    /// The sequence number inside one of our reply Message-IDs (`<SMO-….ack-3@…>` → 3).
    public static func sequence(fromMessageID id: String) -> Int? {
        guard let range = id.range(of: ".ack-") else { return nil }
        return Int(id[range.upperBound...].prefix { $0.isNumber })
    }

    private func update(_ caseId: String, _ sequence: Int, sql: String, _ values: [(any DatabaseValueConvertible)?]) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE outbox SET \(sql) WHERE case_id = ? AND sequence = ?",
                arguments: StatementArguments(values + [caseId, sequence]))
        }
    }

    static func entry(_ caseId: String, _ sequence: Int, _ db: Database) throws -> Entry? {
        try GRDB.Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE case_id = ? AND sequence = ?", arguments: [caseId, sequence])
            .map(entry)
    }

    static func entry(_ r: GRDB.Row) -> Entry {
        Entry(
            caseId: r["case_id"], sequence: r["sequence"], recipient: r["recipient"], messageId: r["message_id"],
            state: State(rawValue: r["state"]) ?? .queued, attempts: r["attempts"],
            nextAttempt: Date(timeIntervalSince1970: r["next_attempt"]), lastAnswer: r["last_answer"],
            created: Date(timeIntervalSince1970: r["created"]))
    }
}

import GRDB

/// One schema change of the journal: a name that never changes once shipped, and the SQL.
///
/// Migrations run once each, in order, inside a transaction (GRDB's `DatabaseMigrator`); a
/// shipped migration is never edited: add a new one.
public struct JournalMigration: Sendable {
    /// Unique and stable, prefixed by its owner: `board-v1`, `replies-slots-v1`, …
    public var identifier: String
    public var migrate: @Sendable (Database) throws -> Void

    public init(_ identifier: String, migrate: @escaping @Sendable (Database) throws -> Void) {
        self.identifier = identifier
        self.migrate = migrate
    }
}

/// The journal's schema: the base tables here, others' tables registered in
/// ``registered`` (one line each; keep the order, append at the end).
public enum JournalMigrations {
    /// Migrations of other parts of the program, applied after the base ones, in this order.
    /// To add a table: write `static let yourArea: [JournalMigration]` in a file of your own
    /// (an extension of this enum) and append it here.
    public static var registered: [JournalMigration] {
        [] + replies
            + board
            + registry
    }

    /// The base schema: messages, outbox, replies per day, meta.
    public static let base: [JournalMigration] = [
        JournalMigration("journal-v1") { db in
            // One row per mailbox message: `key` is the mailbox's own identity
            // (`imap:<uidvalidity>:<uid>`, `maildir:<name>`), also split into its parts.
            try db.execute(
                sql: """
                    CREATE TABLE messages (
                        key TEXT PRIMARY KEY NOT NULL,
                        mailbox TEXT NOT NULL,
                        uidvalidity INTEGER NOT NULL DEFAULT 0,
                        uid TEXT NOT NULL,
                        message_id TEXT,
                        sha256 TEXT,
                        state TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        case_id TEXT,
                        reply_status TEXT,
                        folder TEXT,
                        last_error TEXT,
                        first_seen REAL NOT NULL,
                        updated REAL NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX messages_by_state ON messages(state);
                    CREATE INDEX messages_by_sha256 ON messages(sha256);
                    CREATE INDEX messages_by_message_id ON messages(message_id);
                    CREATE TABLE outbox (
                        case_id TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        recipient TEXT NOT NULL,
                        message_id TEXT,
                        state TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt REAL NOT NULL,
                        last_answer TEXT,
                        created REAL NOT NULL,
                        updated REAL NOT NULL,
                        PRIMARY KEY (case_id, sequence)
                    );
                    CREATE INDEX outbox_due ON outbox(state, next_attempt);
                    CREATE TABLE replies_per_day (
                        recipient TEXT NOT NULL,
                        day TEXT NOT NULL,
                        count INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (recipient, day)
                    ) WITHOUT ROWID;
                    CREATE TABLE meta (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
    ]

    /// A migrator over the base schema, ``registered`` and `extra`, in that order.
    static func migrator(extra: [JournalMigration]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in base + registered + extra {
            migrator.registerMigration(migration.identifier, migrate: migration.migrate)
        }
        return migrator
    }
}

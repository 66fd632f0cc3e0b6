import GRDB

extension JournalMigrations {
    /// The callback windows promised to cases (``JournalSlotLedger``).
    static let replies: [JournalMigration] = [
        JournalMigration("replies-slots-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE replies_slots (
                        case_id TEXT NOT NULL,
                        start REAL NOT NULL,
                        end REAL NOT NULL,
                        booked INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (case_id, start)
                    ) WITHOUT ROWID;
                    CREATE INDEX replies_slots_by_end ON replies_slots(end);
                    """)
        }
    ]
}

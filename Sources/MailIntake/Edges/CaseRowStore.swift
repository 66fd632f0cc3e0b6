import Foundation
import GRDB

/// The per-case row store the board, the archive pages, the calendar and the spreadsheet are
/// built from: one `case_rows` row per case, replaced whenever the case is written, so that
/// no page ever needs to read a `case.json`.
///
/// The tables live in any GRDB database: the journal's (pass its writer and register
/// ``registerMigrations(in:)`` with the journal's migrator, or let ``init(database:)`` run
/// them) or a file of their own (``init(path:fileMode:)``). Rows are derived data: when the
/// store is empty but case folders exist (a share upgraded from a version without it), they
/// are rebuilt once from the folders (see `CaseFolderStore.refreshBoard`).
public struct CaseRowStore: Sendable {
    public let database: any DatabaseWriter

    /// Uses `database`, creating the board's tables when missing.
    public init(database: any DatabaseWriter) throws {
        self.database = database
        var migrator = DatabaseMigrator()
        Self.registerMigrations(in: &migrator)
        try migrator.migrate(database)
    }

    /// Opens (creating) a database file of its own at `path`, created with `fileMode` so the
    /// names in it are no more readable than the case folders (SQLite gives its -wal and -shm
    /// files the database file's mode).
    public init(path: String, fileMode: mode_t = 0o600) throws {
        if !FileManager.default.fileExists(atPath: path) {
            try AtomicFiles.createOnce(path, bytes: [], mode: fileMode)
        }
        var configuration = GRDB.Configuration()
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync: a row write costs no fsync; rows can be rebuilt from the
            // case folders, which are written durably.
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        configuration.busyMode = Database.BusyMode.timeout(10)
        try self.init(database: try DatabaseQueue(path: path, configuration: configuration))
    }

    /// The row store kept in the journal's database (the daemon's).
    public init(journal: JournalDatabase) throws {
        try self.init(database: journal.pool)
    }

    /// A store in memory (tests, previews).
    public static func inMemory() throws -> CaseRowStore {
        try CaseRowStore(database: try DatabaseQueue())
    }

    /// Registers the board's tables, and the case registry's that share its database
    /// (``CaseRegistryTable``), with a migrator (the journal registers the same migrations).
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("board-v1", migrate: createSchema)
        migrator.registerMigration("board-v2", migrate: addWishAndNotes)
        migrator.registerMigration(CaseRegistryTable.migrationIdentifier, migrate: CaseRegistryTable.createSchema)
    }

    /// Migration `board-v1` (also registered with the journal's migrations: whichever runs
    /// first creates the tables, the other finds it applied).
    @Sendable static func createSchema(_ db: Database) throws {
        try db.execute(sql: CaseRowRecord.createTable)
        try db.execute(sql: "CREATE INDEX case_rows_received ON case_rows(received_at)")
        try db.execute(sql: "CREATE INDEX case_rows_month ON case_rows(month, received_at)")
        try db.execute(sql: "CREATE INDEX case_rows_dirty ON case_rows(pages_dirty) WHERE pages_dirty = 1")
        try db.execute(sql: "CREATE TABLE board_archive (month TEXT PRIMARY KEY, cases INTEGER NOT NULL, written_at REAL NOT NULL)")
        try db.execute(sql: "CREATE TABLE board_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    }

    /// Migration `board-v2`: columns for the callback wish and the administrator's notes.
    @Sendable static func addWishAndNotes(_ db: Database) throws {
        try db.execute(sql: CaseRowRecord.addWishAndNotes)
    }

    /// Inserts or replaces the row of one case (one primary-key lookup and one write), marks
    /// its pages for rewriting, and bumps its calendar SEQUENCE when its event changed.
    public func upsert(_ row: CaseRow) throws {
        try write { db in try Self.upsert(row, in: db) }
    }

    /// A transaction that does not wait for the disk. Rows are derived from the case folders,
    /// which are written durably, so they need not cost the journal's `synchronous = FULL`
    /// fsync per commit: the commit goes to the WAL unsynced, and the journal's next commit
    /// (which syncs the WAL up to its own end) makes it durable too.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            let previous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
            if previous > 1 { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            let outcome = Result { () throws -> T in
                var result: Result<T, any Error>?
                try db.inTransaction {
                    result = Result { try body(db) }
                    if case .failure(let error) = result { throw error }
                    return .commit
                }
                guard let result else { throw FileStoreError("write rows", "board", detail: "no result") }
                return try result.get()
            }
            if previous > 1 { try db.execute(sql: "PRAGMA synchronous = " + String(previous)) }
            return try outcome.get()
        }
    }

    /// Many rows in one transaction (backfills, seeding a benchmark).
    public func upsert(_ rows: [CaseRow]) throws {
        try write { db in
            for row in rows { try Self.upsert(row, in: db) }
        }
    }

    /// The same inside a transaction the caller holds.
    public static func upsert(_ row: CaseRow, in db: Database) throws {
        let fingerprint = CallbackCalendar.event(for: row)?.fingerprint
        var sequence = 0
        let previous = try db.cachedStatement(sql: "SELECT event_fingerprint, event_sequence FROM case_rows WHERE case_id = ?")
        if let old = try Row.fetchOne(previous, arguments: [row.caseId]) {
            let oldPrint: String? = old["event_fingerprint"]
            let oldSequence: Int = old["event_sequence"]
            sequence = oldPrint == fingerprint ? oldSequence : oldSequence + 1
        }
        try CaseRowRecord.save(row, fingerprint: fingerprint, sequence: sequence, in: db)
        // A row the spreadsheet already lists (or that would go in its middle) changes the
        // file; a later one is simply appended at the next publication.
        if let through = try state("csv_through", in: db), !through.isEmpty, CaseBoardWriter.sortsAtOrBefore(row, through: through) {
            try setState("csv_rewrite", "1", in: db)
        }
    }

    /// Forgets a case's row (its folder could not be written after all).
    public func delete(caseId: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM case_rows WHERE case_id = ?", arguments: [caseId])
            try Self.setState("csv_rewrite", "1", in: db)
        }
    }

    public func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_rows") ?? 0 }
    }

    /// The row of one case.
    public func row(caseId: String) throws -> CaseRow? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM case_rows WHERE case_id = ?", arguments: [caseId]).map(CaseRowRecord.decode)
        }
    }

    /// The calendar SEQUENCE of a case's event (0 until what the event says changes).
    public func sequence(of caseId: String) throws -> Int? {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT event_sequence FROM case_rows WHERE case_id = ?", arguments: [caseId])
        }
    }

    /// Every row, oldest first (the spreadsheet).
    public func allRows() throws -> [CaseRow] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM case_rows ORDER BY received_at, case_id").map(CaseRowRecord.decode)
        }
    }

    static func state(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM board_state WHERE key = ?"), arguments: [key])
    }

    static func setState(_ key: String, _ value: String, in db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT INTO board_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        ).execute(arguments: [key, value])
    }
}

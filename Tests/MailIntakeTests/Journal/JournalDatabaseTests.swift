import Foundation
import GRDB
import Testing
@testable import MailIntake

@Suite struct JournalDatabaseTests {
    @Test func opensInWALWithFullSynchronousAndTheBaseTables() throws {
        let scratch = ScratchFolder("journal")
        defer { scratch.cleanup() }
        let journal = try JournalDatabase.open(path: scratch.path + "/state/journal.sqlite")
        let (mode, sync, tables) = try journal.pool.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            )
        }
        #expect(mode == "wal")
        #expect(sync == 2)  // FULL
        // The writer is the connection whose commits must be durable (GRDB resets it to NORMAL
        // while enabling WAL; open() sets FULL again).
        #expect(try journal.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        for table in ["messages", "outbox", "replies_per_day", "meta"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test func extraMigrationsRunOnceAndSurviveReopening() throws {
        let scratch = ScratchFolder("journal")
        defer { scratch.cleanup() }
        let path = scratch.path + "/journal.sqlite"
        let extra = JournalMigration("test-v1") { db in
            try db.execute(sql: "CREATE TABLE board_rows (case_id TEXT PRIMARY KEY, row TEXT)")
        }
        do {
            let journal = try JournalDatabase.open(path: path, extraMigrations: [extra])
            try journal.pool.write { db in try db.execute(sql: "INSERT INTO board_rows VALUES ('SMO-2026-000001', 'x')") }
            try journal.setMeta("k", "v")
        }
        // A second opening does not run the migration again (it would fail: the table exists).
        let again = try JournalDatabase.open(path: path, extraMigrations: [extra])
        #expect(try again.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM board_rows") } == 1)
        #expect(try again.meta("k") == "v")
    }

    @Test func aJSONLinesPathNamesItsSiblingSQLiteFile() {
        #expect(JournalDatabase.sqlitePath(forConfigured: "/var/lib/mail-bot/journal.jsonl") == "/var/lib/mail-bot/journal.sqlite")
        #expect(JournalDatabase.sqlitePath(forConfigured: "/var/lib/mail-bot/journal.sqlite") == "/var/lib/mail-bot/journal.sqlite")
    }
}

import Foundation
import GRDB

/// The case registry in SQL: which message became which case, which of our acknowledgements
/// belongs to which case, the last sequence number per year. It lives in the same database as
/// the board's rows (the journal's for the daemon and `process --config`, `.mail-bot/board.sqlite`
/// for a bare `process`), so every lookup is one primary-key read and a new case costs one
/// small write, whatever the size of the archive (the JSON file it replaces was read and
/// rewritten whole for every message).
///
/// Tables (migration `registry-v1`):
/// - `registry_messages(key, case_id)`: keys `mid:<message-id>` and `sha256:<hex>`;
/// - `registry_acknowledgements(message_id, case_id)`: our replies' Message-IDs;
/// - `registry_sequences(year, last)`;
/// - `registry_state(key, value)`: `imported` once the old `index.json` (or the folders) came in.
enum CaseRegistryTable {
    static let migrationIdentifier = "registry-v1"

    @Sendable static func createSchema(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE registry_messages (key TEXT PRIMARY KEY NOT NULL, case_id TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE registry_acknowledgements (message_id TEXT PRIMARY KEY NOT NULL, case_id TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE registry_sequences (year INTEGER PRIMARY KEY NOT NULL, last INTEGER NOT NULL);
                CREATE TABLE registry_state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                """)
    }

    static func caseId(forKey key: String, in db: Database) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT case_id FROM registry_messages WHERE key = ?"), arguments: [key])
    }

    static func caseId(forAcknowledgement messageId: String, in db: Database) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT case_id FROM registry_acknowledgements WHERE message_id = ?"), arguments: [messageId])
    }

    static func lastSequence(year: Int, in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT last FROM registry_sequences WHERE year = ?"), arguments: [year]) ?? 0
    }

    static func state(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM registry_state WHERE key = ?"), arguments: [key])
    }

    static func setState(_ key: String, _ value: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO registry_state(key, value) VALUES (?, ?)").execute(arguments: [key, value])
    }

    /// Adds what `changes` holds: message keys never overwrite an earlier case (the first
    /// case a message made stays its case), acknowledgements do, sequences only go up.
    static func apply(_ changes: CaseRegistry, in db: Database) throws {
        let message = try db.cachedStatement(sql: "INSERT OR IGNORE INTO registry_messages(key, case_id) VALUES (?, ?)")
        for (key, caseId) in changes.messages { try message.execute(arguments: [key, caseId]) }
        let ack = try db.cachedStatement(sql: "INSERT OR REPLACE INTO registry_acknowledgements(message_id, case_id) VALUES (?, ?)")
        for (id, caseId) in changes.acknowledgements { try ack.execute(arguments: [id, caseId]) }
        let sequence = try db.cachedStatement(
            sql: """
                INSERT INTO registry_sequences(year, last) VALUES (?, ?)
                ON CONFLICT(year) DO UPDATE SET last = MAX(last, excluded.last)
                """)
        for (year, last) in changes.sequences {
            guard let year = Int(year) else { continue }
            try sequence.execute(arguments: [year, last])
        }
    }

    /// How many message keys are recorded (tests, the import's report).
    static func messageCount(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM registry_messages") ?? 0
    }
}

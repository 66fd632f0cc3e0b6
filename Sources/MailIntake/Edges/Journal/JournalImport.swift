import Foundation
import GRDB

/// Brings an earlier version's JSON-lines journal (``PollJournal``) into the SQLite journal,
/// once: every message it lists becomes a final row (so nothing is processed again, and a
/// message recorded but not yet moved is only moved), and every reply it lists as queued
/// becomes an outbox row due at once. The old file is left where it was, untouched; `meta`
/// remembers the import, so a later start never imports again (even if the file changes).
public enum JournalImport {
    static let metaKey = "imported.jsonl"

    /// Imports `jsonlPath` into `database` unless done before; returns how many records came in.
    @discardableResult
    public static func importOnce(from jsonlPath: String, into database: JournalDatabase, now: Date) throws -> Int {
        guard try database.meta(metaKey) == nil else { return 0 }
        guard FileManager.default.fileExists(atPath: jsonlPath) else { return 0 }
        let old = try PollJournal(readingOnly: jsonlPath)
        try database.pool.write { db in
            for record in old.records.values.sorted(by: { $0.at < $1.at }) {
                let parts = MessageJournal.keyParts(record.key)
                let state: MessageJournal.State =
                    switch record.outcome {
                    case .processed: .processed
                    case .failed: .failed
                    case .tooLarge: .tooLarge
                    }
                let at = record.at.timeIntervalSince1970
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO messages(key, mailbox, uidvalidity, uid, state, attempts, case_id,
                                                        reply_status, folder, last_error, first_seen, updated)
                        VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        record.key, parts.mailbox, parts.uidvalidity, parts.uid, state.rawValue, record.caseId,
                        record.replyStatus, record.folder, record.reason, at, at,
                    ])
                try MessageJournal.bump("count." + state.rawValue, db)
                if record.replyStatus == "queued", let caseId = record.caseId {
                    try db.execute(
                        sql: """
                            INSERT OR IGNORE INTO outbox(case_id, sequence, recipient, state, attempts, next_attempt, created, updated)
                            VALUES (?, 0, '', 'queued', 0, ?, ?, ?)
                            """,
                        arguments: [caseId, now.timeIntervalSince1970, at, now.timeIntervalSince1970])
                }
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [metaKey, jsonlPath])
        }
        return old.records.count
    }
}

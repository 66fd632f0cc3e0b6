import Foundation
import GRDB

/// The callback windows promised to cases, in the journal database (`replies_slots`): one row
/// per window a case holds (offered, or booked), replaced whenever the case's callback is
/// written. Counting reads only windows that have not ended (indexed by end).
public struct JournalSlotLedger: CallbackSlotLedger {
    public let journal: JournalDatabase

    public init(journal: JournalDatabase) {
        self.journal = journal
    }

    public func load(from: Date, excludingCase caseId: String) -> CallbackScheduler.SlotLoad {
        let rows = (try? journal.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT start, COUNT(*) AS n FROM replies_slots WHERE end > ? AND case_id <> ? GROUP BY start",
                arguments: [from.timeIntervalSince1970, caseId])
        }) ?? []
        var out: CallbackScheduler.SlotLoad = [:]
        for row in rows {
            let start: Double = row["start"]
            let n: Int = row["n"]
            out[Date(timeIntervalSince1970: start)] = n
        }
        return out
    }

    public func record(caseId: String, callback: IntakeCase.Callback) throws {
        let slots = Self.held(by: callback)
        try journal.pool.write { db in
            try db.execute(sql: "DELETE FROM replies_slots WHERE case_id = ?", arguments: [caseId])
            for s in slots {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO replies_slots (case_id, start, end, booked) VALUES (?, ?, ?, ?)",
                    arguments: [caseId, s.start.timeIntervalSince1970, s.end.timeIntervalSince1970, callback.booked != nil])
            }
        }
    }
}

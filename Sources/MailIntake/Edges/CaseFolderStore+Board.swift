import Foundation
import GRDB

extension CaseFolderStore {
    /// Rewrites the board (`index.html`), the archive pages that changed, `callbacks.ics`
    /// and (see ``CaseBoardWriter``) `cases.csv`, from the row store alone, as of `generatedAt`.
    ///
    /// Once per batch of messages (``IntakeRunner/processBatch(_:now:progress:)``; a batch of
    /// one for `process`). Holding the store's lock; its cost depends on the cases received
    /// within ``boardDays`` and the rows new since the last publication, not on the size of
    /// the archive.
    public func regenerateIndex(generatedAt: Date) throws {
        try backfillRowsIfNeeded()
        try boardWriter.publish(now: generatedAt)
    }

    /// Publishes the pages when anything changed since the last publication (a row written, a
    /// rewrite of `cases.csv` waiting), or when the last one is older than `maxAge` seconds
    /// (the board says "overdue" as of the moment it was written, and cases move to the
    /// archive as the days pass). Otherwise it costs three indexed reads, so a caller can call
    /// it at the end of every poll cycle or batch, whatever happened in it. Holding the lock.
    /// Returns whether it published.
    @discardableResult
    public func publishBoardIfNeeded(now: Date, wallClock: Date = Date(), maxAge: TimeInterval = 600) throws -> Bool {
        try backfillRowsIfNeeded()
        let due = try rows.database.read { db -> Bool in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM case_rows WHERE pages_dirty = 1)") == true { return true }
            if try CaseRowStore.state("csv_rewrite", in: db) == "1" { return true }
            guard let last = try CaseRowStore.state("published_at", in: db).flatMap(Double.init) else {
                // Never published: only once there is a case to show (an empty share stays empty).
                return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM case_rows)") == true
            }
            return wallClock.timeIntervalSince1970 - last >= maxAge || !AtomicFiles.exists(root + "/index.html")
        }
        guard due else { return false }
        try boardWriter.publish(now: now, wallClock: wallClock)
        return true
    }

    /// The end of a poll cycle: ``publishBoardIfNeeded(now:wallClock:maxAge:)``.
    public func flushBoard(now: Date) throws {
        try publishBoardIfNeeded(now: now)
    }

    var boardWriter: CaseBoardWriter {
        CaseBoardWriter(
            rows: rows, root: root, folderMode: folderMode, fileMode: fileMode, boardDays: boardDays, timeZone: timeZone)
    }

    /// Replaces the row of one case (after the store was brought up to date, once).
    func upsertRow(of intakeCase: IntakeCase) throws {
        try backfillRowsIfNeeded()
        try rows.upsert(CaseRow(intakeCase))
    }

    /// Fills the row store from the case folders, once: when it is empty while cases exist
    /// (a share from before the row store, or a journal started afresh). Unreadable cases are
    /// skipped, as the old index did. Returns how many rows were added.
    @discardableResult
    public func backfillRowsIfNeeded() throws -> Int {
        if try rows.database.read({ db in try CaseRowStore.state("backfilled", in: db) }) != nil { return 0 }
        let existing = try rows.count()
        var added = 0
        if existing == 0 {
            let cases = caseIds().compactMap { try? readCase($0) }
            try rows.upsert(cases.map(CaseRow.init))
            added = cases.count
        }
        try rows.write { db in try CaseRowStore.setState("backfilled", "1", in: db) }
        return added
    }
}

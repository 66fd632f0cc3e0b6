import Foundation
import GRDB

extension CaseFolderStore {
    /// Rewrites the board (`index.html`), the archive pages that changed, `callbacks.ics`
    /// and (see ``CaseBoardWriter``) `cases.csv`, from the row store alone, as of `generatedAt`.
    ///
    /// Called after every case written, holding the store's lock; its cost depends on the
    /// cases received within ``boardDays``, not on the size of the archive.
    public func regenerateIndex(generatedAt: Date) throws {
        try backfillRowsIfNeeded()
        try boardWriter.publish(now: generatedAt)
    }

    /// The same, and `cases.csv` rewritten whatever its age: for the end of a poll cycle, so
    /// the spreadsheet of a large archive is never more than one cycle behind.
    public func flushBoard(now: Date) throws {
        try backfillRowsIfNeeded()
        try boardWriter.publish(now: now, forceSpreadsheet: true)
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

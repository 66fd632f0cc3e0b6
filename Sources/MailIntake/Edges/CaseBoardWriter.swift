#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// Writes the pages built from the row store: `index.html` (cases received within the
/// board's age), the archive month pages that changed, `callbacks.ics` and `cases.csv`.
///
/// Its cost does not grow with the archive: the board and the calendar read the rows of the
/// board's age only (an indexed range), an archive page is rewritten only when one of its
/// cases changed or moved off the board, and the spreadsheet, the one file that lists every
/// case, is rewritten after every change while the store is small and at most every
/// ``spreadsheetInterval`` seconds once it holds more than ``spreadsheetEveryTimeUpTo`` rows
/// (``CaseFolderStore/flushBoard(now:)`` forces it, e.g. at the end of a poll cycle).
struct CaseBoardWriter {
    let rows: CaseRowStore
    let root: String
    let folderMode: mode_t
    let fileMode: mode_t
    let boardDays: Int
    let timeZone: TimeZone

    static let spreadsheetEveryTimeUpTo = 2000
    static let spreadsheetInterval: TimeInterval = 10

    /// What one publication wrote, for tests and benchmarks.
    struct Report: Equatable {
        var boardRows: Int
        var archiveMonthsWritten: [String]
        var spreadsheetWritten: Bool
    }

    private struct Snapshot {
        var board: [CaseRow] = []
        var sequences: [String: Int] = [:]
        var months: [String: [CaseRow]] = [:]
        var archive: [ArchiveMonth] = []
        var spreadsheet: [CaseRow]?
    }

    @discardableResult
    func publish(now: Date, wallClock: Date = Date(), forceSpreadsheet: Bool = false) throws -> Report {
        let cutoff = now.addingTimeInterval(-Double(boardDays) * 86_400).timeIntervalSince1970
        let snapshot = try rows.database.read { db in try read(db, cutoff: cutoff, wallClock: wallClock, force: forceSpreadsheet) }

        try AtomicFiles.makeDirectory(root + "/archive", mode: folderMode)
        var written: [ArchiveMonth] = []
        for (month, monthRows) in snapshot.months.sorted(by: { $0.key < $1.key }) {
            let path = root + "/archive/" + month + ".html"
            if monthRows.isEmpty {
                unlink(path)
                continue
            }
            let entry = ArchiveMonth(month: month, cases: monthRows.count)
            let page = CaseArchivePage.render(monthRows, month: entry, now: now, timeZone: timeZone)
            try AtomicFiles.replace(path, bytes: Array(page.utf8), mode: fileMode)
            written.append(entry)
        }
        var archive = Dictionary(uniqueKeysWithValues: snapshot.archive.map { ($0.month, $0) })
        for month in snapshot.months.keys { archive[month] = nil }
        for entry in written { archive[entry.month] = entry }
        let archiveList = archive.values.sorted { $0.month > $1.month }

        let board = CaseBoardPage.render(snapshot.board, now: now, boardDays: boardDays, archive: archiveList, timeZone: timeZone)
        try AtomicFiles.replace(root + "/index.html", bytes: Array(board.utf8), mode: fileMode)
        let events = snapshot.board.compactMap { row in
            CallbackCalendar.event(for: row).map { ($0, snapshot.sequences[row.caseId] ?? 0) }
        }
        try AtomicFiles.replace(root + "/callbacks.ics", bytes: Array(CallbackCalendar.render(events, now: now).utf8), mode: fileMode)
        if let all = snapshot.spreadsheet {
            try AtomicFiles.replace(root + "/cases.csv", bytes: Array(CaseSpreadsheet.render(all).utf8), mode: fileMode)
        }

        try rows.write { db in
            try db.execute(sql: "UPDATE case_rows SET pages_dirty = 0 WHERE pages_dirty = 1")
            try CaseRowStore.setState("archived_before", String(cutoff), in: db)
            for month in snapshot.months.keys where !written.contains(where: { $0.month == month }) {
                try db.execute(sql: "DELETE FROM board_archive WHERE month = ?", arguments: [month])
            }
            for entry in written {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO board_archive(month, cases, written_at) VALUES (?, ?, ?)",
                    arguments: [entry.month, entry.cases, now.timeIntervalSince1970])
            }
            if snapshot.spreadsheet != nil {
                try CaseRowStore.setState("csv_dirty", "0", in: db)
                try CaseRowStore.setState("csv_written_at", String(wallClock.timeIntervalSince1970), in: db)
            }
        }
        return Report(
            boardRows: snapshot.board.count, archiveMonthsWritten: written.map(\.month),
            spreadsheetWritten: snapshot.spreadsheet != nil)
    }

    private func read(_ db: Database, cutoff: Double, wallClock: Date, force: Bool) throws -> Snapshot {
        var snapshot = Snapshot()
        for r in try Row.fetchAll(db, sql: "SELECT * FROM case_rows WHERE received_at >= ?", arguments: [cutoff]) {
            let row = CaseRowRecord.decode(r)
            snapshot.board.append(row)
            snapshot.sequences[row.caseId] = r["event_sequence"]
        }
        // Months whose page must change: a case in it changed, or cases moved between the
        // board and the archive since the last publication (the day moved on, or board_days).
        var months = Set(try String.fetchAll(
            db, sql: "SELECT DISTINCT month FROM case_rows WHERE pages_dirty = 1 AND received_at < ?", arguments: [cutoff]))
        let previous = try CaseRowStore.state("archived_before", in: db).flatMap(Double.init)
        if let previous, previous != cutoff {
            months.formUnion(try String.fetchAll(
                db, sql: "SELECT DISTINCT month FROM case_rows WHERE received_at >= ? AND received_at < ?",
                arguments: [min(previous, cutoff), max(previous, cutoff)]))
        } else if previous == nil {
            months.formUnion(try String.fetchAll(db, sql: "SELECT DISTINCT month FROM case_rows WHERE received_at < ?", arguments: [cutoff]))
        }
        for month in months {
            snapshot.months[month] = try Row.fetchAll(
                db, sql: "SELECT * FROM case_rows WHERE month = ? AND received_at < ?", arguments: [month, cutoff]
            ).map(CaseRowRecord.decode)
        }
        snapshot.archive = try Row.fetchAll(db, sql: "SELECT month, cases FROM board_archive").map {
            ArchiveMonth(month: $0["month"], cases: $0["cases"])
        }

        let dirty = try CaseRowStore.state("csv_dirty", in: db) != "0" || !AtomicFiles.exists(root + "/cases.csv")
        if dirty {
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_rows") ?? 0
            let last = try CaseRowStore.state("csv_written_at", in: db).flatMap(Double.init) ?? 0
            if force || count <= Self.spreadsheetEveryTimeUpTo || wallClock.timeIntervalSince1970 - last >= Self.spreadsheetInterval {
                snapshot.spreadsheet = try Row.fetchAll(db, sql: "SELECT * FROM case_rows ORDER BY received_at, case_id")
                    .map(CaseRowRecord.decode)
            }
        }
        return snapshot
    }
}

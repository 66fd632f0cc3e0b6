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
/// case, gets the new cases appended at its end (rows after the last one written, an indexed
/// range). Only when a case already in it changed is it rewritten whole: after every change
/// while the store is small, at most every ``spreadsheetInterval`` seconds once it holds more
/// than ``spreadsheetEveryTimeUpTo`` rows (the next publication after that does it; see
/// ``CaseFolderStore/publishBoardIfNeeded(now:)``).
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
        var spreadsheet: SpreadsheetWrite
        /// Every row read from the store for this publication (board, archive months, spreadsheet).
        var rowsRead: Int

        var spreadsheetWritten: Bool {
            switch spreadsheet {
            case .appended(let n): n > 0
            case .rewritten: true
            case .deferred: false
            }
        }
    }

    /// What happened to `cases.csv`.
    enum SpreadsheetWrite: Equatable {
        /// `n` new rows added at its end (0: nothing new).
        case appended(Int)
        /// Written whole, `n` rows.
        case rewritten(Int)
        /// A row already in it changed, but the last rewrite was too recent: new rows were
        /// appended (`n`), the rewrite waits for a later publication.
        case deferred(appended: Int)
    }

    private struct Snapshot {
        var board: [CaseRow] = []
        var sequences: [String: Int] = [:]
        var months: [String: [CaseRow]] = [:]
        var archive: [ArchiveMonth] = []
        var spreadsheet = SpreadsheetPlan.append([])
        var rowsRead = 0
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
        let spreadsheet = try writeSpreadsheet(snapshot.spreadsheet)

        try rows.write { db in
            try db.execute(sql: "UPDATE case_rows SET pages_dirty = 0 WHERE pages_dirty = 1")
            try CaseRowStore.setState("archived_before", String(cutoff), in: db)
            try CaseRowStore.setState("published_at", String(wallClock.timeIntervalSince1970), in: db)
            for month in snapshot.months.keys where !written.contains(where: { $0.month == month }) {
                try db.execute(sql: "DELETE FROM board_archive WHERE month = ?", arguments: [month])
            }
            for entry in written {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO board_archive(month, cases, written_at) VALUES (?, ?, ?)",
                    arguments: [entry.month, entry.cases, now.timeIntervalSince1970])
            }
            try recordSpreadsheet(spreadsheet, wallClock: wallClock, in: db)
        }
        return Report(
            boardRows: snapshot.board.count, archiveMonthsWritten: written.map(\.month), spreadsheet: spreadsheet.write,
            rowsRead: snapshot.rowsRead)
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

        snapshot.spreadsheet = try planSpreadsheet(db, wallClock: wallClock, force: force)
        snapshot.rowsRead = snapshot.board.count + snapshot.months.values.reduce(0) { $0 + $1.count } + snapshot.spreadsheet.rows.count
        return snapshot
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// `cases.csv` kept up to date without rereading the archive: the file is in (received, case
/// id) order, so new cases, which sort last, are appended; `board_state` remembers the last
/// row written (`csv_through`) and the file's length after our last write (`csv_bytes`). The
/// row store sets `csv_rewrite` when a row at or before `csv_through` changes (a follow-up,
/// a reply status, a bounce): only then is the file written whole.
///
/// Appends are not synced: the file is derived data. If a crash loses (or half-writes) an
/// append, the length no longer matches `csv_bytes` and the next publication rewrites it;
/// the same happens when someone else changed the file.
extension CaseBoardWriter {
    /// What a publication does with `cases.csv`, decided while reading the store.
    enum SpreadsheetPlan {
        /// The rows after the last one written, in order.
        case append([CaseRow])
        /// Every row, in order.
        case rewrite([CaseRow])
        /// A rewrite is due but the last one was too recent: append the new rows meanwhile.
        case deferredRewrite(append: [CaseRow])

        var rows: [CaseRow] {
            switch self {
            case .append(let rows), .rewrite(let rows), .deferredRewrite(let rows): rows
            }
        }
    }

    /// What was written, to record in `board_state` in the publication's transaction.
    struct SpreadsheetOutcome {
        var write: SpreadsheetWrite
        /// `csv_through` after the write ("" for a file with no rows); nil when unchanged.
        var through: String?
        var bytes: Int?
    }

    var spreadsheetPath: String { root + "/cases.csv" }

    /// `"<received seconds>|<case id>"`: the sort key of a row, as `csv_through` records it.
    static func spreadsheetKey(_ row: CaseRow) -> String {
        String(row.receivedAt.timeIntervalSince1970) + "|" + row.caseId
    }

    /// Whether `row` sorts at or before `through` (so it is already in the file, or would have
    /// to go in its middle).
    static func sortsAtOrBefore(_ row: CaseRow, through: String) -> Bool {
        guard let bar = through.firstIndex(of: "|"), let seconds = Double(through[..<bar]) else { return true }
        let received = row.receivedAt.timeIntervalSince1970
        return received < seconds || (received == seconds && row.caseId <= String(through[through.index(after: bar)...]))
    }

    func planSpreadsheet(_ db: Database, wallClock: Date, force: Bool) throws -> SpreadsheetPlan {
        let through = try CaseRowStore.state("csv_through", in: db)
        let recorded = try CaseRowStore.state("csv_bytes", in: db).flatMap(Int.init)
        let intact = through != nil && recorded != nil && recorded == Self.fileSize(spreadsheetPath)
        let all = "SELECT * FROM case_rows ORDER BY received_at, case_id"
        guard let through, intact else { return .rewrite(try Row.fetchAll(db, sql: all).map(CaseRowRecord.decode)) }
        let newRows = try newRows(after: through, db)
        guard try CaseRowStore.state("csv_rewrite", in: db) == "1" else { return .append(newRows) }
        let last = try CaseRowStore.state("csv_written_at", in: db).flatMap(Double.init) ?? 0
        // Counting stops past the threshold: a COUNT(*) of a large store would read it all.
        let counted = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM case_rows LIMIT ?)", arguments: [Self.spreadsheetEveryTimeUpTo + 1])
        let small = (counted ?? 0) <= Self.spreadsheetEveryTimeUpTo
        if force || small || wallClock.timeIntervalSince1970 - last >= Self.spreadsheetInterval {
            return .rewrite(try Row.fetchAll(db, sql: all).map(CaseRowRecord.decode))
        }
        return .deferredRewrite(append: newRows)
    }

    /// The rows that sort after `through`: an index range on `received_at`.
    private func newRows(after through: String, _ db: Database) throws -> [CaseRow] {
        guard let bar = through.firstIndex(of: "|"), let seconds = Double(through[..<bar]) else {
            return try Row.fetchAll(db, sql: "SELECT * FROM case_rows ORDER BY received_at, case_id").map(CaseRowRecord.decode)
        }
        let caseId = String(through[through.index(after: bar)...])
        return try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM case_rows WHERE received_at >= ? AND (received_at > ? OR case_id > ?)
                ORDER BY received_at, case_id
                """,
            arguments: [seconds, seconds, caseId]
        ).map(CaseRowRecord.decode)
    }

    func writeSpreadsheet(_ plan: SpreadsheetPlan) throws -> SpreadsheetOutcome {
        switch plan {
        case .rewrite(let rows):
            var text = CaseSpreadsheet.headerLine
            for row in rows { text += CaseSpreadsheet.line(for: row) }
            let bytes = Array(text.utf8)
            try AtomicFiles.replace(spreadsheetPath, bytes: bytes, mode: fileMode)
            return SpreadsheetOutcome(write: .rewritten(rows.count), through: rows.last.map(Self.spreadsheetKey) ?? "", bytes: bytes.count)
        case .append(let rows), .deferredRewrite(let rows):
            let write: SpreadsheetWrite = if case .append = plan { .appended(rows.count) } else { .deferred(appended: rows.count) }
            guard let last = rows.last else { return SpreadsheetOutcome(write: write) }
            var text = ""
            for row in rows { text += CaseSpreadsheet.line(for: row) }
            let size = try Self.append(Array(text.utf8), to: spreadsheetPath)
            return SpreadsheetOutcome(write: write, through: Self.spreadsheetKey(last), bytes: size)
        }
    }

    func recordSpreadsheet(_ outcome: SpreadsheetOutcome, wallClock: Date, in db: Database) throws {
        if let through = outcome.through { try CaseRowStore.setState("csv_through", through, in: db) }
        if let bytes = outcome.bytes { try CaseRowStore.setState("csv_bytes", String(bytes), in: db) }
        if case .rewritten = outcome.write {
            try CaseRowStore.setState("csv_rewrite", "0", in: db)
            try CaseRowStore.setState("csv_written_at", String(wallClock.timeIntervalSince1970), in: db)
        }
    }

    /// The size of the file at `path`, nil when it is not there.
    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    /// Adds `bytes` at the end of the existing file `path`; returns its new size.
    static func append(_ bytes: [UInt8], to path: String) throws -> Int {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw FileStoreError("open for appending", path, errno: errno) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in write(fd, buffer.baseAddress! + written, buffer.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileStoreError("append", path, errno: errno)
            }
            written += n
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileStoreError("stat", path, errno: errno) }
        return Int(info.st_size)
    }
}

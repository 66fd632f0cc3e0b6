import Foundation
import Testing
@testable import MailIntake

/// Adding a case costs the same with 50,000 cases in the archive as with none: the row store
/// is touched by primary key, the board and the calendar read the board's age only, no
/// archive page is rewritten for a new case, and the spreadsheet gets the new row appended.
/// Asserted on what each publication read and wrote (its report), not on time: the time is
/// measured by Benchmarks/commands/bench_cpu.py.
@Suite(.serialized) struct CaseBoardScaleTests {
    static let archived = 50_000

    /// Seeds `count` rows received over the five years before the board's 60 days.
    static func seedArchive(_ store: CaseFolderStore, count: Int, now: Date) throws {
        _ = try store.backfillRowsIfNeeded()
        try store.rows.upsert((1...count).map { n in
            var row = BoardFixture.row(100_000 + n)
            row.caseId = String(format: "SMO-2021-%06d", n)
            row.receivedAt = now.addingTimeInterval(-61 * 86_400 - Double(n) * 3_000)
            row.callbackDue = row.receivedAt.addingTimeInterval(86_400)
            return row
        })
    }

    /// Creates `count` cases received in the last `count` minutes, publishing after each;
    /// returns each publication's report.
    static func addCases(_ store: CaseFolderStore, count: Int, now: Date) throws -> [CaseBoardWriter.Report] {
        try (1...count).map { i in
            let c = SampleCase.make(id: String(format: "SMO-2026-%06d", i), receivedAt: now.addingTimeInterval(Double(i - count - 1) * 60))
            try store.create(.init(intakeCase: c, original: [], files: [], reply: nil))
            return try store.boardWriter.publish(now: now)
        }
    }

    @Test func addingACaseReadsAndWritesTheSameWith50000CasesAsWithNone() throws {
        let now = BoardFixture.now
        let emptyFolder = ScratchFolder("board-empty")
        let fullFolder = ScratchFolder("board-50k")
        defer {
            emptyFolder.cleanup()
            fullFolder.cleanup()
        }
        let empty = try CaseFolderStore(root: emptyFolder.path)
        let full = try CaseFolderStore(root: fullFolder.path)
        try Self.seedArchive(full, count: Self.archived, now: now)
        // The first publication writes every archive month and the spreadsheet once.
        let first = try full.boardWriter.publish(now: now)
        #expect(first.archiveMonthsWritten.count > 50 && first.spreadsheet == .rewritten(Self.archived))
        _ = try empty.boardWriter.publish(now: now)

        let withNone = try Self.addCases(empty, count: 16, now: now)
        let withMany = try Self.addCases(full, count: 16, now: now)
        #expect(withMany == withNone)
        for (i, report) in withMany.enumerated() {
            // The board holds the new cases only; the one new row is appended to cases.csv.
            #expect(report.boardRows == i + 1 && report.archiveMonthsWritten == [] && report.spreadsheet == .appended(1))
            #expect(report.rowsRead == i + 2)
        }
        #expect(try full.rows.count() == Self.archived + 16)
        let csv = try AtomicFiles.readAll(fullFolder.path + "/cases.csv")
        #expect(csv.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } == Self.archived + 16 + 1)
    }

    @Test func aChangedArchivedCaseRewritesItsMonthAndTheSpreadsheetAtMostEveryFewSeconds() throws {
        let now = BoardFixture.now
        let folder = ScratchFolder("board-change")
        defer { folder.cleanup() }
        let store = try CaseFolderStore(root: folder.path)
        try Self.seedArchive(store, count: 3_000, now: now)
        let clock = Date()
        _ = try store.boardWriter.publish(now: now, wallClock: clock)

        // A delivery report lands on an archived case.
        var old = try #require(try store.rows.row(caseId: "SMO-2021-000010"))
        old.bounced = true
        try store.rows.upsert(old)
        let month = ArchiveMonth.key(of: old.receivedAt, timeZone: store.timeZone)
        let soon = try store.boardWriter.publish(now: now, wallClock: clock.addingTimeInterval(1))
        #expect(soon.archiveMonthsWritten == [month] && soon.spreadsheet == .deferred(appended: 0))
        // Only that month's rows were read.
        let inMonth = try store.rows.database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_rows WHERE month = ?", arguments: [month])
        }
        #expect(soon.rowsRead == inMonth && soon.rowsRead < 1_000)
        let text = { String(decoding: try AtomicFiles.readAll(folder.path + "/cases.csv"), as: UTF8.self) }
        #expect(try !text().contains(",bounced,"))
        // The rewrite is still owed: the next publication after the interval does it.
        #expect(try store.publishBoardIfNeeded(now: now, wallClock: clock.addingTimeInterval(2)))
        let later = try store.boardWriter.publish(now: now, wallClock: clock.addingTimeInterval(CaseBoardWriter.spreadsheetInterval + 1))
        #expect(later.spreadsheet == .rewritten(3_000) && later.archiveMonthsWritten == [])
        #expect(try text().contains(",bounced,"))
        #expect(try !store.publishBoardIfNeeded(now: now, wallClock: clock.addingTimeInterval(CaseBoardWriter.spreadsheetInterval + 2)))
    }

    @Test func publishingWhenNothingChangedIsSkippedUntilThePageGetsOld() throws {
        let folder = ScratchFolder("board-idle")
        defer { folder.cleanup() }
        let store = try CaseFolderStore(root: folder.path)
        let clock = Date()
        // An empty share stays empty.
        #expect(try !store.publishBoardIfNeeded(now: BoardFixture.now, wallClock: clock))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/index.html"))
        try store.create(.init(intakeCase: SampleCase.make(), original: [], files: [], reply: nil))
        #expect(try store.publishBoardIfNeeded(now: BoardFixture.now, wallClock: clock.addingTimeInterval(2)))
        #expect(try !store.publishBoardIfNeeded(now: BoardFixture.now, wallClock: clock.addingTimeInterval(3)))
        #expect(try store.publishBoardIfNeeded(now: BoardFixture.now, wallClock: clock.addingTimeInterval(603)))
        // A page removed by someone is written again at the next chance.
        try FileManager.default.removeItem(atPath: folder.path + "/index.html")
        #expect(try store.publishBoardIfNeeded(now: BoardFixture.now, wallClock: clock.addingTimeInterval(604)))
    }

    @Test func aSpreadsheetChangedBehindOurBackOrACaseReceivedEarlierIsRewrittenWhole() throws {
        let now = BoardFixture.now
        let folder = ScratchFolder("board-csv")
        defer { folder.cleanup() }
        let store = try CaseFolderStore(root: folder.path)
        _ = try Self.addCases(store, count: 3, now: now)
        // Someone saved the file from a spreadsheet program.
        try Array("id,received\r\n".utf8).write(to: folder.path + "/cases.csv")
        let c4 = SampleCase.make(id: "SMO-2026-000004", receivedAt: now)
        try store.create(.init(intakeCase: c4, original: [], files: [], reply: nil))
        #expect(try store.boardWriter.publish(now: now).spreadsheet == .rewritten(4))
        // A message whose received time sorts before the last line goes in its place.
        let early = SampleCase.make(id: "SMO-2026-000005", receivedAt: now.addingTimeInterval(-86_400))
        try store.create(.init(intakeCase: early, original: [], files: [], reply: nil))
        #expect(try store.boardWriter.publish(now: now).spreadsheet == .rewritten(5))
        let lines = String(decoding: try AtomicFiles.readAll(folder.path + "/cases.csv"), as: UTF8.self)
            .split(separator: "\r\n").map { String($0.prefix(15)) }
        #expect(lines == ["id,received,req", "SMO-2026-000005", "SMO-2026-000001", "SMO-2026-000002", "SMO-2026-000003", "SMO-2026-000004"])
    }
}

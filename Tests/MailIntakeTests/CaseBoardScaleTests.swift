import Foundation
import Testing
@testable import MailIntake

/// Adding a case costs the same with 50,000 cases in the archive as with none: the row store
/// is touched by primary key, the board and the calendar read the board's age only, and no
/// archive page or spreadsheet is rewritten for a new case once the archive is large.
@Suite(.serialized) struct CaseBoardScaleTests {
    static let archived = 50_000

    /// Seconds for one new case: written into its folder (row upsert included) and the
    /// pages published. The median of `runs`, after one warm-up.
    static func costOfOneAdd(_ store: CaseFolderStore, now: Date, firstNumber: Int, runs: Int = 15) throws -> (median: Double, max: Double) {
        var times: [Double] = []
        for i in 0...runs {
            let c = SampleCase.make(id: String(format: "SMO-2026-%06d", firstNumber + i), receivedAt: now.addingTimeInterval(Double(i - runs) * 60))
            let start = DispatchTime.now().uptimeNanoseconds
            try store.create(.init(intakeCase: c, original: [], files: [], reply: nil))
            try store.regenerateIndex(generatedAt: now)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if i > 0 { times.append(seconds) }
        }
        times.sort()
        return (times[times.count / 2], times.last ?? 0)
    }

    @Test func addingACaseCostsTheSameWith50000CasesAsWithNone() throws {
        let now = BoardFixture.now
        let emptyFolder = ScratchFolder("board-empty")
        let fullFolder = ScratchFolder("board-50k")
        defer {
            emptyFolder.cleanup()
            fullFolder.cleanup()
        }
        let empty = try CaseFolderStore(root: emptyFolder.path)
        let full = try CaseFolderStore(root: fullFolder.path)
        _ = try full.backfillRowsIfNeeded()

        // 50,000 cases received over the five years before the board's 60 days.
        let seedStart = DispatchTime.now().uptimeNanoseconds
        try full.rows.upsert((1...Self.archived).map { n in
            var row = BoardFixture.row(100_000 + n)
            row.caseId = String(format: "SMO-2021-%06d", n)
            row.receivedAt = now.addingTimeInterval(-61 * 86_400 - Double(n) * 3_000)
            row.callbackDue = row.receivedAt.addingTimeInterval(86_400)
            return row
        })
        let seeded = Double(DispatchTime.now().uptimeNanoseconds - seedStart) / 1e9
        // The first publication writes every archive month and the spreadsheet once.
        let upgradeStart = DispatchTime.now().uptimeNanoseconds
        let first = try full.boardWriter.publish(now: now)
        let upgrade = Double(DispatchTime.now().uptimeNanoseconds - upgradeStart) / 1e9
        #expect(first.archiveMonthsWritten.count > 50 && first.spreadsheetWritten)

        let withNone = try Self.costOfOneAdd(empty, now: now, firstNumber: 1)
        let withMany = try Self.costOfOneAdd(full, now: now, firstNumber: 1)
        let ratio = withMany.median / withNone.median
        print(String(
            format: "board scale: one add with 0 cases %.2f ms (max %.2f), with %d cases %.2f ms (max %.2f), ratio %.2f; seeding %.1f s, first publication %.2f s",
            withNone.median * 1000, withNone.max * 1000, Self.archived, withMany.median * 1000, withMany.max * 1000, ratio, seeded, upgrade))
        #expect(try full.rows.count() == Self.archived + 16)
        #expect(ratio < 2.0, "one add costs \(ratio)× as much with \(Self.archived) cases")
        // The spreadsheet still lists every case once forced (end of a poll cycle).
        try full.flushBoard(now: now)
        let csv = try AtomicFiles.readAll(fullFolder.path + "/cases.csv")
        #expect(csv.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } == Self.archived + 16 + 1)
    }
}

import Foundation
import Testing
@testable import MailIntake

/// The row store behind the board, and the pages the store writes from it.
@Suite struct CaseBoardStoreTests {
    static func text(_ path: String) throws -> String {
        String(decoding: try AtomicFiles.readAll(path), as: UTF8.self)
    }

    @Test func aRowReadsBackAsItWasWritten() throws {
        let store = try CaseRowStore.inMemory()
        var c = SampleCase.make(issues: [.missingReport, .termsNotConfirmed])
        c.callback.booked = .init(start: c.receivedAt.addingTimeInterval(7200), end: c.receivedAt.addingTimeInterval(9000))
        c.patient = .init(name: "Sami", onBehalf: true, relationship: "father")
        c.language = .ar
        c.callback.requested = .init(text: "بعد الساعة 4 عصرًا", windows: [])
        c.claimsCase = "SMO-2026-000009"
        let row = CaseRow(c)
        #expect(row.callbackWish == "بعد الساعة 4 عصرًا")
        #expect(row.notes == ["cites SMO-2026-000009 but is not from its requester: a case of its own"])
        try store.upsert(row)
        #expect(try store.row(caseId: c.caseId) == row)
        #expect(try store.count() == 1)
    }

    @Test func writingACaseUpdatesItsRowAndThePagesWithoutReadingOtherCases() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        try store.create(.init(intakeCase: SampleCase.make(id: "SMO-2026-000001"), original: [], files: [], reply: nil))
        try store.create(.init(intakeCase: SampleCase.make(id: "SMO-2026-000002"), original: [], files: [], reply: nil))
        // A case.json that cannot be read no longer matters: pages come from rows.
        try AtomicFiles.replace(store.folder(of: "SMO-2026-000001") + "/case.json", bytes: Array("garbage".utf8), mode: 0o600)
        var updated = SampleCase.make(id: "SMO-2026-000002")
        updated.reply = .init(status: .failed, reason: "550 no such user")
        try store.update(updated)
        try store.regenerateIndex(generatedAt: SampleCase.make().receivedAt.addingTimeInterval(3600))
        let html = try Self.text(scratch.path + "/index.html")
        #expect(html.contains("SMO-2026-000001/summary.html") && html.contains("SMO-2026-000002/summary.html"))
        #expect(html.contains("550 no such user"))
        #expect(try Self.text(scratch.path + "/cases.csv").contains("SMO-2026-000002,"))
        #expect(try Self.text(scratch.path + "/callbacks.ics").contains("UID:SMO-2026-000001@second-opinion.mail-bot"))
        for file in ["index.html", "cases.csv", "callbacks.ics", ".mail-bot/board.sqlite"] {
            #expect(scratch.mode(of: file) == 0o600, "\(file)")
        }
    }

    @Test func anUpgradedShareIsBackfilledOnceFromItsCaseFolders() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        do {
            let old = try CaseFolderStore(root: scratch.path)
            for n in 1...3 {
                try old.create(.init(intakeCase: SampleCase.make(id: String(format: "SMO-2026-%06d", n)), original: [], files: [], reply: nil))
            }
        }
        // As if made by a version without the row store.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch.path + "/.mail-bot/board.sqlite" + suffix) }
        let store = try CaseFolderStore(root: scratch.path)
        #expect(try store.rows.count() == 0)
        try store.create(.init(intakeCase: SampleCase.make(id: "SMO-2026-000004"), original: [], files: [], reply: nil))
        #expect(try store.rows.count() == 4)
        #expect(try store.backfillRowsIfNeeded() == 0)
        try store.regenerateIndex(generatedAt: SampleCase.make().receivedAt)
        #expect(try Self.text(scratch.path + "/index.html").contains("SMO-2026-000003/summary.html"))
    }

    @Test func oldCasesMoveToMonthlyArchivePagesAndOnlyTheAffectedMonthIsRewritten() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path, boardDays: 60)
        let now = BoardFixture.now  // 2 Dec 2026
        let day: TimeInterval = 86_400
        let september = SampleCase.make(id: "SMO-2026-000001", receivedAt: now.addingTimeInterval(-80 * day))
        let august = SampleCase.make(id: "SMO-2026-000002", receivedAt: now.addingTimeInterval(-110 * day))
        let recent = SampleCase.make(id: "SMO-2026-000003", receivedAt: now.addingTimeInterval(-2 * day))
        for c in [september, august, recent] { try store.create(.init(intakeCase: c, original: [], files: [], reply: nil)) }
        let first = try store.boardWriter.publish(now: now)
        #expect(first.archiveMonthsWritten == ["2026-08", "2026-09"])
        #expect(first.boardRows == 1)
        let board = try Self.text(scratch.path + "/index.html")
        #expect(board.contains("SMO-2026-000003/summary.html") && !board.contains("SMO-2026-000001/summary.html"))
        #expect(board.contains("href=\"archive/2026-09.html\">September 2026</a>"))
        #expect(try Self.text(scratch.path + "/archive/2026-09.html").contains("href=\"../SMO-2026-000001/summary.html\""))

        // Nothing changed: no archive page is rewritten.
        #expect(try store.boardWriter.publish(now: now).archiveMonthsWritten == [])
        // A delivery report lands on the September case: only September is rewritten.
        var bounced = september
        bounced.reply.deliveryFailures = ["delivery failed"]
        try store.update(bounced)
        #expect(try store.boardWriter.publish(now: now).archiveMonthsWritten == ["2026-09"])
        // Two months on, the recent case moves off the board into November's page.
        let later = try store.boardWriter.publish(now: now.addingTimeInterval(61 * day))
        #expect(later.archiveMonthsWritten == ["2026-11"] && later.boardRows == 0)
        #expect(try Self.text(scratch.path + "/index.html").contains("archive/2026-11.html"))
    }
}

/// The daemon keeps the rows in the journal's database.
@Suite struct CaseRowsInTheJournalTests {
    @Test func rowsLiveInTheJournalAndLeaveItsDurabilityAsItWas() throws {
        let scratch = ScratchFolder("rows-journal")
        defer { scratch.cleanup() }
        let journal = try JournalDatabase.open(path: scratch.path + "/state/journal.sqlite")
        let before = try journal.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        let store = try CaseFolderStore(root: scratch.path + "/cases", rows: try CaseRowStore(journal: journal))
        try store.create(.init(intakeCase: SampleCase.make(), original: [], files: [], reply: nil))
        try store.regenerateIndex(generatedAt: SampleCase.make().receivedAt)
        let count = try journal.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_rows") }
        #expect(count == 1)
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/cases/.mail-bot/board.sqlite"))
        let after = try journal.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(after == before)  // as the journal set it
        #expect(after == 2)  // FULL
        try store.rows.upsert(CaseRow(SampleCase.make(id: "SMO-2026-000002")))
        #expect(try journal.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        // Reopening runs the journal's migrations and the board's again: both find them applied.
        let again = try JournalDatabase.open(path: scratch.path + "/state/journal.sqlite")
        #expect(try CaseRowStore(journal: again).count() == 2)
    }
}

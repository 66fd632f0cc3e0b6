import Foundation
import GRDB
import Testing

@testable import MailIntake

/// The cost per message stays flat as the journal grows: every lookup is by key or through an
/// index, and the totals are counters. A journal pre-filled with many rows (1,000,000 with
/// `MAILBOT_JOURNAL_ROWS=1000000`; 100,000 by default, to keep the suite quick) is compared
/// with a nearly empty one, per message: look up, count the attempt, record the outcome.
@Suite struct JournalScaleTests {
    static var rows: Int { Int(ProcessInfo.processInfo.environment["MAILBOT_JOURNAL_ROWS"] ?? "") ?? 100_000 }

    /// Fills `messages` and `outbox` with `count` final rows in one transaction.
    static func prefill(_ database: JournalDatabase, count: Int) throws {
        try database.pool.write { db in
            let message = try db.makeStatement(
                sql: """
                    INSERT INTO messages(key, mailbox, uidvalidity, uid, message_id, sha256, state, attempts, case_id,
                                         reply_status, folder, first_seen, updated)
                    VALUES (?, 'imap', 1, ?, ?, ?, 'processed', 1, ?, 'sent', 'Processed', 0, 0)
                    """)
            let reply = try db.makeStatement(
                sql: """
                    INSERT INTO outbox(case_id, sequence, recipient, state, attempts, next_attempt, created, updated)
                    VALUES (?, 1, ?, 'sent', 1, 0, 0, 0)
                    """)
            for n in 0..<count {
                let caseId = "SMO-2026-\(n)"
                try message.execute(arguments: ["imap:1:\(n)", "\(n)", "<\(n)@example.org>", "\(n)", caseId])
                try reply.execute(arguments: [caseId, "p\(n % 5000)@example.org"])
            }
        }
    }

    /// Mean seconds per message for `count` new messages through the journal.
    static func perMessage(_ database: JournalDatabase, count: Int, offset: Int) throws -> Double {
        let journal = MessageJournal(database: database)
        let outbox = OutboxJournal(database: database)
        let started = ContinuousClock.now
        for n in offset..<(offset + count) {
            let entry = MailboxEntry(uid: UInt32(n), size: 0, flags: [], key: "imap:2:\(n)")
            _ = try journal.row(entry.key)
            try journal.beginAttempt(entry, at: Date())
            _ = try outbox.enqueue(
                caseId: "NEW-\(n)", sequence: 1, recipient: "p\(n)@example.org", messageId: nil, dailyLimit: 5, day: "2026-12-02",
                at: Date())
            try outbox.markSent(caseId: "NEW-\(n)", sequence: 1, answer: nil, at: Date())
            try journal.finish(entry, .processed, caseId: "NEW-\(n)", replyStatus: "sent", folder: "Processed", at: Date())
        }
        _ = try outbox.due(at: Date())
        _ = try outbox.depth()
        let d = started.duration(to: .now).components
        return (Double(d.seconds) + Double(d.attoseconds) / 1e18) / Double(count)
    }

    @Test func theCostPerMessageStaysFlatAsTheJournalGrows() throws {
        let scratch = ScratchFolder("scale")
        defer { scratch.cleanup() }
        let small = try JournalDatabase.open(path: scratch.path + "/small.sqlite")
        try Self.prefill(small, count: 1000)
        let large = try JournalDatabase.open(path: scratch.path + "/large.sqlite")
        let filling = ContinuousClock.now
        try Self.prefill(large, count: Self.rows)
        let filled = filling.duration(to: .now)
        // Warm both, then measure alternately so that machine noise hits both alike.
        _ = try Self.perMessage(small, count: 20, offset: 0)
        _ = try Self.perMessage(large, count: 20, offset: 0)
        var smallCost = 0.0
        var largeCost = 0.0
        for round in 1...3 {
            smallCost += try Self.perMessage(small, count: 100, offset: round * 1000)
            largeCost += try Self.perMessage(large, count: 100, offset: round * 1000)
        }
        let ratio = largeCost / smallCost
        print(
            "journal-scale: \(Self.rows) rows (filled in \(filled)); per message \(String(format: "%.3f", smallCost / 3 * 1000)) ms "
                + "at 1,000 rows, \(String(format: "%.3f", largeCost / 3 * 1000)) ms at \(Self.rows) rows (ratio \(String(format: "%.2f", ratio)))")
        #expect(ratio < 2.5, "per-message cost grew \(ratio)× with the journal")
    }
}

import Foundation
import GRDB
import Testing

@testable import MailIntake

/// The poller's two kinds of failure: the environment's trouble never moves mail; a message
/// that never finishes goes to Failed after `max_attempts` and the mail behind it flows.
@Suite struct PollFailureKindsTests {
    static func mailbox(_ count: Int) throws -> PollServiceTests.RefusingMailbox {
        var messages: [String: [UInt8]] = [:]
        for n in 1...count {
            messages["imap:1:\(n)"] = try MessageLifecycleTests.request(messageId: "<m\(n)@example.org>", from: "p\(n)@example.org")
        }
        return PollServiceTests.RefusingMailbox(messages: messages, refused: "none")
    }

    @Test func anUnwritableCasesFolderLeavesEveryMessageInTheInboxAndHealsByItself() async throws {
        let scratch = ScratchFolder("env")
        defer { scratch.cleanup() }
        let mailbox = try Self.mailbox(2)
        let (service, store) = try PollServiceTests.service(
            mailbox: mailbox, sender: try FileOutbox(folder: scratch.path + "/outbox"), in: scratch)
        // A file where the store builds its cases: every write fails with ENOTDIR.
        let incoming = store.root + "/.incoming"
        try FileManager.default.removeItem(atPath: incoming)
        try Array("x".utf8).write(to: incoming)
        for _ in 1...4 {
            await #expect(throws: (any Error).self) { try await service.runCycle() }
        }
        #expect(mailbox.moved.isEmpty, "nothing moved while the environment is at fault")
        #expect(!FileManager.default.fileExists(atPath: store.failedFolder))
        let journal = MessageJournal(database: try JournalDatabase.open(path: scratch.path + "/state/journal.sqlite"))
        #expect(try journal.row("imap:1:1")?.attempts == 0, "the environment's trouble does not use up attempts")
        #expect(try journal.row("imap:1:1")?.lastError?.hasPrefix("storage") == true)

        try FileManager.default.removeItem(atPath: incoming)
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: false)
        let report = try await service.runCycle()
        #expect(report.processed == 2 && report.failed == 0)
        #expect(mailbox.moved == ["imap:1:1", "imap:1:2"])
    }

    @Test func aMessageThatNeverFinishesGoesToFailedAfterMaxAttemptsAndTheMailBehindItFlows() async throws {
        let scratch = ScratchFolder("poison")
        defer { scratch.cleanup() }
        let mailbox = try Self.mailbox(2)
        let (service, store) = try PollServiceTests.service(
            mailbox: mailbox, sender: try FileOutbox(folder: scratch.path + "/outbox"), in: scratch)
        // Three tries of the first message that never came back (the process was killed or
        // hung each time): the attempts were committed before each try.
        let journal = MessageJournal(database: try JournalDatabase.open(path: scratch.path + "/state/journal.sqlite"))
        let poison = MailboxEntry(uid: 1, size: 0, flags: [], key: "imap:1:1")
        for _ in 1...3 { try journal.beginAttempt(poison, at: Date()) }
        let report = try await service.runCycle()
        #expect(report.failed == 1 && report.processed == 1)
        #expect(mailbox.moved == ["imap:1:1", "imap:1:2"])
        let row = try #require(try journal.row("imap:1:1"))
        #expect(row.state == .failed && row.folder == "Failed")
        #expect(row.lastError?.contains("gave up after 3 attempts") == true, "\(row.lastError ?? "")")
        #expect(store.caseIds() == ["SMO-2026-000001"], "only the healthy message became a case")
        #expect(await service.currentStatus.failures.messages == 1)
    }

    @Test func attemptsAreCountedBeforeEachTryAndTakenBackForTheEnvironment() throws {
        let scratch = ScratchFolder("attempts")
        defer { scratch.cleanup() }
        let journal = MessageJournal(database: try JournalDatabase.open(path: scratch.path + "/j.sqlite"))
        let entry = MailboxEntry(uid: 7, size: 0, flags: [], key: "imap:42:7")
        #expect(try journal.beginAttempt(entry, at: Date()) == 1)
        #expect(try journal.beginAttempt(entry, at: Date()) == 2)
        try journal.refundAttempt(entry.key, trouble: "storage ENOSPC", at: Date())
        let row = try #require(try journal.row(entry.key))
        #expect(row.attempts == 1 && row.state == .attempting && row.lastError == "storage ENOSPC")
        let parts = try journal.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT mailbox, uidvalidity, uid FROM messages WHERE key = ?", arguments: [entry.key])
        }
        let mailboxName: String? = parts?["mailbox"]
        let validity: Int? = parts?["uidvalidity"]
        let uid: String? = parts?["uid"]
        #expect(mailboxName == "imap")
        #expect(validity == 42)
        #expect(uid == "7")
    }

    @Test func aJSONLinesJournalIsImportedOnceAndNothingIsProcessedAgain() throws {
        let scratch = ScratchFolder("import")
        defer { scratch.cleanup() }
        let old = scratch.path + "/journal.jsonl"
        var jsonl = try PollJournal(path: old)
        let at = Date(timeIntervalSince1970: 1_795_511_700)
        try jsonl.append(JournalRecord(key: "imap:1:1", outcome: .processed, caseId: "SMO-2026-000001", replyStatus: "sent", folder: "Processed", at: at))
        try jsonl.append(JournalRecord(key: "imap:1:2", outcome: .processed, caseId: "SMO-2026-000002", replyStatus: "queued", folder: "Processed", at: at))
        try jsonl.append(JournalRecord(key: "imap:1:3", outcome: .failed, reason: "bad", folder: "Failed", at: at))
        let database = try JournalDatabase.open(path: JournalDatabase.sqlitePath(forConfigured: old))
        #expect(try JournalImport.importOnce(from: old, into: database, now: at) == 3)
        #expect(try JournalImport.importOnce(from: old, into: database, now: at) == 0)
        let messages = MessageJournal(database: database)
        #expect(try messages.row("imap:1:1")?.state == .processed)
        #expect(try messages.row("imap:1:3")?.state == .failed)
        #expect(try messages.total(.processed) == 2 && messages.total(.failed) == 1)
        let queued = try OutboxJournal(database: database).due(at: at)
        #expect(queued.map(\.caseId) == ["SMO-2026-000002"])
    }
}

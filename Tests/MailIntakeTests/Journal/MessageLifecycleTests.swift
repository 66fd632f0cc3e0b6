import Foundation
import Logging
import Testing

@testable import MailIntake

/// The order of effects and the two kinds of failure, in process with injected faults: a
/// reply left pending by a crash, trouble of the environment, a message that never finishes,
/// a permanent refusal, the daily cap, a reused Message-ID.
@Suite struct MessageLifecycleTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Counts what it is asked to send; throws `error` while it is set.
    final class RecordingSender: MailSender, @unchecked Sendable {
        private let lock = NSLock()
        private var sentMail: [OutgoingMail] = []
        private var failure: (any Error)?

        init(failing error: (any Error)? = nil) { failure = error }

        var sent: [OutgoingMail] { lock.withLock { sentMail } }
        func fail(with error: (any Error)?) { lock.withLock { failure = error } }

        func send(_ mail: OutgoingMail) async throws -> SendOutcome {
            try lock.withLock {
                if let failure { throw failure }
                sentMail.append(mail)
                return .sent
            }
        }
    }

    struct Rig {
        let scratch = ScratchFolder("lifecycle")
        let store: CaseFolderStore
        let journal: JournalDatabase
        var runner: IntakeRunner

        init(sender: any MailSender, dailyLimit: Int? = nil) throws {
            store = try CaseFolderStore(root: scratch.path + "/cases")
            journal = try JournalDatabase.open(path: scratch.path + "/state/journal.sqlite")
            runner = IntakeRunner(
                planner: IntakePlanner(configuration: .default), store: store, sender: sender, logger: MessageLifecycleTests.logger,
                journal: journal)
            runner.dailyReplyLimit = dailyLimit
        }

        var outbox: OutboxJournal { OutboxJournal(database: journal) }

        /// Forgets that the case's reply went out, as a crash right after writing the case would.
        func rewindToPending(_ caseId: String, keepOutboxRow: Bool) throws {
            var c = try store.readCase(caseId)
            c.reply.status = .pending
            c.reply.reason = nil
            try store.update(c)
            if !keepOutboxRow {
                try journal.pool.write { db in try db.execute(sql: "DELETE FROM outbox") }
            }
        }
    }

    static func request(messageId: String, from: String = "patient@example.org") throws -> [UInt8] {
        var text = String(decoding: try IntakeRunnerTests.sample("01-complete-patient-request.eml"), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        text = lines.map { line in
            if line.lowercased().hasPrefix("message-id:") { return "Message-ID: \(messageId)" }
            if line.lowercased().hasPrefix("from:") { return "From: Pat <\(from)>" }
            return line
        }.joined(separator: "\r\n")
        return Array(text.utf8)
    }

    @Test func aReplyLeftPendingIsSentOnceWhenTheOutboxDoesNotRecordItSent() async throws {
        let sender = RecordingSender()
        let rig = try Rig(sender: sender)
        defer { rig.scratch.cleanup() }
        let raw = try Self.request(messageId: "<a@example.org>")
        let first = try await rig.runner.process(raw, receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now)
        let id = try #require(first.caseId)
        #expect(sender.sent.count == 1)
        #expect(try rig.outbox.entry(caseId: id, sequence: 1)?.state == .sent)

        // Crash after the case was durable and before anything was recorded about the send.
        try rig.rewindToPending(id, keepOutboxRow: false)
        let again = try await rig.runner.process(raw, receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now)
        #expect(again.kind == .alreadyProcessed)
        #expect(sender.sent.count == 2, "not recorded as sent: sent (the one window docs/operations.md names)")
        #expect(try rig.store.readCase(id).reply.status == .sent)
        #expect(rig.store.caseIds() == [id])
    }

    @Test func aReplyRecordedSentIsNeverSentAgainAfterACrash() async throws {
        let sender = RecordingSender()
        let rig = try Rig(sender: sender)
        defer { rig.scratch.cleanup() }
        let raw = try Self.request(messageId: "<b@example.org>")
        let id = try #require(try await rig.runner.process(raw, receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now).caseId)
        // Crash after the outbox row said sent, before case.json did.
        try rig.rewindToPending(id, keepOutboxRow: true)
        let again = try await rig.runner.process(raw, receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now)
        #expect(again.kind == .alreadyProcessed)
        #expect(sender.sent.count == 1)
        #expect(try rig.store.readCase(id).reply.status == .sent)
    }

    @Test func theCaseIsDurableWithItsReplyPendingBeforeTheReplyLeaves() async throws {
        /// Looks at the case folder at the moment of sending.
        final class Inspecting: MailSender, @unchecked Sendable {
            let root: String
            var seen: IntakeCase.Reply.Status?
            var replyFileThere = false
            init(root: String) { self.root = root }
            func send(_ mail: OutgoingMail) async throws -> SendOutcome {
                let store = try CaseFolderStore(root: root)
                let id = try #require(store.caseIds().first)
                seen = try store.readCase(id).reply.status
                replyFileThere = FileManager.default.fileExists(atPath: store.folder(of: id) + "/reply.eml")
                return .sent
            }
        }
        let scratch = ScratchFolder("order")
        defer { scratch.cleanup() }
        let sender = Inspecting(root: scratch.path + "/cases")
        let store = try CaseFolderStore(root: scratch.path + "/cases")
        let runner = IntakeRunner(planner: IntakePlanner(configuration: .default), store: store, sender: sender, logger: Self.logger)
        let outcome = try await runner.process(
            try Self.request(messageId: "<c@example.org>"), receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now)
        #expect(sender.seen == .pending)
        #expect(sender.replyFileThere)
        #expect(outcome.reply?.status == .sent)
        #expect(try store.readCase(try #require(outcome.caseId)).reply.status == .sent)
    }

    @Test func aPermanentRefusalMarksTheReplyFailedWithTheServersAnswerAndIsNotRetried() async throws {
        let refusal = TransportError(
            .rejectedRecipient("patient@example.org"), host: "smtp", operation: "SMTP send",
            curlText: "RCPT failed; server said: 550 5.1.1 <patient@example.org>: mailbox unavailable; nothing was sent")
        let sender = RecordingSender(failing: refusal)
        let rig = try Rig(sender: sender)
        defer { rig.scratch.cleanup() }
        let outcome = try await rig.runner.process(
            try Self.request(messageId: "<d@example.org>"), receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now)
        let id = try #require(outcome.caseId)
        let c = try rig.store.readCase(id)
        #expect(c.reply.status == .failed)
        #expect(c.reply.reason?.contains("550") == true, "\(c.reply.reason ?? "")")
        #expect(c.reply.reason?.contains("patient@example.org") == false, "no address in the reason")
        #expect(try rig.outbox.entry(caseId: id, sequence: 1)?.state == .failed)
        #expect(try rig.outbox.due(at: Date.distantFuture).isEmpty)
    }

    @Test func theDailyCapHoldsBackAutomaticRepliesToOneAddress() async throws {
        let sender = RecordingSender()
        let rig = try Rig(sender: sender, dailyLimit: 2)
        defer { rig.scratch.cleanup() }
        var statuses: [IntakeCase.Reply.Status] = []
        for n in 1...3 {
            let outcome = try await rig.runner.process(
                try Self.request(messageId: "<cap\(n)@example.org>"), receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now)
            statuses.append(try rig.store.readCase(try #require(outcome.caseId)).reply.status)
        }
        #expect(statuses == [.sent, .sent, .suppressed])
        #expect(sender.sent.count == 2)
        let third = try rig.store.readCase("SMO-2026-000003")
        #expect(third.reply.reason?.contains("daily limit") == true)
        // Another address is not affected.
        let other = try await rig.runner.process(
            try Self.request(messageId: "<cap4@example.org>", from: "other@example.org"), receivedAt: IntakeRunnerTests.now,
            now: IntakeRunnerTests.now)
        #expect(other.reply?.status == .sent)
    }

    @Test func aMessageIdSeenBeforeOnDifferentBytesIsNewMail() async throws {
        let sender = RecordingSender()
        let rig = try Rig(sender: sender)
        defer { rig.scratch.cleanup() }
        let first = try Self.request(messageId: "<reused@example.org>")
        var second = first
        second += Array("\r\nA different body.\r\n".utf8)
        let a = try await rig.runner.process(first, receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now)
        let b = try await rig.runner.process(second, receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now)
        #expect(a.kind == .created)
        #expect(b.kind != .alreadyProcessed)
        // The same bytes again are still the same message.
        let c = try await rig.runner.process(first, receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now)
        #expect(c.kind == .alreadyProcessed && c.caseId == a.caseId)
    }
}

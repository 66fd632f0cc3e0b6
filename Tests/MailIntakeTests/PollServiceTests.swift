import Foundation
import Logging
import Testing

@testable import MailIntake

/// The poll cycle over a writable Maildir (a copy of the samples) with a file outbox.
@Suite struct PollServiceTests {
    /// A scratch folder with `mail/` (a Maildir holding copies of the sample messages) and a
    /// configuration pointing everything inside it.
    struct Rig {
        let scratch = ScratchFolder("poll")
        var mail: String { scratch.path + "/mail" }

        init(samples names: [String]? = nil) throws {
            let source = IntakeRunnerTests.samplesFolder.appendingPathComponent("maildir/new").path
            let all = try FileManager.default.contentsOfDirectory(atPath: source).sorted()
            for sub in ["new", "cur", "tmp"] {
                try FileManager.default.createDirectory(atPath: mail + "/" + sub, withIntermediateDirectories: true)
            }
            for name in all where names == nil || names!.contains(where: { name.hasPrefix($0) }) {
                try FileManager.default.copyItem(atPath: source + "/" + name, toPath: mail + "/new/" + name)
            }
        }

        func configuration(maxMessageBytes: Int = 41_943_040, readOnly: Bool = false) throws -> Configuration {
            try Configuration.parse(
                """
                [maildir]
                path = "mail"
                read_only = \(readOnly)
                max_message_bytes = \(maxMessageBytes)
                [outbox]
                path = "outbox"
                [cases]
                path = "cases"
                [journal]
                path = "state/journal.jsonl"
                """, source: "test", baseDirectory: scratch.path)
        }

        func service(_ configuration: Configuration) throws -> PollService {
            try PollService.make(configuration: configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        }

        func files(_ folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: scratch.path + "/" + folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        }
    }

    @Test func aCycleProcessesEveryMessageOnceAndMovesItToProcessed() async throws {
        let rig = try Rig()
        defer { rig.scratch.cleanup() }
        let service = try rig.service(rig.configuration())
        let first = try await service.runCycle()
        #expect(first.listed == 15)
        #expect(first.processed == 15)
        #expect(first.failed == 0)
        #expect(rig.files("mail/new").isEmpty)
        #expect(rig.files("mail/.Processed/new").count == 15)
        #expect(rig.files("cases").filter { $0.hasPrefix("SMO-") }.count == 14)
        let replies = rig.files("outbox")

        let second = try await service.runCycle()
        #expect(second == PollService.CycleReport())
        #expect(rig.files("outbox") == replies)

        let status = try #require(try PollStatus.read(from: rig.scratch.path + "/state/status.json"))
        #expect(status.processed == 15)
        #expect(status.backlog == 0)
        #expect(status.lastSuccessfulPollAt != nil)
        #expect(status.failures.consecutivePolls == 0)
    }

    @Test func aReadOnlyMaildirIsNeverChangedAndTheJournalPreventsRepeats() async throws {
        let rig = try Rig(samples: ["1795511760."])
        defer { rig.scratch.cleanup() }
        let before = rig.files("mail/new")
        let service = try rig.service(rig.configuration(readOnly: true))
        #expect(try await service.runCycle().processed == 1)
        #expect(rig.files("mail/new") == before)
        #expect(rig.files("mail/cur").isEmpty)
        let again = try await service.runCycle()
        #expect(again.known == 1 && again.processed == 0)
        // A fresh process (new service, same state) also knows it.
        let restarted = try rig.service(rig.configuration(readOnly: true))
        #expect(try await restarted.runCycle().known == 1)
    }

    @Test func aCrashBetweenRecordAndMoveOnlyFinishesTheMove() async throws {
        let rig = try Rig(samples: ["1795511760."])
        defer { rig.scratch.cleanup() }
        let name = try #require(rig.files("mail/new").first)
        var journal = try PollJournal(path: rig.scratch.path + "/state/journal.jsonl")
        try journal.append(
            JournalRecord(
                key: "maildir:\(name)", outcome: .processed, caseId: "SMO-2026-000001", replyStatus: "sent", reason: nil,
                folder: "Processed", at: Date()))
        let report = try await rig.service(rig.configuration()).runCycle()
        #expect(report.known == 1 && report.processed == 0)
        #expect(rig.files("mail/.Processed/new") == [name])
        #expect(rig.files("cases").isEmpty)
    }

    @Test func aCrashBeforeTheRecordReprocessesWithoutASecondCaseOrReply() async throws {
        let rig = try Rig(samples: ["1795511760."])
        defer { rig.scratch.cleanup() }
        _ = try await rig.service(rig.configuration(readOnly: true)).runCycle()
        // Simulate the crash: the case and the reply exist, the journal and the mailbox do not know.
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: rig.scratch.path + "/state/journal.sqlite" + suffix)
        }
        let report = try await rig.service(rig.configuration()).runCycle()
        #expect(report.processed == 1)
        #expect(rig.files("cases").filter { $0.hasPrefix("SMO-") } == ["SMO-2026-000001"])
        #expect(rig.files("outbox") == ["SMO-2026-000001-1.eml"])
        #expect(rig.files("mail/.Processed/new").count == 1)
    }

    @Test func aMessageOverTheLimitGoesToFailedUndownloaded() async throws {
        let rig = try Rig(samples: ["1795511760.", "1795512300."])
        defer { rig.scratch.cleanup() }
        // Sample 01 is 2788 bytes, sample 10 is 611: a 2000-byte limit fails only the first.
        let report = try await rig.service(rig.configuration(maxMessageBytes: 2000)).runCycle()
        #expect(report.failed == 1 && report.processed == 1)
        #expect(rig.files("mail/.Failed/new").count == 1)
        #expect(rig.files("mail/.Failed/new").first?.hasPrefix("1795511760.") == true)
        let status = try #require(try PollStatus.read(from: rig.scratch.path + "/state/status.json"))
        #expect(status.failures.messages == 1)
        #expect(status.failures.lastError == "message too-large")
        let journal = MessageJournal(database: try JournalDatabase.open(path: rig.scratch.path + "/state/journal.sqlite"))
        #expect(try journal.total(.tooLarge) == 1)
    }

    @Test func anUnreachableMailboxFailsTheCycleAndIsRecorded() async throws {
        let rig = try Rig(samples: [])
        defer { rig.scratch.cleanup() }
        let configuration = try rig.configuration()
        try FileManager.default.removeItem(atPath: rig.mail)
        let service = try rig.service(configuration)
        await #expect(throws: PollService.CycleFailure.self) { try await service.runCycle() }
        await #expect(throws: PollService.CycleFailure.self) { try await service.runCycle() }
        let status = try #require(try PollStatus.read(from: rig.scratch.path + "/state/status.json"))
        #expect(status.failures.consecutivePolls == 2)
        #expect(status.lastSuccessfulPollAt == nil)
        // Told by kind and code (FailureSummary), never with a path or a server's words.
        #expect(status.failures.lastError?.isEmpty == false)
        #expect(status.failures.lastError?.contains(rig.mail) == false, "\(status.failures.lastError ?? "")")
        let report = try await StatusReport.build(for: configuration)
        #expect(!report.healthy)
        #expect(report.text.contains("the last poll failed"))
    }

    @Test func aTornLastJournalLineIsIgnored() throws {
        let scratch = ScratchFolder("journal")
        defer { scratch.cleanup() }
        let path = scratch.path + "/journal.jsonl"
        var journal = try PollJournal(path: path)
        try journal.append(JournalRecord(key: "k1", outcome: .processed, folder: "Processed", at: Date()))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"key\":\"k2\",\"outc".utf8))
        handle.closeFile()
        let reread = try PollJournal(path: path)
        #expect(reread.records.keys.sorted() == ["k1"])
    }

    /// A mailbox in memory whose first message the "server" refuses to hand over.
    final class RefusingMailbox: Mailbox, @unchecked Sendable {
        let messages: [String: [UInt8]]
        let refused: String
        private let lock = NSLock()
        private var movedKeys: [String] = []

        init(messages: [String: [UInt8]], refused: String) {
            self.messages = messages
            self.refused = refused
        }

        var moved: [String] { lock.withLock { movedKeys } }

        func pending() async throws -> [MailboxEntry] {
            messages.keys.sorted().enumerated().map { index, key in
                MailboxEntry(uid: UInt32(index + 1), size: messages[key]!.count, flags: [], key: key)
            }.filter { key in !moved.contains(key.key) }
        }
        func all() async throws -> [MailboxEntry] { try await pending() }
        func fetch(_ entry: MailboxEntry, maxBytes: Int) async throws -> [UInt8] {
            if entry.key == refused {
                throw TransportError(.serverSaidNo("A5 NO [UNAVAILABLE] try later"), host: "test", uid: entry.uid, operation: "UID FETCH")
            }
            return messages[entry.key]!
        }
        func markSeen(_ entry: MailboxEntry) async throws {}
        func move(_ entry: MailboxEntry, to folder: String) async throws { lock.withLock { movedKeys.append(entry.key) } }
    }

    /// A poll service over `mailbox` with the default clinic configuration, cases and state
    /// inside `scratch`, and replies handed to `sender`; the store is returned to read cases back.
    static func service(
        mailbox: any Mailbox, sender: any MailSender, in scratch: ScratchFolder,
        backoff: OutboxBackoff = OutboxBackoff(base: 0, cap: 0, jitter: 0)
    ) throws -> (service: PollService, store: CaseFolderStore) {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let store = try CaseFolderStore(root: scratch.path + "/cases")
        var runner = IntakeRunner(planner: IntakePlanner(configuration: .default), store: store, sender: sender, logger: logger)
        runner.backoff = backoff
        let service = try PollService(
            mailbox: mailbox, runner: runner,
            settings: .init(
                mailboxDescription: "test", processedFolder: "Processed", failedFolder: "Failed", maxMessageBytes: 1 << 20,
                journalPath: scratch.path + "/state/journal.jsonl", statusPath: scratch.path + "/state/status.json"),
            logger: logger)
        return (service, store)
    }

    @Test func aMessageTheServerRefusesIsSkippedWithoutBlockingTheOthers() async throws {
        let scratch = ScratchFolder("refused")
        defer { scratch.cleanup() }
        let sample = try IntakeRunnerTests.sample("01-complete-patient-request.eml")
        let mailbox = RefusingMailbox(messages: ["imap:1:1": sample, "imap:1:2": sample], refused: "imap:1:1")
        let (service, _) = try Self.service(
            mailbox: mailbox, sender: try FileOutbox(folder: scratch.path + "/outbox"), in: scratch)
        let report = try await service.runCycle()
        #expect(report.processed == 1)
        #expect(report.backlog == 1)
        #expect(mailbox.moved == ["imap:1:2"])
        let status = await service.currentStatus
        #expect(status.failures.lastError?.hasPrefix("mailbox server-said-no") == true, "\(status.failures.lastError ?? "")")
        #expect(status.backlog == 1)
    }

    /// Refuses the first `failures` sends as a down server would, then accepts.
    final class FlakySender: MailSender, @unchecked Sendable {
        private let lock = NSLock()
        private var remainingFailures: Int
        private var sentMail: [OutgoingMail] = []

        init(failures: Int) { remainingFailures = failures }

        var sent: [OutgoingMail] { lock.withLock { sentMail } }

        func send(_ mail: OutgoingMail) async throws -> SendOutcome {
            try lock.withLock {
                if remainingFailures > 0 {
                    remainingFailures -= 1
                    throw TransportError(.connectionRefused, host: "127.0.0.1:1", operation: "SMTP send")
                }
                sentMail.append(mail)
                return .sent
            }
        }
    }

    @Test func aReplyQueuedWhileSMTPWasDownIsSentByALaterCycle() async throws {
        let scratch = ScratchFolder("queued")
        defer { scratch.cleanup() }
        let sample = try IntakeRunnerTests.sample("01-complete-patient-request.eml")
        let mailbox = RefusingMailbox(messages: ["imap:1:1": sample], refused: "none")
        let sender = FlakySender(failures: 1)
        let (service, store) = try Self.service(mailbox: mailbox, sender: sender, in: scratch)

        // One failure: the intake queues the reply, and the same cycle's retry sends it.
        let first = try await service.runCycle()
        #expect(first.processed == 1)
        #expect(sender.sent.count == 1)
        #expect(try store.readCase("SMO-2026-000001").reply.status == .sent)
        #expect(await service.currentStatus.outboxQueue == 0)

        _ = try await service.runCycle()
        #expect(sender.sent.count == 1, "a sent reply is not sent again")
        let mail = try #require(sender.sent.first)
        #expect(mail.recipients.count == 1)
        #expect(mail.bytes == Array(FileManager.default.contents(atPath: store.folder(of: "SMO-2026-000001") + "/reply.eml") ?? Data()))
    }

    @Test func aReplyStaysQueuedWhileTheServerIsDownAndStatusCountsIt() async throws {
        let scratch = ScratchFolder("queued-down")
        defer { scratch.cleanup() }
        let sample = try IntakeRunnerTests.sample("01-complete-patient-request.eml")
        let mailbox = RefusingMailbox(messages: ["imap:1:1": sample], refused: "none")
        let sender = FlakySender(failures: 3)
        let (service, store) = try Self.service(mailbox: mailbox, sender: sender, in: scratch)
        _ = try await service.runCycle()  // intake send fails, retry fails
        #expect(try store.readCase("SMO-2026-000001").reply.status == .queued)
        #expect(await service.currentStatus.outboxQueue == 1)
        _ = try await service.runCycle()  // retry fails (third failure)
        #expect(await service.currentStatus.outboxQueue == 1)
        _ = try await service.runCycle()  // the server is back
        #expect(sender.sent.count == 1)
        #expect(try store.readCase("SMO-2026-000001").reply.status == .sent)
        #expect(await service.currentStatus.outboxQueue == 0)
    }
}

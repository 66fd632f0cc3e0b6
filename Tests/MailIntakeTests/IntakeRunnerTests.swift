import Foundation
import Logging
import Testing
@testable import MailIntake

/// The whole intake over the committed samples (samples/*.eml), in order, into a scratch
/// shared folder, checking what the contract makes visible: ids, issue codes, attachment
/// reasons, reply status, threading, idempotency.
@Suite struct IntakeRunnerTests {
    static let samplesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples")
    static let now = Date(timeIntervalSince1970: 1_795_511_700)  // Tue 2026-11-24 09:15 UTC

    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samplesFolder.appendingPathComponent(name)))
    }

    static func sampleNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: samplesFolder.path).filter { $0.hasSuffix(".eml") }.sorted()
    }

    struct Setup {
        let scratch = ScratchFolder("intake")
        let store: CaseFolderStore
        let outbox: FileOutbox
        let runner: IntakeRunner

        init(sender: (any MailSender)? = nil) throws {
            store = try CaseFolderStore(root: scratch.path + "/cases")
            outbox = try FileOutbox(folder: scratch.path + "/outbox")
            runner = IntakeRunner(
                planner: IntakePlanner(configuration: .default), store: store, sender: sender ?? outbox,
                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        }

        func outboxFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: outbox.folder).sorted()
        }
    }

    /// What each sample must come to, in the contract's terms.
    struct Expected: Sendable, CustomStringConvertible {
        var file: String
        var caseId: String
        var issues: Set<IntakeCase.IssueCode>
        var reply: IntakeCase.Reply.Status
        var rejected: [String: IntakeCase.RejectionReason] = [:]
        var accepted: Set<String> = []
        var kind: IntakeCase.Requester.Kind = .patient
        var description: String { file }
    }

    static let expectations: [Expected] = [
        .init(
            file: "01-complete-patient-request.eml", caseId: "SMO-2026-000001", issues: [], reply: .sent,
            accepted: ["MRI report.pdf", "knee-sagittal.jpg", "knee-coronal.png"]),
        .init(
            file: "02-embassy-arabic-with-guarantee.eml", caseId: "SMO-2026-000002", issues: [], reply: .sent,
            accepted: ["التقرير الطبي.pdf", "خطاب ضمان.pdf"], kind: .embassy),
        .init(
            file: "03-embassy-french-without-letter.eml", caseId: "SMO-2026-000003", issues: [.guaranteeLetterRequired],
            reply: .sent, kind: .embassy),
        .init(
            file: "04-five-images.eml", caseId: "SMO-2026-000004", issues: [.imagesOverLimit, .attachmentRejected, .imagesToArrange],
            reply: .sent, rejected: ["ct-slice-4.jpg": .overImageLimit, "ct-slice-5.jpg": .overImageLimit]),
        .init(
            file: "05-renamed-executable.eml", caseId: "SMO-2026-000005",
            issues: [.missingReport, .missingImages, .attachmentRejected], reply: .sent, rejected: ["scan.pdf": .typeMismatch]),
        .init(
            file: "06-dicom-file.eml", caseId: "SMO-2026-000006", issues: [.missingImages, .attachmentRejected],
            reply: .sent, rejected: ["IM000001.dcm": .typeNotAllowed], accepted: ["discharge-letter.pdf"]),
        .init(
            file: "07-html-only-with-inline-logo.eml", caseId: "SMO-2026-000007", issues: [], reply: .sent,
            accepted: ["pathology.pdf"]),
        .init(
            file: "08-forwarded-hospital-letter.eml", caseId: "SMO-2026-000008", issues: [], reply: .sent,
            accepted: ["clinic-letter.pdf"]),
        .init(file: "09-outlook-reply-with-quoted-text.eml", caseId: "SMO-2026-000009", issues: [], reply: .sent),
        .init(file: "10-out-of-office.eml", caseId: "SMO-2026-000010", issues: [.automaticMessage], reply: .suppressed),
        .init(
            file: "11-delivery-status-notification.eml", caseId: "SMO-2026-000011", issues: [.automaticMessage],
            reply: .suppressed),
        // The follow-up joins case 1 (checked below), so the next new case is 12.
        .init(
            file: "13-zip-of-images.eml", caseId: "SMO-2026-000012", issues: [], reply: .sent,
            accepted: ["ultrasound-report.pdf", "ultrasound-images.zip"]),
        .init(
            file: "14-hostile-filenames.eml", caseId: "SMO-2026-000013", issues: [.attachmentRejected], reply: .sent,
            accepted: ["CON.pdf"]),
        .init(file: "15-missing-description.eml", caseId: "SMO-2026-000014", issues: [.missingDescription], reply: .sent),
    ]

    @Test func everySampleComesToItsExpectedCase() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        var ids: [String: String] = [:]
        for name in try Self.sampleNames() {
            let outcome = try await setup.runner.process(try Self.sample(name), receivedAt: Self.now, now: Self.now)
            #expect(outcome.kind != .failed, "\(name): \(outcome.failureReason ?? "")")
            ids[name] = outcome.caseId
        }
        for e in Self.expectations {
            #expect(ids[e.file] == e.caseId, "\(e.file)")
            let c = try setup.store.readCase(e.caseId)
            #expect(Set(c.issues) == e.issues, "\(e.file)")
            #expect(c.reply.status == e.reply, "\(e.file)")
            #expect(c.requester.kind == e.kind, "\(e.file)")
            for (file, reason) in e.rejected {
                let a = c.attachments.first { $0.filename == file }
                #expect(a?.status == .rejected && a?.reason == reason && a?.storedAs == nil, "\(e.file): \(file)")
            }
            for file in e.accepted {
                let a = c.attachments.first { $0.filename == file }
                #expect(a?.status == .accepted, "\(e.file): \(file)")
                if let stored = a?.storedAs {
                    #expect(FileManager.default.fileExists(atPath: setup.store.folder(of: e.caseId) + "/" + stored))
                }
            }
        }
        // The follow-up joined case 1: its image added, the raw message kept, a second reply.
        #expect(ids["12-follow-up-with-case-reference.eml"] == "SMO-2026-000001")
        let first = try setup.store.readCase("SMO-2026-000001")
        #expect(first.followUps?.map(\.storedAs) == ["messages/2.eml"])
        #expect(setup.store.fileNames(of: "SMO-2026-000001", in: "messages") == ["2.eml", "2-reply.eml"])
        #expect(first.attachments.contains { $0.filename == "knee-axial.jpg" && $0.status == .accepted })
        // The bounce of case 4's reply is noted on case 4.
        #expect(try setup.store.readCase("SMO-2026-000004").reply.deliveryFailures?.isEmpty == false)
        // The inline logo of the HTML mail is no attachment of the request.
        #expect(try setup.store.readCase("SMO-2026-000007").attachments.count == 1)
        // One reply per reply-worthy message, named after the case.
        let expectedReplies = Self.expectations.filter { $0.reply == .sent }.map { "\($0.caseId)-1.eml" } + ["SMO-2026-000001-2.eml"]
        #expect(try setup.outboxFiles() == expectedReplies.sorted())
        // Nothing from mail escaped into the pages as markup.
        let hostile = String(decoding: try AtomicFiles.readAll(setup.store.folder(of: "SMO-2026-000013") + "/summary.html"), as: UTF8.self)
        let index = String(decoding: try AtomicFiles.readAll(setup.store.root + "/index.html"), as: UTF8.self)
        #expect(!hostile.contains("<script") && !hostile.contains("<img") && !index.contains("<script"))
        // The hostile names were stored safely inside the case.
        let stored = setup.store.fileNames(of: "SMO-2026-000013")
        #expect(stored.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") && !$0.contains("\u{202E}") })
        #expect(stored.contains("_CON.pdf"))
    }

    @Test func processingAMessageTwiceChangesNothing() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        let raw = try Self.sample("01-complete-patient-request.eml")
        let first = try await setup.runner.process(raw, receivedAt: Self.now, now: Self.now)
        let caseJSON = try AtomicFiles.readAll(setup.store.folder(of: "SMO-2026-000001") + "/case.json")
        let later = Self.now.addingTimeInterval(3600)
        let second = try await setup.runner.process(raw, receivedAt: later, now: later)
        #expect(first.kind == .created && second.kind == .alreadyProcessed)
        #expect(first.caseId == "SMO-2026-000001" && second.caseId == first.caseId)
        #expect(setup.store.caseIds() == ["SMO-2026-000001"])
        #expect(try setup.outboxFiles() == ["SMO-2026-000001-1.eml"])
        #expect(try AtomicFiles.readAll(setup.store.folder(of: "SMO-2026-000001") + "/case.json") == caseJSON)
    }

    @Test func theSameMessageProcessedConcurrentlyMakesOneCase() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        let raw = try Self.sample("04-five-images.eml")
        let runner = setup.runner
        let ids = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<4 { group.addTask { try await runner.process(raw, receivedAt: Self.now, now: Self.now).caseId } }
            var all: [String?] = []
            for try await id in group { all.append(id) }
            return all
        }
        #expect(Set(ids) == ["SMO-2026-000001"])
        #expect(setup.store.caseIds() == ["SMO-2026-000001"])
        #expect(try setup.outboxFiles() == ["SMO-2026-000001-1.eml"])
    }

    @Test func aFileOf9MBIsRejectedAsTooLarge() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        var big = Array("%PDF-1.4\n".utf8)
        big += [UInt8](repeating: 0x20, count: 9 * 1024 * 1024)
        big += Array("\n%%EOF\n".utf8)
        let encoded = Data(big).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let raw = Array(("""
            From: Alan Price <alan.price@example.net>\r
            To: secondopinion@example.org\r
            Subject: Hip replacement\r
            Message-ID: <large@example.net>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain\r
            \r
            My whole hospital record is attached; please review my hip replacement options. I accept the terms and conditions.\r
            --b\r
            Content-Type: application/pdf; name="record.pdf"\r
            Content-Disposition: attachment; filename="record.pdf"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(encoded)\r
            --b--\r

            """).utf8)
        let outcome = try await setup.runner.process(raw, receivedAt: Self.now, now: Self.now)
        let c = try setup.store.readCase(try #require(outcome.caseId))
        #expect(c.attachments.first?.reason == .tooLarge)
        #expect(c.attachments.first?.size == big.count)
        #expect(c.issues.contains(.attachmentRejected) && c.issues.contains(.missingReport))
        #expect(setup.store.fileNames(of: c.caseId).isEmpty)
    }

    struct BrokenSender: MailSender {
        struct Down: Error, CustomStringConvertible { var description: String { "smtp.example.org refused the connection" } }
        func send(_ mail: OutgoingMail) async throws -> SendOutcome { throw Down() }
    }

    @Test func aReplyThatCannotBeSentIsRecordedAsQueued() async throws {
        let setup = try Setup(sender: BrokenSender())
        defer { setup.scratch.cleanup() }
        let outcome = try await setup.runner.process(try Self.sample("01-complete-patient-request.eml"), receivedAt: Self.now, now: Self.now)
        let c = try setup.store.readCase(try #require(outcome.caseId))
        #expect(c.reply.status == .queued)
        #expect(c.reply.reason?.contains("refused the connection") == true)
        // The composed reply is kept with the case for a person to send.
        #expect(FileManager.default.fileExists(atPath: setup.store.folder(of: c.caseId) + "/reply.eml"))
    }

    @Test func aCaseFolderThatCannotBeWrittenIsTheEnvironmentsTroubleNotTheMessages() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        // Sabotage the staging folder: a file where the store builds cases.
        let incoming = setup.store.root + "/.incoming"
        try FileManager.default.removeItem(atPath: incoming)
        try Array("x".utf8).write(to: incoming)
        let raw = try Self.sample("15-missing-description.eml")
        // Thrown (the caller leaves the message in the inbox), never filed as a failed message.
        await #expect(throws: FileStoreError.self) { try await setup.runner.process(raw, receivedAt: Self.now, now: Self.now) }
        #expect(!FileManager.default.fileExists(atPath: setup.store.failedFolder))
        // Once the folder is repaired, the same message becomes its case under the id it was given.
        try FileManager.default.removeItem(atPath: incoming)
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: false)
        let retry = try await setup.runner.process(raw, receivedAt: Self.now, now: Self.now)
        #expect(retry.kind == .created && retry.caseId == "SMO-2026-000001")
        #expect(setup.store.caseIds() == ["SMO-2026-000001"])
    }

    @Test func anAutoReplyNamingACaseStillGetsItsOwnCase() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        _ = try await setup.runner.process(try Self.sample("01-complete-patient-request.eml"), receivedAt: Self.now, now: Self.now)
        let before = try setup.store.readCase("SMO-2026-000001")
        let ooo = Array("""
            From: Sarah Mitchell <sarah.mitchell@example.net>\r
            To: secondopinion@example.org\r
            Subject: Automatic reply: Re: Second opinion request [SMO-2026-000001]\r
            In-Reply-To: <SMO-2026-000001.ack-1@example.org>\r
            Auto-Submitted: auto-replied\r
            Message-ID: <ooo-1@example.net>\r
            \r
            I am away until Monday.\r

            """.utf8)
        let outcome = try await setup.runner.process(ooo, receivedAt: Self.now, now: Self.now)
        #expect(outcome.kind == .created && outcome.caseId == "SMO-2026-000002")
        let c = try setup.store.readCase("SMO-2026-000002")
        #expect(c.issues == [.automaticMessage] && c.reply.status == .suppressed)
        #expect(try setup.store.readCase("SMO-2026-000001") == before)
    }

    @Test func aLostRegistryIsRebuiltFromTheCaseFolders() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        let names = ["01-complete-patient-request.eml", "12-follow-up-with-case-reference.eml", "15-missing-description.eml"]
        for name in names { _ = try await setup.runner.process(try Self.sample(name), receivedAt: Self.now, now: Self.now) }
        let replies = try setup.outboxFiles()
        try setup.store.forgetRegistry()
        for name in names {
            let again = try await setup.runner.process(try Self.sample(name), receivedAt: Self.now, now: Self.now)
            #expect(again.kind == .alreadyProcessed, "\(name)")
        }
        #expect(setup.store.caseIds() == ["SMO-2026-000001", "SMO-2026-000002"])
        #expect(try setup.outboxFiles() == replies)
        // New mail carries on after the highest case present.
        let next = try await setup.runner.process(try Self.sample("13-zip-of-images.eml"), receivedAt: Self.now, now: Self.now)
        #expect(next.caseId == "SMO-2026-000003")
    }

    @Test func aFollowUpJoinedBeforeACrashIsNotJoinedTwice() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        _ = try await setup.runner.process(try Self.sample("01-complete-patient-request.eml"), receivedAt: Self.now, now: Self.now)
        let followUp = try Self.sample("12-follow-up-with-case-reference.eml")
        _ = try await setup.runner.process(followUp, receivedAt: Self.now, now: Self.now)
        let joined = try setup.store.readCase("SMO-2026-000001")
        // Forget the follow-up's keys, as if the process died after rewriting the case.
        try await setup.store.rows.database.write { db in
            for key in ["mid:<sample-12.follow-up@mail.example.net>", "sha256:" + Digest.sha256Hex(followUp)] {
                try db.execute(sql: "DELETE FROM registry_messages WHERE key = ?", arguments: [key])
            }
        }
        let again = try await setup.runner.process(followUp, receivedAt: Self.now, now: Self.now)
        #expect(again.kind == .alreadyProcessed && again.caseId == "SMO-2026-000001")
        #expect(try setup.store.readCase("SMO-2026-000001") == joined)
    }

    /// A sender that really suspends, as SMTP does: with more concurrent messages than threads,
    /// waiting for the lock must not starve the task that holds it.
    struct SlowSender: MailSender {
        let inner: FileOutbox
        func send(_ mail: OutgoingMail) async throws -> SendOutcome {
            try await Task.sleep(nanoseconds: 20_000_000)
            return try await inner.send(mail)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func manyMessagesAtOnceWithASuspendingSenderAllBecomeCases() async throws {
        let base = try Setup()
        defer { base.scratch.cleanup() }
        let setup = try Setup(sender: SlowSender(inner: base.outbox))
        defer { setup.scratch.cleanup() }
        let runner = setup.runner
        let names = Array(try Self.sampleNames().prefix(9))
        let samples = try names.map(Self.sample)
        let ids = try await withThrowingTaskGroup(of: String?.self) { group in
            for raw in samples { group.addTask { try await runner.process(raw, receivedAt: Self.now, now: Self.now).caseId } }
            var all: [String] = []
            for try await id in group { all.append(id ?? "none") }
            return all
        }
        #expect(Set(ids).count == names.count)
        #expect(setup.store.caseIds().count == names.count)
    }
}

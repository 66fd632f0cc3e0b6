import Foundation
import Logging
import MIMEParser
import Testing

@testable import MailIntake

/// No patient data (names, addresses, subjects, file names) above debug in the logs, in
/// `status.json`, on the status page or in `/healthz`: the samples (which are full of it) go
/// through the daemon's poll cycle with a mail server that refuses every recipient, quoting
/// the address, the harshest case for error texts.
@Suite struct PatientDataTests {
    /// Answers like a server that refuses the recipient and quotes it.
    struct RefusingSender: MailSender {
        func send(_ mail: OutgoingMail) async throws -> SendOutcome {
            let address = mail.recipients.first ?? "nobody@example.org"
            throw TransportError(
                .rejectedRecipient(address), host: "smtp.test", operation: "SMTP send of \(mail.name)", curlCode: 55,
                curlText: "RCPT failed: 550; server said: 550 5.1.1 <\(address)>: Recipient address rejected")
        }
    }

    /// Every sender name and address, subject and attachment name in the samples.
    static func secrets(in folder: String) throws -> Set<String> {
        var secrets: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let message = MIMEMessage(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
            for address in message.from + message.to {
                secrets.insert(address.address)
                if let display = address.name { secrets.formUnion(display.split(separator: " ").map(String.init)) }
            }
            if let subject = message.subject { secrets.insert(subject) }
            for part in message.leaves {
                if let file = part.filename { secrets.insert(file) }
            }
        }
        // Our own address and short words ("Re:", "Dr") are not the point.
        return secrets.filter { $0.count >= 5 && !$0.contains("secondopinion") }
    }

    @Test func noPatientDataAboveDebugInLogsStatusOrPages() async throws {
        let rig = try PollServiceTests.Rig()
        defer { rig.scratch.cleanup() }
        let secrets = try Self.secrets(in: rig.mail + "/new")
        #expect(secrets.count > 20)
        let configuration = try rig.configuration()
        let logs = CapturedLogs()
        let logger = Logger(label: "patient-data", factory: logs.handler)
        let folders = configuration.mailbox.processingFolders
        let settings = PollService.Settings(
            mailboxDescription: configuration.mailboxDescription, processedFolder: folders.processed,
            failedFolder: folders.failed, maxMessageBytes: configuration.maxMessageBytes,
            journalPath: configuration.journal.path, statusPath: configuration.statusFilePath)
        let runner = IntakeRunner(
            planner: IntakePlanner(configuration: IntakeConfiguration(configuration)),
            store: try CaseFolderStore(root: configuration.cases.path), sender: RefusingSender(), logger: logger)
        let state = MonitoringState(mailbox: configuration.mailboxDescription)
        let service = try PollService(
            mailbox: configuration.mailbox.makeMailbox(), runner: runner, settings: settings, logger: logger,
            observer: PollObserver(state: state, metrics: IntakeMetrics(factory: TestMetrics.factory())))
        let report = try await service.runCycle()
        #expect(report.processed == 15)

        let records = logs.records.withLock { $0 }
        #expect(records.contains { $0.level >= .warning && $0.text.contains("reply not sent") })
        let status = String(decoding: try Data(contentsOf: URL(fileURLWithPath: configuration.statusFilePath)), as: UTF8.self)
        let pages = MonitoringPages(facts: state.snapshot, limits: configuration.healthLimits, now: Date())
        let published: [(String, String)] =
            records.filter { $0.level > .debug }.map { ("log \($0.level)", $0.text) }
            + [("status.json", status), ("status page", pages.page.body), ("healthz", pages.healthz.body)]
        for (place, text) in published {
            for secret in secrets {
                #expect(!text.contains(secret), "\(place) shows \"\(secret)\": \(text)")
            }
        }
    }
}

import Foundation
import Logging
import Synchronization
import Testing
@testable import MailIntake

/// Collects log records in memory so tests can read what was logged.
final class CapturedLogs: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var text: String
    }
    let records = Mutex<[Record]>([])

    func handler(label: String) -> some LogHandler { Handler(sink: self) }

    struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
            let text = "\(event.message) " + all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
            sink.records.withLock { $0.append(Record(level: event.level, text: text)) }
        }
    }
}

@Suite struct IntakeLoggingTests {
    @Test func infoLogsCarryIdsAndCountsButNoPatientData() async throws {
        let scratch = ScratchFolder("logging")
        defer { scratch.cleanup() }
        let logs = CapturedLogs()
        let store = try CaseFolderStore(root: scratch.path + "/cases")
        let runner = IntakeRunner(
            planner: IntakePlanner(configuration: .default), store: store,
            sender: try FileOutbox(folder: scratch.path + "/outbox"), logger: Logger(label: "test", factory: logs.handler))
        for name in ["01-complete-patient-request.eml", "12-follow-up-with-case-reference.eml", "01-complete-patient-request.eml"] {
            _ = try await runner.process(try IntakeRunnerTests.sample(name), receivedAt: IntakeRunnerTests.now, now: IntakeRunnerTests.now)
        }
        let records = logs.records.withLock { $0 }
        #expect(records.contains { $0.level == .info && $0.text.contains("case created") && $0.text.contains("case.id=SMO-2026-000001") })
        #expect(records.contains { $0.text.contains("follow-up joined case") })
        #expect(records.contains { $0.text.contains("already processed") })
        for record in records where record.level >= .info {
            for secret in ["Sarah", "Mitchell", "sarah.mitchell", "example.net", "knee", "MRI", "7700", "+44"] {
                #expect(!record.text.contains(secret), "\(record.text)")
            }
        }
    }
}

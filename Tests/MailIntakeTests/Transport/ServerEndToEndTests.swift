import Foundation
import Logging
import Testing

@testable import MailIntake

/// The whole daemon against real servers: Dovecot (IMAPS, private CA) as the mailbox and
/// aiosmtpd (STARTTLS with AUTH) as the outgoing server, driven through a configuration file.
@Suite(
    "run against Dovecot and aiosmtpd",
    .enabled(if: DovecotServer.isInstalled && SMTPSink.isAvailable, "dovecot or python3-aiosmtpd is not installed"))
struct ServerEndToEndTests {
    struct Rig {
        let dovecot: DovecotServer
        let sink: SMTPSink
        let scratch = ScratchFolder("e2e")
        var configPath: String { scratch.path + "/mail-bot.toml" }

        init() throws {
            dovecot = try DovecotServer()
            sink = try SMTPSink(mode: .starttls, user: "bot", password: "smtp-secret")
            try "\(dovecot.password)\n".write(toFile: scratch.path + "/imap-password", atomically: true, encoding: .utf8)
            try writeConfiguration(imapURL: dovecot.imapsSettings().url)
        }

        func writeConfiguration(imapURL: String, interval: Int = 1) throws {
            try """
                [imap]
                url = "\(imapURL)"
                username = "\(dovecot.user)"
                password_file = "imap-password"
                ca_file = "\(dovecot.caFile)"
                connect_timeout_seconds = 5
                timeout_seconds = 5

                [smtp]
                url = "\(sink.url)"
                username = "bot"
                password_env = "MAILBOT_TEST_SMTP_PASSWORD"
                ca_file = "\(sink.caFile)"
                from = "Second Medical Opinion <secondopinion@example.org>"

                [cases]
                path = "cases"

                [journal]
                path = "state/journal.jsonl"

                [poll]
                interval_seconds = \(interval)
                idle = true
                """.write(toFile: configPath, atomically: true, encoding: .utf8)
        }

        func stop() {
            dovecot.stop()
            sink.stop()
            scratch.cleanup()
        }
    }

    static let sample = IntakeRunnerTests.samplesFolder.appendingPathComponent("01-complete-patient-request.eml")

    @Test("a request is processed once, moved to Processed, answered through SMTP; a second poll does nothing")
    func processesOnceAndReplies() async throws {
        let rig = try Rig()
        defer { rig.stop() }
        setenv("MAILBOT_TEST_SMTP_PASSWORD", "smtp-secret", 1)
        try rig.dovecot.deliver(Array(try Data(contentsOf: Self.sample)))

        let configuration = try Configuration.load(path: rig.configPath)
        let service = try PollService.make(configuration: configuration, logger: Logger(label: "e2e") { _ in SwiftLogNoOpLogHandler() })
        let first = try await service.runCycle()
        #expect(first.listed == 1)
        #expect(first.processed == 1)
        #expect(try rig.dovecot.flags(in: "INBOX").isEmpty)
        #expect(try rig.dovecot.flags(in: "Processed").count == 1)

        let cases = try FileManager.default.contentsOfDirectory(atPath: rig.scratch.path + "/cases").filter { $0.hasPrefix("SMO-") }
        #expect(cases == ["SMO-2026-000001"])
        let caseJSON = try Data(contentsOf: URL(fileURLWithPath: rig.scratch.path + "/cases/SMO-2026-000001/case.json"))
        let object = try JSONSerialization.jsonObject(with: caseJSON) as? [String: Any]
        #expect((object?["reply"] as? [String: Any])?["status"] as? String == "sent")

        let received = try rig.sink.received()
        try #require(received.count == 1)
        #expect(received[0].mailFrom == "secondopinion@example.org")
        #expect(received[0].recipients.count == 1)
        let reply = String(decoding: received[0].bytes, as: UTF8.self)
        #expect(reply.contains("SMO-2026-000001"))
        // The acknowledgement as the server got it: text and HTML alternatives, language named.
        #expect(reply.contains("Content-Type: multipart/alternative;"))
        #expect(reply.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(reply.contains("Content-Type: text/html; charset=utf-8"))
        #expect(reply.contains("Content-Language: en"))
        #expect(!received[0].bytes.indices.contains { i in received[0].bytes[i] == 0x0A && (i == 0 || received[0].bytes[i - 1] != 0x0D) })

        let second = try await service.runCycle()
        #expect(second.listed == 0 && second.processed == 0)
        #expect(try rig.sink.received().count == 1)
        #expect(try rig.dovecot.flags(in: "Processed").count == 1)
    }

    @Test("the built binary: run --once exits 0 against the servers, 1 with one line when IMAP is down")
    func binaryExitCodes() throws {
        let rig = try Rig()
        defer { rig.stop() }
        try rig.dovecot.deliver(Array(try Data(contentsOf: Self.sample)))
        setenv("MAILBOT_TEST_SMTP_PASSWORD", "smtp-secret", 1)
        let ok = try RunCommandTests.run(["run", "--config", rig.configPath, "--once"], in: rig.scratch.path)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("1 processed"), "\(ok.stdout)")
        #expect(try rig.sink.received().count == 1)

        let port = try FreePort.next()
        try rig.writeConfiguration(imapURL: "imaps://127.0.0.1:\(port)/INBOX")
        let down = try RunCommandTests.run(["run", "--config", rig.configPath, "--once"], in: rig.scratch.path)
        #expect(down.status == 1)
        #expect(down.stderr.contains("could not connect"), "\(down.stderr)")
        #expect(down.stderr.split(separator: "\n").count == 1)
        let status = try RunCommandTests.run(["status", "--config", rig.configPath, "--json"], in: rig.scratch.path)
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(object?["healthy"] as? Bool == false)
        #expect(object?["processed"] as? Int == 1)
        #expect(object?["lastSuccessfulPollAt"] is String)
    }

    @Test("the daemon picks up new mail at once with IDLE, long before the poll interval")
    func idleWakesTheDaemon() async throws {
        let rig = try Rig()
        defer { rig.stop() }
        try rig.writeConfiguration(imapURL: rig.dovecot.imapsSettings().url, interval: 120)
        setenv("MAILBOT_TEST_SMTP_PASSWORD", "smtp-secret", 1)
        let process = Process()
        process.executableURL = ProcessCommandTests.binary
        process.arguments = ["run", "--config", rig.configPath]
        process.currentDirectoryURL = URL(fileURLWithPath: rig.scratch.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let statusPath = rig.scratch.path + "/state/status.json"
        var deadline = Date().addingTimeInterval(30)
        // Waits sleep the task, not the thread: the cooperative pool is two threads here.
        while !FileManager.default.fileExists(atPath: statusPath), Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        try await Task.sleep(for: .milliseconds(500))  // let it enter IDLE
        let delivered = Date()
        try rig.dovecot.deliver(Array(try Data(contentsOf: Self.sample)))
        deadline = Date().addingTimeInterval(30)
        while (try? PollStatus.read(from: statusPath))??.processed != 1, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect((try PollStatus.read(from: statusPath))?.processed == 1)
        // Well under the 120 s interval: IDLE woke the poller.
        #expect(Date().timeIntervalSince(delivered) < 30)
        #expect(try rig.sink.received().count == 1)

        // SIGTERM while in IDLE (a 120 s wait) stops it at once.
        let stopping = Date()
        kill(process.processIdentifier, SIGTERM)
        while process.isRunning, Date().timeIntervalSince(stopping) < 20 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(Date().timeIntervalSince(stopping) < 10)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}

import Foundation
import Logging
import Testing

@testable import MailIntake

/// What keeps `mail-bot run` alive and honest that no other suite proves: SIGPIPE ignored (a
/// client or server hanging up mid-write costs an EPIPE, not the process), and a reply the
/// mail server will not take making `/healthz` say `outbox stuck` once it has waited longer
/// than `outbox_max_age_seconds`.
@Suite struct DaemonResilienceTests {
    @Test func theDaemonIgnoresSIGPIPEAndOutlivesClientsThatHangUpMidAnswer() async throws {
        let scratch = ScratchFolder("sigpipe")
        defer { scratch.cleanup() }
        for sub in ["mail/new", "mail/cur", "mail/tmp"] {
            try FileManager.default.createDirectory(atPath: scratch.path + "/" + sub, withIntermediateDirectories: true)
        }
        let port = try Int(FreePort.next())
        try """
            [maildir]
            path = "mail"
            [outbox]
            path = "outbox"
            [cases]
            path = "cases"
            [journal]
            path = "state/journal.sqlite"
            [poll]
            interval_seconds = 1
            [monitoring]
            listen = "127.0.0.1:\(port)"
            min_free_bytes = 0
            """.write(toFile: scratch.path + "/mail-bot.toml", atomically: true, encoding: .utf8)
        // posix_spawn with every signal at its default: an ignored SIGPIPE can only be the daemon's own doing.
        let daemon = try ChildProcess(
            executable: ProcessCommandTests.binary.path, arguments: ["run", "--config", scratch.path + "/mail-bot.toml"],
            logFile: scratch.path + "/mail-bot.log")
        defer { daemon.terminate() }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try? HTTPProbe.get("/healthz", port: port))?.status != 200 {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect((try? HTTPProbe.get("/healthz", port: port))?.status == 200)

        let ignored = try Self.ignoredSignals(of: daemon.pid)
        #expect(ignored & (1 << UInt64(SIGPIPE - 1)) != 0, "SIGPIPE is not ignored (SigIgn \(String(ignored, radix: 16)))")

        // Clients that ask for the largest answer and hang up before reading it: closed (FIN)
        // and reset (RST), so the server's writes meet a dead socket.
        let request = Array("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\nGET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
        for round in 0..<40 {
            let fd = try HTTPProbe.connect(port: port)
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if round % 2 == 0 { close(fd) } else { HTTPProbe.reset(fd) }
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(daemon.isRunning, "the daemon died: \((try? String(contentsOfFile: scratch.path + "/mail-bot.log", encoding: .utf8)) ?? "")")
        #expect((try? HTTPProbe.get("/healthz", port: port))?.status == 200)
    }

    /// Answers like a mail server that cannot be reached.
    struct UnreachableSender: MailSender {
        func send(_ mail: OutgoingMail) async throws -> SendOutcome {
            throw TransportError(.connectionRefused, host: "smtp.test", operation: "SMTP send of \(mail.name)", curlCode: 7)
        }
    }

    @Test func aReplyTheServerWillNotTakeMakesHealthzSayOutboxStuckPastTheConfiguredAge() async throws {
        let scratch = ScratchFolder("outbox-stuck")
        defer { scratch.cleanup() }
        let mailbox = try PollFailureKindsTests.mailbox(1)
        let logger = Logger(label: "outbox-stuck") { _ in SwiftLogNoOpLogHandler() }
        let started = Date()
        let runner = IntakeRunner(
            planner: IntakePlanner(configuration: .default), store: try CaseFolderStore(root: scratch.path + "/cases"),
            sender: UnreachableSender(), logger: logger)
        let state = MonitoringState(mailbox: "test")
        let service = try PollService(
            mailbox: mailbox, runner: runner,
            settings: .init(
                mailboxDescription: "test", processedFolder: "Processed", failedFolder: "Failed", maxMessageBytes: 1 << 20,
                journalPath: scratch.path + "/state/journal.sqlite", statusPath: scratch.path + "/state/status.json"),
            logger: logger, observer: PollObserver(state: state, metrics: IntakeMetrics(factory: TestMetrics.factory())))
        let report = try await service.runCycle()
        #expect(report.processed == 1)
        let limits = HealthLimits(staleAfter: 1e9, outboxMaxAge: 3600, minFreeBytes: 0)
        let soon = HealthReport.evaluate(state.snapshot, limits: limits, now: started.addingTimeInterval(60))
        #expect(soon.isHealthy, "a reply waiting a minute is no alarm: \(soon.reasons)")
        let late = HealthReport.evaluate(state.snapshot, limits: limits, now: started.addingTimeInterval(3700))
        #expect(late.reasons.map(\.kind) == ["outbox"] && late.reasons.first?.code == "stuck", "\(late.reasons)")
        #expect(late.reasons.first?.message.contains("1 unsent reply") == true, "\(late.reasons)")
    }

    /// The `SigIgn` mask of a process (bit n-1 set: signal n ignored).
    static func ignoredSignals(of pid: pid_t) throws -> UInt64 {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("SigIgn:") })
        return try #require(UInt64(line.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16))
    }
}

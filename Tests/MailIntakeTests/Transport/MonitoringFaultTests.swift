import Foundation
import Logging
import Testing

@testable import MailIntake

/// Health against a real Dovecot: the server going away while the daemon waits in IDLE turns
/// `/healthz` to 503 within two poll intervals (the IDLE notices the BYE or the closed
/// connection and the poll that follows at once cannot connect), and back to 200 when it returns.
@Suite(
    "monitoring against Dovecot",
    .enabled(
        if: DovecotServer.isInstalled,
        "dovecot is not installed (under CI this is a failure, not a skip)"))
struct MonitoringFaultTests {
    @Test func dovecotStoppedDuringIdleMakesHealthzUnhealthyWithinTwoIntervals() async throws {
        let dovecot = try DovecotServer()
        let scratch = ScratchFolder("idle-bye")
        defer {
            dovecot.stop()
            scratch.cleanup()
        }
        try "\(dovecot.password)\n".write(toFile: scratch.path + "/imap-password", atomically: true, encoding: .utf8)
        let interval = 2
        try """
            [imap]
            url = "\(dovecot.imapSettings().url)"
            username = "\(dovecot.user)"
            password_file = "imap-password"
            allow_plaintext = true
            connect_timeout_seconds = 5
            timeout_seconds = 5
            [outbox]
            path = "outbox"
            [cases]
            path = "cases"
            [journal]
            path = "state/journal.jsonl"
            [poll]
            interval_seconds = \(interval)
            idle = true
            """.write(toFile: scratch.path + "/mail-bot.toml", atomically: true, encoding: .utf8)
        let configuration = try Configuration.load(path: scratch.path + "/mail-bot.toml")
        let state = MonitoringState(mailbox: configuration.mailboxDescription)
        let observer = PollObserver(state: state, metrics: IntakeMetrics(factory: TestMetrics.factory()))
        let service = try PollService.make(
            configuration: configuration, logger: Logger(label: "idle") { _ in SwiftLogNoOpLogHandler() }, observer: observer)
        let limits = configuration.healthLimits
        func healthy() -> Bool { HealthReport.evaluate(state.snapshot, limits: limits, now: Date()).isHealthy }

        let loop = Task { await service.run(interval: .seconds(interval), idle: true) }
        defer { loop.cancel() }
        // The first poll only has to happen; under a loaded test run it can take a while.
        try await waitUntil(seconds: 90) { healthy() }
        #expect(healthy())
        try await Task.sleep(for: .milliseconds(500))  // now in IDLE

        let stopped = ContinuousClock.now
        dovecot.stop()
        try await waitUntil(seconds: 30) { !healthy() }
        let took = stopped.duration(to: .now)
        let report = HealthReport.evaluate(state.snapshot, limits: limits, now: Date())
        #expect(!report.isHealthy)
        #expect(report.reasons.first?.kind == "mailbox", "\(report.reasons)")
        #expect(took < .seconds(2 * interval), "unhealthy after \(took)")
        print("monitoring: /healthz unhealthy \(took) after Dovecot stopped during IDLE (interval \(interval) s)")

        try dovecot.start()
        try await waitUntil(seconds: 30) { healthy() }
        #expect(healthy())
        loop.cancel()
        await loop.value
    }

    /// Polls `condition` every 50 ms (the task sleeps; no thread is held) until it holds or time runs out.
    func waitUntil(seconds: Double, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(), Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
    }
}

import Foundation
import Testing

/// SIGTERM in the middle of a poll cycle: `mail-bot run` finishes the message in hand and
/// exits 0; a later run picks up the rest, and the result is the same cases as an
/// uninterrupted run, with nothing in Failed.
@Suite struct DaemonShutdownTests {
    static func configure(_ rig: PollServiceTests.Rig) throws -> String {
        let path = rig.scratch.path + "/mail-bot.toml"
        try """
            [maildir]
            path = "mail"
            [outbox]
            path = "outbox"
            [cases]
            path = "cases"
            [journal]
            path = "state/journal.jsonl"
            [poll]
            interval_seconds = 1
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func cases(_ rig: PollServiceTests.Rig) -> [String] {
        rig.files("cases").filter { $0.hasPrefix("SMO-") }
    }

    @Test func sigtermMidCycleFinishesTheMessageInHandAndExitsZero() async throws {
        let reference = try PollServiceTests.Rig()
        defer { reference.scratch.cleanup() }
        let once = try RunCommandTests.run(["run", "--config", try Self.configure(reference), "--once"], in: reference.scratch.path)
        #expect(once.status == 0, "\(once.stderr)")

        let rig = try PollServiceTests.Rig()
        defer { rig.scratch.cleanup() }
        let config = try Self.configure(rig)
        let process = Process()
        process.executableURL = ProcessCommandTests.binary
        process.arguments = ["run", "--config", config]
        process.currentDirectoryURL = URL(fileURLWithPath: rig.scratch.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // SIGTERM as soon as the first case appears: the cycle is under way.
        let deadline = Date().addingTimeInterval(60)
        while Self.cases(rig).isEmpty, process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(2)) }
        kill(process.processIdentifier, SIGTERM)
        let stopDeadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < stopDeadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!process.isRunning, "mail-bot run did not stop within 30 s of SIGTERM")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let handledBeforeStop = rig.files("mail/.Processed/new").count + rig.files("mail/.Processed/cur").count
        print("monitoring: SIGTERM after the first case; \(handledBeforeStop) of 15 messages handled before exit")

        let rest = try RunCommandTests.run(["run", "--config", config, "--once"], in: rig.scratch.path)
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(rig.files("mail/new").isEmpty)
        #expect(rig.files("mail/.Failed/new").isEmpty && rig.files("mail/.Failed/cur").isEmpty)
        #expect(Self.cases(rig) == Self.cases(reference))
    }
}

import Foundation
import Testing

/// `mail-bot run` and `mail-bot status` as a new user and an administrator's script meet
/// them: the built binary, run in a scratch folder.
@Suite struct RunCommandTests {
    static func run(_ arguments: [String], in directory: String) throws -> ProcessCommandTests.Run {
        try ProcessCommandTests.run(arguments, in: directory)
    }

    /// Every file under `folder` with its bytes, to prove nothing changed.
    static func snapshot(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder)
        while let relative = walker?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder + "/" + relative) { result[relative] = data }
        }
        return result
    }

    @Test func runOnceWithNoConfigurationTurnsTheSamplesIntoCasesAndLeavesThemAlone() throws {
        let scratch = ScratchFolder("fresh-clone")
        defer { scratch.cleanup() }
        try FileManager.default.createDirectory(atPath: scratch.path + "/samples", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: IntakeRunnerTests.samplesFolder.appendingPathComponent("maildir").path, toPath: scratch.path + "/samples/maildir")
        let samples = Self.snapshot(scratch.path + "/samples")

        let first = try Self.run(["run", "--once"], in: scratch.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("15 processed, 0 failed"), "\(first.stdout)")
        let cases = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/cases").filter { $0.hasPrefix("SMO-") }
        #expect(cases.count == 14)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/cases/index.html"))
        let replies = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/outbox")
        #expect(replies.contains("SMO-2026-000001-1.eml"))
        #expect(Self.snapshot(scratch.path + "/samples") == samples)

        let second = try Self.run(["run", "--once"], in: scratch.path)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("0 processed, 0 failed, 15 already handled"), "\(second.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/outbox").sorted() == replies.sorted())

        let status = try Self.run(["status", "--json"], in: scratch.path)
        #expect(status.status == 0, "\(status.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(object?["healthy"] as? Bool == true)
        #expect(object?["processed"] as? Int == 15)
        #expect(object?["backlog"] as? Int == 0)
        #expect(object?["outboxQueue"] as? Int == 0)
        #expect(object?["lastSuccessfulPollAt"] is String)
        let text = try Self.run(["status"], in: scratch.path)
        #expect(text.stdout.contains("health: ok"))
    }

    @Test func runWithNoConfigurationOutsideTheRepositoryExitsTwoAndSaysWhy() throws {
        let scratch = ScratchFolder("empty")
        defer { scratch.cleanup() }
        let run = try Self.run(["run", "--once"], in: scratch.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("samples/maildir"), "\(run.stderr)")
        #expect(run.stderr.contains("--config"))
    }

    @Test(arguments: ["run", "status"])
    func aMisspeltKeyExitsTwoNamingIt(command: String) throws {
        let scratch = ScratchFolder("badconfig")
        defer { scratch.cleanup() }
        let config = scratch.path + "/mail-bot.toml"
        try """
            [maildir]
            path = "mail"
            [outbox]
            path = "outbox"
            [cases]
            pth = "cases"
            [journal]
            path = "state/journal.jsonl"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try Self.run([command, "--config", config], in: scratch.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown key 'cases.pth'"), "\(run.stderr)")
        #expect(run.stderr.contains("did you mean 'path'?"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func runOnceExitsOneWithAOneLineReasonWhenTheMailboxIsUnreachable() throws {
        let scratch = ScratchFolder("unreachable")
        defer { scratch.cleanup() }
        let config = scratch.path + "/mail-bot.toml"
        try """
            [maildir]
            path = "no-such-maildir"
            [outbox]
            path = "outbox"
            [cases]
            path = "cases"
            [journal]
            path = "state/journal.jsonl"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try Self.run(["run", "--config", config, "--once"], in: scratch.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("poll failed"), "\(run.stderr)")
        #expect(run.stderr.contains("no-such-maildir"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        let status = try Self.run(["status", "--config", config], in: scratch.path)
        #expect(status.status == 0)
        #expect(status.stdout.contains("the last poll failed"), "\(status.stdout)")
    }

    @Test func theDaemonServesMonitoringAndStopsCleanlyOnSIGTERM() async throws {
        let scratch = ScratchFolder("daemon")
        defer { scratch.cleanup() }
        try FileManager.default.createDirectory(atPath: scratch.path + "/samples", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: IntakeRunnerTests.samplesFolder.appendingPathComponent("maildir").path, toPath: scratch.path + "/samples/maildir")
        let port = Int(try FreePort.next())
        try """
            [maildir]
            path = "samples/maildir"
            read_only = true
            [outbox]
            path = "outbox"
            [cases]
            path = "cases"
            [journal]
            path = "state/journal.jsonl"
            [poll]
            interval_seconds = 1
            [monitoring]
            listen = "127.0.0.1:\(port)"
            """.write(toFile: scratch.path + "/mail-bot.toml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = ProcessCommandTests.binary
        process.arguments = ["run", "--config", scratch.path + "/mail-bot.toml"]
        process.currentDirectoryURL = URL(fileURLWithPath: scratch.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Wait for the first cycle (the status file), then for a healthy /healthz.
        let deadline = Date().addingTimeInterval(60)
        var health: (status: Int, body: String)?
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: scratch.path + "/state/status.json"),
                let answer = try? await HTTPProbe.fetch("/healthz", port: port), answer.status == 200
            {
                health = answer
                break
            }
            try await Task.sleep(for: .milliseconds(50))  // the task sleeps, not a cooperative thread
        }
        #expect(health?.body.contains(#""status":"ok""#) == true)
        #expect(try await HTTPProbe.fetch("/metrics", port: port).body.contains(#"mailbot_messages_total{result="processed"} 15"#))
        kill(process.processIdentifier, SIGTERM)
        let stopDeadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < stopDeadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}

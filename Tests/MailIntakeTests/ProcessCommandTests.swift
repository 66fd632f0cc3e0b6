import Foundation
import Testing

/// Runs the built `mail-bot` binary (next to the test bundle in `.build/debug`) the way an
/// administrator's script would, and checks exit codes and output.
@Suite struct ProcessCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        // The test bundle lives in the same build folder as the executable products.
        let bundle = Bundle.main.bundleURL
        let candidates = [bundle.deletingLastPathComponent(), bundle, bundle.deletingLastPathComponent().deletingLastPathComponent()]
        for dir in candidates {
            let url = dir.appendingPathComponent("mail-bot")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return bundle.deletingLastPathComponent().appendingPathComponent("mail-bot")
    }

    /// Runs `mail-bot` with `arguments` (in `directory` when given, else the test's own) to
    /// completion and collects its exit status and output.
    static func run(_ arguments: [String], in directory: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let sample = IntakeRunnerTests.samplesFolder.appendingPathComponent("01-complete-patient-request.eml").path

    @Test func theBinaryWasBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "looked for \(Self.binary.path)")
    }

    @Test func processPrintsTheCaseIdAndIsIdempotent() throws {
        let scratch = ScratchFolder("process")
        defer { scratch.cleanup() }
        let args = [
            "process", Self.sample, "--cases", scratch.path + "/cases", "--outbox", scratch.path + "/outbox",
            "--now", "2026-11-24T09:15:00Z",
        ]
        let first = try Self.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "SMO-2026-000001\n")
        let json = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/cases/SMO-2026-000001/case.json"))
        let second = try Self.run(args)
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/outbox") == ["SMO-2026-000001-1.eml"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/cases/SMO-2026-000001/case.json")) == json)
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect(object?["receivedAt"] as? String == "2026-11-24T09:15:00Z")
        #expect((object?["callback"] as? [String: Any])?["due"] as? String == "2026-11-25T09:15:00Z")
    }

    @Test(arguments: [
        (["process", "/nonexistent/x.eml", "--cases", "/tmp/c", "--outbox", "/tmp/o"], "/nonexistent/x.eml"),
        (["process", sample, "--cases", "/tmp/c", "--outbox", "/tmp/o", "--now", "yesterday"], "--now"),
        (["process", sample, "--outbox", "/tmp/o"], "--cases"),
        (["process", sample, "--cases", "/tmp/c"], "--outbox"),
        (["process", sample, "--cases", "/tmp/c", "--outbox", "/tmp/o", "--bogus"], "--bogus"),
        (["process", sample, "--cases", "/tmp/c", "--outbox", "/tmp/o", "--config", "/nonexistent/c.toml"], "/nonexistent/c.toml"),
    ])
    func badUsageExitsTwoNamingTheCulprit(arguments: [String], culprit: String) throws {
        let run = try Self.run(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(culprit), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func aConfigurationFileSuppliesTheFolders() throws {
        let scratch = ScratchFolder("process-config")
        defer { scratch.cleanup() }
        let config = scratch.path + "/mail-bot.toml"
        try Data("""
            [maildir]
            path = "maildir"

            [outbox]
            path = "out"
            from = "Clinic <clinic@clinic.example>"

            [cases]
            path = "shared"

            [journal]
            path = "state/journal.jsonl"

            """.utf8).write(to: URL(fileURLWithPath: config))
        let run = try Self.run(["process", Self.sample, "--config", config, "--now", "2026-11-24T09:15:00Z"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "SMO-2026-000001\n")
        let reply = try String(contentsOfFile: scratch.path + "/out/SMO-2026-000001-1.eml", encoding: .utf8)
        #expect(reply.contains("clinic@clinic.example"))
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/shared/SMO-2026-000001/summary.html"))
        // The board's rows went to the daemon's journal, not to a store of the share's own.
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/state/journal.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/shared/.mail-bot/board.sqlite"))
        #expect(try String(contentsOfFile: scratch.path + "/shared/index.html", encoding: .utf8).contains("SMO-2026-000001/summary.html"))
    }
}

import Foundation
import Testing

/// `mail-bot fetch` against a real Dovecot: every message copied byte for byte, no flag changed.
@Suite("mail-bot fetch", .enabled(if: DovecotServer.isInstalled, "dovecot is not installed (scripts/setup installs it)"))
struct FetchCommandTests {
    /// Writes `scratch/mail-bot.toml` for `server`'s IMAPS port, with `credential` (a
    /// `password_*` line) as the way to the password, and returns its path.
    static func writeConfiguration(for server: DovecotServer, credential: String, in scratch: URL) throws -> String {
        let config = scratch.appendingPathComponent("mail-bot.toml").path
        try """
            [imap]
            url = "imaps://127.0.0.1:\(server.imapsPort)/INBOX"
            username = "\(server.user)"
            \(credential)
            ca_file = "\(server.caFile)"
            [outbox]
            path = "out"
            [cases]
            path = "cases"
            [journal]
            path = "state/journal.jsonl"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    @Test("copies every message as <uid>.eml, exactly, and changes no flag on the server")
    func fetchesEverything() throws {
        let server = try DovecotServer()
        let messages = (1...3).map { DovecotServer.message(subject: "Export \($0)") }
        for message in messages { try server.deliver(message) }
        let scratch = server.directory.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let passwordFile = scratch.appendingPathComponent("password").path
        try "\(server.password)\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let config = try Self.writeConfiguration(for: server, credential: "password_file = \"\(passwordFile)\"", in: scratch)
        let target = scratch.appendingPathComponent("export").path
        // \Recent is the server's session marker (cleared by any SELECT), not a stored flag.
        func storedFlags() throws -> [UInt32: Set<String>] { try server.flags().mapValues { $0.subtracting(["\\Recent"]) } }
        let before = try storedFlags()
        let run = try ProcessCommandTests.run(["fetch", "--config", config, "--to", target])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "3\n")
        for (index, message) in messages.enumerated() {
            let copy = try Data(contentsOf: URL(fileURLWithPath: target).appendingPathComponent("\(index + 1).eml"))
            #expect([UInt8](copy) == message)
        }
        #expect(try storedFlags() == before)
        #expect(try server.seenUIDs().isEmpty)
        #expect(!run.stderr.contains(server.password))
    }

    @Test("copies a large mailbox through pipelined fetches: every byte, in order, the oversized ones skipped and named")
    func pipelinedExport() throws {
        let server = try DovecotServer()
        // 70 messages, more than the pipeline's window several times over; every 9th is over
        // max_message_bytes (so a refusal lands in the middle of a window).
        let messages = (1...70).map { index -> [UInt8] in
            let filler = String(repeating: "line \(index) of a request body\r\n", count: index % 9 == 0 ? 400 : 1 + index % 5)
            return DovecotServer.message(subject: "Bulk \(index)", body: filler)
        }
        try server.seed(messages)
        let scratch = server.directory.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let passwordFile = scratch.appendingPathComponent("password").path
        try "\(server.password)\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let config = try Self.writeConfiguration(for: server, credential: "password_file = \"\(passwordFile)\"\nmax_message_bytes = 8000", in: scratch)
        let target = scratch.appendingPathComponent("export").path
        let run = try ProcessCommandTests.run(["fetch", "--config", config, "--to", target])
        #expect(run.status == 0, "\(run.stderr)")
        let oversized = (1...70).filter { $0 % 9 == 0 }
        #expect(run.stdout == "\(70 - oversized.count)\n")
        #expect(run.stderr.contains("UIDs \(oversized.map(String.init).joined(separator: ", "))"))
        for (index, message) in messages.enumerated() {
            let file = URL(fileURLWithPath: target).appendingPathComponent("\(index + 1).eml")
            if oversized.contains(index + 1) {
                #expect(!FileManager.default.fileExists(atPath: file.path))
            } else {
                #expect([UInt8](try Data(contentsOf: file)) == message, "UID \(index + 1)")
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: target).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
        #expect(try server.seenUIDs().isEmpty)
    }

    @Test("an unset password variable exits 1 with a reason naming the host and the variable")
    func unsetPasswordVariable() throws {
        let server = try DovecotServer()
        let scratch = server.directory.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let config = try Self.writeConfiguration(
            for: server, credential: "password_env = \"MAILBOT_TEST_SURELY_UNSET_PASSWORD\"", in: scratch)
        let run = try ProcessCommandTests.run(["fetch", "--config", config, "--to", scratch.appendingPathComponent("x").path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("127.0.0.1:\(server.imapsPort)"))
        #expect(run.stderr.contains("MAILBOT_TEST_SURELY_UNSET_PASSWORD"))
    }
}

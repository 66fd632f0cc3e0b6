import Foundation

@testable import MailIntake

/// Dovecot, aiosmtpd and the built `mail-bot` binary in one scratch folder, for the crash and
/// fault tests: mail is seeded with known Message-IDs, and afterwards the case folders and the
/// SMTP sink are read back to count cases and replies per message.
final class CrashRig: @unchecked Sendable {
    let dovecot: DovecotServer
    var sink: SMTPSink?
    /// With `throughProxy`: the daemon reaches Dovecot through a proxy that can stall or hang.
    private(set) var proxy: IMAPFaultProxy?
    let scratch = ScratchFolder("crash")
    var configPath: String { scratch.path + "/mail-bot.toml" }
    /// The configured cases folder (the scratch folder's `cases` unless the init names another).
    let casesPath: String
    private(set) var messageIds: [String] = []
    let smtpPort: Int

    /// What the folders and the sink say, per message.
    struct Tally: CustomStringConvertible {
        var messages = 0
        var lost = 0
        var duplicateCases = 0
        var duplicateReplies = 0
        var failed = 0
        var description: String {
            "messages=\(messages) lost=\(lost) duplicate-cases=\(duplicateCases) duplicate-replies=\(duplicateReplies) failed=\(failed)"
        }
    }

    /// Starts Dovecot and (unless `smtpDown`) the sink; writes the configuration.
    /// `throughProxy` puts `IMAPFaultProxy` between the daemon and Dovecot.
    /// `imapTimeout` is IMAP's connect and stall timeout in seconds. `extraConfig` is appended
    /// to the configuration, after `[poll]` (more `[poll]` keys, or a `[monitoring]` section).
    init(
        smtpDown: Bool = false, interval: Int = 1, maxAttempts: Int = 50, casesPath: String? = nil, throughProxy: Bool = false,
        imapTimeout: Int = 5, extraConfig: String = ""
    ) throws {
        self.casesPath = casesPath ?? scratch.path + "/cases"
        dovecot = try DovecotServer()
        if throughProxy { proxy = try IMAPFaultProxy(upstreamPort: dovecot.imapPort) }
        smtpPort = try Int(FreePort.next())
        if !smtpDown { sink = try SMTPSink(port: smtpPort) }
        try "\(dovecot.password)\n".write(toFile: scratch.path + "/imap-password", atomically: true, encoding: .utf8)
        try """
            [imap]
            url = "\(proxy?.url ?? dovecot.imapSettings().url)"
            username = "\(dovecot.user)"
            password_file = "imap-password"
            allow_plaintext = true
            connect_timeout_seconds = \(imapTimeout)
            timeout_seconds = \(imapTimeout)
            [smtp]
            url = "smtp://127.0.0.1:\(smtpPort)"
            allow_plaintext = true
            connect_timeout_seconds = 2
            timeout_seconds = 5
            from = "Second Medical Opinion <secondopinion@example.org>"
            [cases]
            path = "\(self.casesPath)"
            [journal]
            path = "state/journal.sqlite"
            [poll]
            interval_seconds = \(interval)
            idle = true
            max_attempts = \(maxAttempts)
            \(extraConfig)
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func cleanup() {
        proxy?.stop()
        sink?.stop()
        dovecot.stop()
        scratch.cleanup()
    }

    /// Starts the sink (again) on the configured port.
    func startSink() throws { sink = try SMTPSink(port: smtpPort) }

    /// Seeds `count` new requests, each from its own address (so the daily cap never applies).
    func seed(_ count: Int) throws {
        var batch: [[UInt8]] = []
        for _ in 0..<count {
            let n = messageIds.count + 1
            let id = "<crash-\(n)-\(UUID().uuidString.prefix(8))@example.org>"
            messageIds.append(id)
            batch.append(
                Array(
                    """
                    From: Patient \(n) <patient\(n)@example.org>\r
                    To: secondopinion@example.org\r
                    Subject: Second opinion request \(n)\r
                    Message-ID: \(id)\r
                    Date: Tue, 24 Nov 2026 09:15:00 +0000\r
                    \r
                    I would like a second opinion on my knee pain after a fall. I confirm the terms and conditions.\r
                    Please contact me by email.\r

                    """.utf8))
        }
        try dovecot.seed(batch)
    }

    /// Where `spawn` appends the daemon's stderr, for a failing test to show.
    var logPath: String { scratch.path + "/mail-bot.log" }

    /// Starts `mail-bot run` in the background (`extraArguments` after the configuration,
    /// `environment` added to the test's own), its stderr appended to `logPath`.
    func spawn(extraArguments: [String] = [], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = ProcessCommandTests.binary
        process.arguments = ["run", "--config", configPath] + extraArguments
        process.currentDirectoryURL = URL(fileURLWithPath: scratch.path)
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if !FileManager.default.fileExists(atPath: logPath) { _ = FileManager.default.createFile(atPath: logPath, contents: nil) }
        let log = FileHandle(forWritingAtPath: logPath)
        log?.seekToEndOfFile()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = log ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Patient data (the seeded senders' names and addresses, subjects, text) found where the
    /// daemon must never put it: its log (default level) and `status.json`.
    func publishedPatientData() -> [String] {
        let secrets = ["Patient 1", "patient1@", "patient2@", "poison0@", "Second opinion request", "knee pain", "shoulder"]
        let places = [logPath, scratch.path + "/state/status.json"]
        return places.flatMap { place in
            let text = (try? String(contentsOfFile: place, encoding: .utf8)) ?? ""
            return secrets.filter { text.contains($0) }.map { "\((place as NSString).lastPathComponent): \($0)" }
        }
    }

    /// The last `lines` lines the daemon wrote to stderr.
    func logTail(_ lines: Int = 30) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// The Message-ID each case was made from.
    func caseMessageIds() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesPath)) ?? []
        return names.filter { $0.hasPrefix("SMO-") }.compactMap { id in
            guard let bytes = FileManager.default.contents(atPath: casesPath + "/" + id + "/case.json"),
                let c = try? IntakeCase.decode(json: Array(bytes))
            else { return nil }
            return c.messageId
        }
    }

    /// The In-Reply-To of every message the sink received.
    func repliedTo() -> [String] {
        ((try? sink?.received()) ?? []).map { Self.header("In-Reply-To", in: $0.bytes) ?? "" }
    }

    /// Messages in the Failed folder on the server.
    func failedCount() -> Int {
        let folder = dovecot.maildir.appendingPathComponent(".Failed")
        return ["new", "cur"].reduce(0) {
            $0 + ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent($1).path))?.count ?? 0)
        }
    }

    /// Messages still in the inbox on the server.
    func inboxCount() -> Int {
        ["new", "cur"].reduce(0) {
            $0 + ((try? FileManager.default.contentsOfDirectory(atPath: dovecot.maildir.appendingPathComponent($1).path))?.count ?? 0)
        }
    }

    /// True once every seeded message has a case and a reply.
    func allDone() -> Bool {
        Set(caseMessageIds()).isSuperset(of: messageIds) && Set(repliedTo()).isSuperset(of: messageIds)
    }

    func tally() -> Tally {
        var tally = Tally(messages: messageIds.count)
        let cases = Dictionary(grouping: caseMessageIds(), by: { $0 })
        let replies = Dictionary(grouping: repliedTo(), by: { $0 })
        for id in messageIds {
            let c = cases[id]?.count ?? 0
            let r = replies[id]?.count ?? 0
            if c == 0 || r == 0 { tally.lost += 1 }
            tally.duplicateCases += max(0, c - 1)
            tally.duplicateReplies += max(0, r - 1)
        }
        tally.failed = failedCount()
        return tally
    }

    /// One header's value in a raw message (first occurrence, unfolded).
    static func header(_ name: String, in bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? text
        for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass.
    func wait(seconds: Double, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }
}

import Foundation

/// A real SMTP server on 127.0.0.1 for the tests: `scripts/smtp_sink.py` on aiosmtpd, which
/// stores each accepted message's raw bytes and envelope in a folder we read back.
///
/// TLS modes use a self-signed certificate (SAN localhost, 127.0.0.1) made with openssl at
/// start; `caFile` is that certificate, to hand to the sender as its CA file.
final class SMTPSink: @unchecked Sendable {
    enum Mode: String {
        case plain, starttls, smtps
        /// Accepts connections and never answers: for timeout tests.
        case hang
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One stored message: its envelope and the exact bytes the server received.
    struct Received {
        var mailFrom: String
        var recipients: [String]
        var bytes: [UInt8]
    }

    let folder: URL
    let port: Int
    let mode: Mode
    private let process: Process

    /// The server's certificate, to trust as a CA (TLS modes).
    var caFile: String { folder.appendingPathComponent("cert.pem").path }
    /// `smtp://127.0.0.1:port` or `smtps://…`.
    var url: String { "\(mode == .smtps ? "smtps" : "smtp")://127.0.0.1:\(port)" }

    /// The Python that has aiosmtpd: Debian's (python3-aiosmtpd), not a pyenv shim.
    static let python: String? = {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"] {
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            if (try? run(candidate, ["-c", "import aiosmtpd"])) != nil { return candidate }
        }
        return nil
    }()

    /// Whether the SMTP suites run: always under CI (a missing aiosmtpd fails the run), elsewhere
    /// only when it is installed.
    static var isAvailable: Bool { TestEnvironment.isCI || python != nil }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/smtp_sink.py").path
    }

    /// Starts the server; `port` 0 lets the kernel choose (a fixed port serves "the server
    /// comes back" tests).
    init(mode: Mode = .plain, user: String? = nil, password: String? = nil, reject: [String] = [], port: Int = 0) throws {
        guard let python = Self.python else {
            throw Failure(description: "python3 with aiosmtpd is not installed (scripts/setup installs python3-aiosmtpd)")
        }
        self.mode = mode
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mail"), withIntermediateDirectories: true)
        var arguments = [Self.script, "--dir", folder.appendingPathComponent("mail").path,
                         "--ready-file", folder.appendingPathComponent("ready").path, "--mode", mode.rawValue]
        if mode == .starttls || mode == .smtps {
            try Self.makeCertificate(in: folder, name: "cert")
            arguments += ["--cert", folder.appendingPathComponent("cert.pem").path, "--key", folder.appendingPathComponent("cert.key").path]
        }
        if let user { arguments += ["--user", user, "--password", password ?? ""] }
        for address in reject { arguments += ["--reject", address] }
        if port != 0 { arguments += ["--port", String(port)] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let ready = folder.appendingPathComponent("ready")
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let text = try? String(contentsOf: ready, encoding: .utf8), let port = Int(text) {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        throw Failure(description: "smtp_sink.py did not start (mode \(mode.rawValue))")
    }

    deinit { stop() }

    func stop() {
        // SIGKILL: the test process blocks SIGTERM in its threads and children inherit the mask.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Every message stored so far, in arrival order.
    func received() throws -> [Received] {
        let mail = folder.appendingPathComponent("mail")
        var result: [Received] = []
        var n = 1
        while true {
            let envelopeURL = mail.appendingPathComponent("\(n).json")
            guard let envelopeData = try? Data(contentsOf: envelopeURL) else { break }
            let envelope = try JSONSerialization.jsonObject(with: envelopeData) as? [String: Any] ?? [:]
            let bytes = try Data(contentsOf: mail.appendingPathComponent("\(n).eml"))
            result.append(
                Received(
                    mailFrom: envelope["mail_from"] as? String ?? "", recipients: envelope["rcpt_tos"] as? [String] ?? [],
                    bytes: [UInt8](bytes)))
            n += 1
        }
        return result
    }

    /// A self-signed certificate for localhost and 127.0.0.1, valid as its own CA.
    static func makeCertificate(in directory: URL, name: String) throws {
        _ = try run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", directory.appendingPathComponent("\(name).key").path,
            "-out", directory.appendingPathComponent("\(name).pem").path,
        ])
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return data
    }
}

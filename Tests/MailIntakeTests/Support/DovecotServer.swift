import Foundation

/// A real Dovecot on 127.0.0.1 for integration tests: its own configuration, certificates,
/// users and mail in one temporary folder; plain IMAP (with STARTTLS) and IMAPS on free ports.
///
/// Each test starts its own server (about 0.1 s), so tests can run in parallel. `stop()` waits
/// for the master process to exit. Outside CI, tests skip when the `dovecot` binary is absent
/// (`DovecotServer.isInstalled`); under CI (scripts/setup installs it) they fail instead.
final class DovecotServer: @unchecked Sendable {
    /// How the server's certificate is named.
    enum Certificate {
        /// CN=localhost, SAN localhost and 127.0.0.1: verifies when its own file is the CA.
        case matching
        /// CN and SAN name another host: verification must fail.
        case mismatched
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let binary = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let doveadm = ["/usr/bin/doveadm", "/usr/local/bin/doveadm"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// Whether the Dovecot suites run: always under CI (`CI` set), where a missing server must
    /// fail the run (the server's init throws), never skip it; elsewhere only when installed.
    static var isInstalled: Bool { TestEnvironment.isCI || (binary != nil && doveadm != nil) }

    let directory: URL
    private(set) var imapPort: UInt16 = 0
    private(set) var imapsPort: UInt16 = 0
    let user = "alice"
    let password = "secret"
    /// The server's certificate: also the CA file a client must trust.
    var caFile: String { directory.appendingPathComponent("cert.pem").path }
    var configFile: String { directory.appendingPathComponent("dovecot.conf").path }
    var maildir: URL { directory.appendingPathComponent("home/\(user)/Maildir") }

    private var process: ChildProcess?
    var seeded = 0
    private let mailOwner: (uid: uid_t, gid: gid_t)

    /// Starts a server; `extraConfig` lines are appended (e.g. `imap_capability = …`).
    init(certificate: Certificate = .matching, extraConfig: String = "") throws {
        guard let binary = Self.binary else { throw Failure(description: "dovecot is not installed") }
        directory = URL(fileURLWithPath: "/tmp/dv-\(UUID().uuidString.prefix(8))")
        let runAsRoot = getuid() == 0
        if runAsRoot, let dovecot = getpwnam("dovecot") {
            mailOwner = (dovecot.pointee.pw_uid, dovecot.pointee.pw_gid)
        } else {
            mailOwner = (getuid(), getgid())
        }
        let fm = FileManager.default
        for sub in ["run", "state", "home/\(user)/Maildir/new", "home/\(user)/Maildir/cur", "home/\(user)/Maildir/tmp"] {
            try fm.createDirectory(at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        chmod(directory.path, 0o755)
        try Self.makeCertificate(in: directory, name: certificate == .matching ? "localhost" : "wrong.example")
        try "\(user):{PLAIN}\(password)\n".write(to: directory.appendingPathComponent("passwd"), atomically: true, encoding: .utf8)
        try chownTree(directory.appendingPathComponent("home"))
        _ = binary
        // A free port can be taken by a parallel test between our probe and Dovecot's bind:
        // then Dovecot exits, and we try again with new ports.
        var attempt = 0
        while true {
            attempt += 1
            imapPort = try FreePort.next()
            imapsPort = try FreePort.next()
            try configuration(runAsRoot: runAsRoot, extra: extraConfig).write(toFile: configFile, atomically: true, encoding: .utf8)
            do {
                try start()
                return
            } catch where attempt < 4 {
                continue
            }
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Life cycle

    /// Starts the master in the foreground and waits until IMAP answers.
    func start() throws {
        guard process == nil, let binary = Self.binary else { return }
        let master = try ChildProcess(
            executable: binary, arguments: ["-F", "-c", configFile], logFile: directory.appendingPathComponent("master.log").path)
        process = master
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.canConnect(port: imapPort) && Self.canConnect(port: imapsPort) {
                // Someone else's listener answers too; make sure ours bound and stays up.
                usleep(50_000)
                if master.isRunning { return }
                break
            }
            if !master.isRunning { break }
            usleep(20_000)
        }
        let log = (try? String(contentsOf: directory.appendingPathComponent("master.log"), encoding: .utf8)) ?? ""
        stop()
        throw Failure(description: "dovecot did not start on ports \(imapPort)/\(imapsPort): \(log)")
    }

    /// Stops the master and waits for it (and so its listeners) to be gone.
    func stop() {
        guard let master = process else { return }
        process = nil
        master.terminate()
        // The master exits after its children; wait until the port is really free.
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, Self.canConnect(port: imapPort) { usleep(20_000) }
    }

    /// Stops and starts again on the same ports and mail (a server restart).
    func restart() throws {
        stop()
        try start()
    }

    // MARK: Settings for the client under test

    /// IMAPS with the test CA trusted.
    func imapsSettings(mailbox: String = "INBOX", host: String = "127.0.0.1") -> IMAPSettingsSeed {
        IMAPSettingsSeed(url: "imaps://\(host):\(imapsPort)/\(mailbox)", caFile: caFile, allowPlaintext: false)
    }

    /// Plain IMAP port; STARTTLS required unless `plaintext`.
    func imapSettings(mailbox: String = "INBOX", plaintext: Bool = true) -> IMAPSettingsSeed {
        IMAPSettingsSeed(url: "imap://127.0.0.1:\(imapPort)/\(mailbox)", caFile: caFile, allowPlaintext: plaintext)
    }

    // MARK: Helpers

    func chownTree(_ url: URL) throws {
        chown(url.path, mailOwner.uid, mailOwner.gid)
        guard let walker = FileManager.default.enumerator(atPath: url.path) else { return }
        for case let relative as String in walker {
            chown(url.appendingPathComponent(relative).path, mailOwner.uid, mailOwner.gid)
        }
    }

    var mailOwnerIDs: (uid: uid_t, gid: gid_t) { mailOwner }

    func chownItem(_ path: String) {
        chown(path, mailOwner.uid, mailOwner.gid)
    }

    static func canConnect(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    private static func makeCertificate(in directory: URL, name: String) throws {
        let san = name == "localhost" ? "subjectAltName=DNS:localhost,IP:127.0.0.1" : "subjectAltName=DNS:\(name)"
        try run(
            "/usr/bin/openssl",
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=\(name)", "-addext", san,
             "-keyout", directory.appendingPathComponent("key.pem").path,
             "-out", directory.appendingPathComponent("cert.pem").path])
        chmod(directory.appendingPathComponent("key.pem").path, 0o644)
    }

    /// Runs a tool to completion; throws with its output when it fails.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.prefix(3).joined(separator: " ")) failed: \(String(decoding: data, as: UTF8.self))")
        }
        return data
    }
}

/// The server-specific part of `IMAPSettings` (the test adds the credential and limits).
struct IMAPSettingsSeed {
    var url: String
    var caFile: String
    var allowPlaintext: Bool
}

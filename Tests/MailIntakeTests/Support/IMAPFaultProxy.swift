import Foundation

/// `scripts/imap_fault_proxy.py` in front of a test Dovecot's plain-IMAP port: the real
/// server, with faults a test switches on and off while the daemon runs (a FETCH of one UID
/// that never answers; the whole server going silent for a while).
final class IMAPFaultProxy: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let folder: URL
    let port: Int
    private let process: Process

    /// `imap://127.0.0.1:port/INBOX`, for a configuration with `allow_plaintext = true`.
    var url: String { "imap://127.0.0.1:\(port)/INBOX" }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/imap_fault_proxy.py").path
    }

    /// Any Python 3 will do (the proxy uses only the standard library).
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    init(upstreamPort: UInt16) throws {
        guard let python = Self.python else { throw Failure(description: "python3 is not installed") }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("imap-proxy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "pass\n".write(to: folder.appendingPathComponent("control"), atomically: true, encoding: .utf8)
        let ready = folder.appendingPathComponent("ready")
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            Self.script, "--upstream-port", String(upstreamPort), "--control", folder.appendingPathComponent("control").path,
            "--events", folder.appendingPathComponent("events").path, "--ready-file", ready.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
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
        throw Failure(description: "imap_fault_proxy.py did not start")
    }

    deinit { stop() }

    /// Switches the fault: `pass`, `stall-fetch UID`, `hang-on-fetch UID SECONDS`.
    func set(_ mode: String) throws {
        try "\(mode)\n".write(to: folder.appendingPathComponent("control"), atomically: true, encoding: .utf8)
    }

    /// What the proxy did so far, one line per fault it applied (`stalled 1`, `hang 1`).
    func events() -> [String] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("events"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }
}

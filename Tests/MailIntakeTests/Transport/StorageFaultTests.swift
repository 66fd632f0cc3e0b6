import Foundation
import Testing

@testable import MailIntake

/// The cases folder unwritable for a while, for real, against Dovecot and aiosmtpd: a small
/// tmpfs filled up (ENOSPC), and a read-only bind mount (EROFS). While it lasts the daemon
/// (`mail-bot run`, a subprocess) leaves every message in the inbox, moves nothing to Failed,
/// sends nothing, and `/healthz` and `mail-bot status` say what is wrong; after the repair,
/// without a restart, every message gets exactly one case and one reply. `max_attempts` is 2,
/// so a fault that wrongly counted attempts would send mail to Failed within the fault.
@Suite(
    "storage faults against Dovecot and aiosmtpd",
    .enabled(if: DovecotServer.isInstalled && SMTPSink.isAvailable, "dovecot or python3-aiosmtpd is not installed"),
    .enabled(if: TestMount.isPossible, "mounting a tmpfs or a read-only bind mount needs root (CI runs as root)"))
struct StorageFaultTests {
    enum Fault: String, CaseIterable, CustomStringConvertible {
        case fullTmpfs = "ENOSPC"
        case readOnlyBindMount = "EROFS"
        var description: String { self == .fullTmpfs ? "a full tmpfs" : "a read-only bind mount" }
    }

    @Test(arguments: Fault.allCases)
    func anUnwritableCasesFolderMovesNothingAndEverythingIsProcessedAfterTheRepair(_ fault: Fault) async throws {
        let port = try Int(FreePort.next())
        let volume = FileManager.default.temporaryDirectory.appendingPathComponent("cases-volume-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: volume, withIntermediateDirectories: true)
        var mount: TestMount?
        defer {
            mount?.unmount()
            try? FileManager.default.removeItem(atPath: volume)
        }
        if fault == .fullTmpfs { mount = try TestMount.tmpfs(at: volume, bytes: 2 << 20) }
        let rig = try CrashRig(
            maxAttempts: 2, casesPath: volume + "/cases",
            extraConfig: """
                [monitoring]
                listen = "127.0.0.1:\(port)"
                min_free_bytes = 65536
                """)
        defer { rig.cleanup() }
        let daemon = try rig.spawn()
        defer {
            if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
            daemon.waitUntilExit()
        }
        let healthyAtStart = try await rig.wait(seconds: 120) { Self.health(port)?.status == 200 }
        try #require(healthyAtStart, "the daemon never became healthy: \(Self.health(port)?.body ?? "no answer")\n\(rig.logTail())")

        // The fault.
        var filler: String?
        switch fault {
        case .fullTmpfs: filler = try mount?.fill()
        case .readOnlyBindMount: mount = try TestMount.readOnlyBind(volume)
        }
        try rig.seed(3)
        // The poller meets it on every message and keeps meeting it (three failed polls in a
        // row, each longer than max_attempts would allow were attempts counted).
        let met = try await rig.wait(seconds: 60) {
            guard let failures = Self.status(rig)?["failures"] as? [String: Any] else { return false }
            return (failures["consecutivePolls"] as? Int ?? 0) >= 3
                && (failures["lastError"] as? String ?? "").hasPrefix("storage \(fault.rawValue)")
        }
        #expect(met, "the poller did not report storage \(fault.rawValue): \(String(describing: Self.status(rig)))\n\(rig.logTail())")
        let during = Self.health(port)
        #expect(during?.status == 503)
        let body = during?.body ?? ""
        #expect(body.contains(#""kind":"storage""#) && body.contains(#""code":"\#(fault.rawValue)""#), "\(body)")
        if fault == .fullTmpfs { #expect(body.contains(#""code":"low-free-space""#), "\(body)") }
        #expect(Self.status(rig)?["healthy"] as? Bool == false)
        #expect(rig.failedCount() == 0, "nothing goes to Failed for the environment's trouble")
        #expect(rig.inboxCount() == 3, "every message stays in the inbox")
        #expect(rig.caseMessageIds().isEmpty)
        #expect(rig.repliedTo().isEmpty, "no reply may leave before its case is written")

        // The repair; the same daemon resumes by itself.
        switch fault {
        case .fullTmpfs: try FileManager.default.removeItem(atPath: try #require(filler))
        case .readOnlyBindMount:
            try mount?.remount(readOnly: false)
            mount?.unmount()
            mount = nil
        }
        let settled = try await rig.wait(seconds: 90) { rig.allDone() }
        let healthyAgain = try await rig.wait(seconds: 30) { Self.health(port)?.status == 200 }
        try await Task.sleep(for: .milliseconds(500))  // a duplicate would arrive about now
        let tally = rig.tally()
        print("fault-test storage \(fault.rawValue) (\(fault)): \(tally)")
        #expect(settled, "\(tally)\n\(rig.logTail())")
        #expect(healthyAgain, "\(Self.health(port)?.body ?? "no answer")")
        #expect(tally.lost == 0 && tally.duplicateCases == 0 && tally.duplicateReplies == 0)
        #expect(tally.failed == 0)
        #expect(rig.inboxCount() == 0)
        #expect(rig.publishedPatientData().isEmpty, "\(rig.publishedPatientData())")
    }

    /// `/healthz` now (nil when the listener does not answer).
    static func health(_ port: Int) -> (status: Int, body: String)? {
        try? HTTPProbe.get("/healthz", port: port, timeoutSeconds: 5)
    }

    /// `mail-bot status --json` as an object (nil when it does not answer one).
    static func status(_ rig: CrashRig) -> [String: Any]? {
        guard let run = try? RunCommandTests.run(["status", "--config", rig.configPath, "--json"], in: rig.scratch.path),
            run.status == 0
        else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any]
    }
}

import Foundation
import GRDB
import Testing

@testable import MailIntake

/// Proof against the real servers: `mail-bot run` killed with SIGKILL at random moments while
/// mail flows, SMTP down for a while, and a UIDVALIDITY reset; afterwards every message has
/// exactly one case and exactly one reply (counted at the SMTP sink by In-Reply-To), and
/// nothing went to Failed. `MAILBOT_CRASH_KILLS` sets the number of kills (default 20;
/// `scripts/crash-test` runs 100).
@Suite(
    "crash safety against Dovecot and aiosmtpd",
    .enabled(if: DovecotServer.isInstalled && SMTPSink.isAvailable, "dovecot or python3-aiosmtpd is not installed"))
struct CrashTests {
    static var kills: Int { Int(ProcessInfo.processInfo.environment["MAILBOT_CRASH_KILLS"] ?? "") ?? 20 }

    @Test func sigkillAtRandomMomentsLeavesOneCaseAndOneReplyPerMessage() async throws {
        let rig = try CrashRig()
        defer { rig.cleanup() }
        try rig.seed(4)
        var killed = 0
        for round in 1...Self.kills {
            let process = try rig.spawn()
            // Mail keeps arriving while the daemon runs and dies.
            if round % 2 == 0 { try rig.seed(1) }
            try await Task.sleep(for: .milliseconds(Int.random(in: 30...700)))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
        }
        // A last run without a kill: everything must settle.
        let last = try rig.spawn()
        let settled = try await rig.wait(seconds: 90) { rig.allDone() }
        try await Task.sleep(for: .milliseconds(500))  // a duplicate would arrive about now
        kill(last.processIdentifier, SIGTERM)
        last.waitUntilExit()
        let tally = rig.tally()
        print("crash-test: kills=\(killed) \(tally)")
        #expect(settled, "not every message got a case and a reply: \(tally)")
        #expect(killed >= min(Self.kills, 20) * 3 / 4, "too few kills landed while the daemon ran: \(killed)")
        #expect(tally.lost == 0)
        #expect(tally.duplicateCases == 0)
        #expect(tally.duplicateReplies == 0)
        #expect(tally.failed == 0)
    }

    @Test func repliesQueuedWhileSMTPIsDownAreEachDeliveredOnceWhenItReturns() async throws {
        let rig = try CrashRig(smtpDown: true)
        defer { rig.cleanup() }
        try rig.seed(4)
        let process = try rig.spawn()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Cases are written (replies queued) while nothing listens on the SMTP port.
        #expect(try await rig.wait(seconds: 60) { Set(rig.caseMessageIds()).isSuperset(of: rig.messageIds) })
        let statuses = Set(rig.caseMessageIds().isEmpty ? [] : try Self.replyStatuses(rig))
        #expect(statuses == [.queued], "\(statuses)")
        try await Task.sleep(for: .seconds(2))
        try rig.startSink()
        // The same daemon retries with backoff (from one poll interval, doubling, with jitter).
        #expect(try await rig.wait(seconds: 60) { rig.allDone() })
        try await Task.sleep(for: .seconds(1))
        let tally = rig.tally()
        print("fault-test smtp-down: \(tally)")
        #expect(tally.lost == 0 && tally.duplicateReplies == 0 && tally.duplicateCases == 0)
        #expect(Set(try Self.replyStatuses(rig)) == [.sent])
    }

    @Test func aUIDVALIDITYResetMakesNoSecondCaseAndNoSecondReply() async throws {
        let rig = try CrashRig()
        defer { rig.cleanup() }
        try rig.seed(3)
        let once = try RunCommandTests.run(["run", "--config", rig.configPath, "--once"], in: rig.scratch.path)
        #expect(once.status == 0, "\(once.stderr)")
        #expect(rig.allDone())
        // The server renumbers: the same messages are back in the inbox under a new UIDVALIDITY.
        let processed = rig.dovecot.maildir.appendingPathComponent(".Processed")
        var copies: [[UInt8]] = []
        for sub in ["new", "cur"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: processed.appendingPathComponent(sub).path)) ?? [] {
                copies.append(Array(try Data(contentsOf: processed.appendingPathComponent(sub).appendingPathComponent(name))))
            }
        }
        #expect(copies.count == 3)
        try FileManager.default.removeItem(at: rig.dovecot.maildir.appendingPathComponent("dovecot-uidlist"))
        try? FileManager.default.removeItem(at: rig.dovecot.maildir.appendingPathComponent("dovecot.index"))
        try? FileManager.default.removeItem(at: rig.dovecot.maildir.appendingPathComponent("dovecot.index.cache"))
        try? FileManager.default.removeItem(at: rig.dovecot.maildir.appendingPathComponent("dovecot.index.log"))
        try rig.dovecot.seed(copies)
        let again = try RunCommandTests.run(["run", "--config", rig.configPath, "--once"], in: rig.scratch.path)
        #expect(again.status == 0, "\(again.stderr)")
        let tally = rig.tally()
        print("fault-test uidvalidity-reset: \(tally)")
        #expect(tally.lost == 0 && tally.duplicateCases == 0 && tally.duplicateReplies == 0)
        // The re-listed copies were recognised and moved, not left behind or failed.
        let inbox = ["new", "cur"].reduce(0) {
            $0 + ((try? FileManager.default.contentsOfDirectory(atPath: rig.dovecot.maildir.appendingPathComponent($1).path))?.count ?? 0)
        }
        #expect(inbox == 0)
        #expect(tally.failed == 0)
        let journal = try JournalDatabase.open(path: rig.scratch.path + "/state/journal.sqlite")
        let validities = try await journal.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT uidvalidity) FROM messages") }
        #expect(validities == 2, "the server did not renumber: the test proves nothing")
    }

    static func replyStatuses(_ rig: CrashRig) throws -> [IntakeCase.Reply.Status] {
        let names = try FileManager.default.contentsOfDirectory(atPath: rig.casesPath).filter { $0.hasPrefix("SMO-") }
        return try names.map { id in
            try IntakeCase.decode(json: Array(try Data(contentsOf: URL(fileURLWithPath: rig.casesPath + "/" + id + "/case.json")))).reply.status
        }
    }
}

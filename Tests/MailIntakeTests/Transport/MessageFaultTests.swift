import Foundation
import GRDB
import Testing

@testable import MailIntake

/// One bad message against the real servers (`mail-bot run` as a subprocess, Dovecot, aiosmtpd):
/// a message whose FETCH never answers, and one that hangs or crashes the intake itself, go
/// to Failed after `max_attempts` while the mail behind them flows; a server that goes silent
/// altogether during a fetch is the environment's trouble and costs no attempt.
@Suite(
    "message faults against Dovecot and aiosmtpd",
    .enabled(if: DovecotServer.isInstalled && SMTPSink.isAvailable, "dovecot or python3-aiosmtpd is not installed"))
struct MessageFaultTests {
    enum FetchFault: String, CaseIterable, CustomStringConvertible {
        /// The FETCH is never answered: the stall timeout ends it.
        case stall = "stall-fetch 1"
        /// The answer comes a byte every 300 ms, never silent for the 2 s stall timeout: only
        /// the limit on the whole FETCH ends it.
        case trickle = "trickle-fetch 1 300"
        var description: String { self == .stall ? "never answered" : "answered a byte at a time" }
        var event: String { self == .stall ? "stalled 1" : "trickled 1" }
    }

    @Test(arguments: FetchFault.allCases)
    func aMessageWhoseFetchNeverCompletesGoesToFailedAfterMaxAttemptsAndTheMailBehindItFlows(_ fault: FetchFault) async throws {
        let rig = try CrashRig(maxAttempts: 3, throughProxy: true, imapTimeout: 2)
        defer { rig.cleanup() }
        let proxy = try #require(rig.proxy)
        try rig.dovecot.seed([Self.request(n: 0, marker: "")])  // UID 1: its FETCH will never be answered
        try rig.seed(2)
        try proxy.set(fault.rawValue)
        let daemon = try rig.spawn()
        defer { Self.stop(daemon) }

        let flowed = try await rig.wait(seconds: 90) { rig.allDone() }
        #expect(flowed, "the mail behind the stalled message did not flow: \(rig.tally())\n\(rig.logTail())")
        let givenUp = try await rig.wait(seconds: 90) { rig.failedCount() == 1 }
        #expect(givenUp, "the stalled message never went to Failed: \(proxy.events())\n\(rig.logTail())")
        try await Task.sleep(for: .milliseconds(500))
        let tally = rig.tally()
        print("fault-test fetch-\(fault): \(tally) proxy-events=\(proxy.events().count)")
        #expect(tally.lost == 0 && tally.duplicateCases == 0 && tally.duplicateReplies == 0)
        #expect(rig.caseMessageIds().count == 2, "no case for the message that was never read")
        #expect(rig.inboxCount() == 0)
        // Three attempts, each a FETCH and its one retry on a fresh connection.
        let stalls = proxy.events().filter { $0 == fault.event }.count
        #expect((3...6).contains(stalls), "\(stalls) fetches \(fault)")
        Self.stop(daemon)
        #expect(rig.publishedPatientData().isEmpty, "\(rig.publishedPatientData())")
        let row = try Self.journalRow(rig, uid: 1)
        #expect(row?.state == "failed")
        #expect(row?.lastError?.contains("gave up after 3 attempts") == true, "\(row?.lastError ?? "no row")")
    }

    /// A batch's pipelined FETCH breaks at its second message once (the connection is then
    /// run again from the start): every message still gets its own bytes, its own case and
    /// its own reply, and the daemon lives on.
    @Test func aFetchThatStallsOnceInABatchIsTriedAgainAndEveryMessageKeepsItsOwnBytes() async throws {
        let rig = try CrashRig(maxAttempts: 3, throughProxy: true, imapTimeout: 2)
        defer { rig.cleanup() }
        let proxy = try #require(rig.proxy)
        try rig.seed(3)
        try proxy.set("stall-fetch-once 2")
        let daemon = try rig.spawn()
        defer { Self.stop(daemon) }
        let settled = try await rig.wait(seconds: 90) { rig.allDone() || !daemon.isRunning }
        try await Task.sleep(for: .milliseconds(500))
        let tally = rig.tally()
        print("fault-test fetch-stalls-once-in-a-batch: \(tally) proxy-events=\(proxy.events())")
        #expect(settled && daemon.isRunning, "the daemon died: \(rig.logTail())")
        #expect(proxy.events() == ["stalled 2"], "the fault never happened: \(proxy.events())")
        #expect(tally.lost == 0 && tally.duplicateCases == 0 && tally.duplicateReplies == 0 && tally.failed == 0, "\(tally)")
        #expect(Set(rig.caseMessageIds()) == Set(rig.messageIds), "each case made from its own message")
        #expect(rig.inboxCount() == 0)
    }

    @Test func aServerThatGoesSilentDuringAFetchCostsNoAttemptAndNothingGoesToFailed() async throws {
        let rig = try CrashRig(maxAttempts: 2, throughProxy: true, imapTimeout: 1)
        defer { rig.cleanup() }
        let proxy = try #require(rig.proxy)
        try rig.seed(2)
        // Each FETCH of UID 1 silences the whole server (no greeting, no answer) for 6 s: longer
        // than the fetch, its retry and the check that follows.
        try proxy.set("hang-on-fetch 1 6")
        let daemon = try rig.spawn()
        defer { Self.stop(daemon) }
        let silenced = try await rig.wait(seconds: 120) { proxy.events().filter { $0 == "hang 1" }.count >= 3 }
        #expect(silenced, "\(proxy.events())\n\(rig.logTail())")
        // Three tries at UID 1 with max_attempts 2: had any attempt counted, it would be in Failed.
        #expect(rig.failedCount() == 0)
        #expect(rig.caseMessageIds().isEmpty)
        try proxy.set("pass")
        let settled = try await rig.wait(seconds: 90) { rig.allDone() }
        try await Task.sleep(for: .milliseconds(500))
        let tally = rig.tally()
        print("fault-test server-silent-during-fetch: \(tally) silences=\(proxy.events().count)")
        #expect(settled, "\(tally)\n\(rig.logTail())")
        #expect(tally.lost == 0 && tally.duplicateCases == 0 && tally.duplicateReplies == 0)
        #expect(tally.failed == 0)
        Self.stop(daemon)
        #expect(rig.publishedPatientData().isEmpty, "\(rig.publishedPatientData())")
        let row = try Self.journalRow(rig, uid: 1)
        #expect(row?.state == "processed")
        #expect(row?.attempts == 1, "only the try that finished counts: \(String(describing: row))")
    }

    enum IntakeFault: String, CaseIterable, CustomStringConvertible {
        case hang, crash
        var description: String { self == .hang ? "hangs the intake" : "crashes the process" }
    }

    /// A supervisor's view (systemd's `Restart=`): the daemon is started again whenever it
    /// exits. A message that hangs the intake makes the watchdog exit 75; one that crashes it
    /// kills the process; either way the attempt was counted before the try, so after
    /// `max_attempts` (2) exits the message goes to Failed unread and the rest is processed.
    @Test(arguments: IntakeFault.allCases)
    func aMessageThatHangsOrCrashesTheIntakeGoesToFailedAfterTheRestarts(_ fault: IntakeFault) async throws {
        let rig = try CrashRig(maxAttempts: 2, extraConfig: "message_timeout_seconds = 5")
        defer { rig.cleanup() }
        let marker = "poison-\(UUID().uuidString.prefix(8))"
        try rig.dovecot.seed([Self.request(n: 0, marker: marker)])  // UID 1, ahead of the rest
        try rig.seed(2)
        var exits: [String] = []
        var daemon = try rig.spawn(environment: ["MAILBOT_DEBUG_FAULT": "\(fault.rawValue):\(marker)"])
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !(rig.allDone() && rig.failedCount() == 1) {
            if !daemon.isRunning {
                daemon.waitUntilExit()
                exits.append(
                    daemon.terminationReason == .uncaughtSignal ? "signal \(daemon.terminationStatus)" : "exit \(daemon.terminationStatus)")
                if exits.count > 5 { break }
                daemon = try rig.spawn(environment: ["MAILBOT_DEBUG_FAULT": "\(fault.rawValue):\(marker)"])
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(500))
        let stillRunning = daemon.isRunning
        Self.stop(daemon)
        let tally = rig.tally()
        print("fault-test intake-\(fault.rawValue): \(tally) exits=\(exits)")
        let expected = fault == .hang ? "exit 75" : "signal \(SIGABRT)"
        #expect(exits == [expected, expected], "\(exits)\n\(rig.logTail())")
        #expect(stillRunning, "the daemon keeps running once the message is in Failed")
        #expect(tally.lost == 0 && tally.duplicateCases == 0 && tally.duplicateReplies == 0, "\(tally)")
        #expect(tally.failed == 1)
        #expect(rig.caseMessageIds().count == 2)
        #expect(rig.inboxCount() == 0)
        #expect(rig.publishedPatientData().isEmpty, "\(rig.publishedPatientData())")
        let row = try Self.journalRow(rig, uid: 1)
        #expect(row?.lastError?.contains("gave up after 2 attempts") == true, "\(row?.lastError ?? "no row")")
    }

    /// A request that is not one of the rig's tracked messages (its Message-ID is its own).
    static func request(n: Int, marker: String) -> [UInt8] {
        Array(
            """
            From: Patient P <poison\(n)@example.org>\r
            To: secondopinion@example.org\r
            Subject: Second opinion request\r
            Message-ID: <poison-\(n)-\(UUID().uuidString.prefix(8))@example.org>\r
            Date: Tue, 24 Nov 2026 09:10:00 +0000\r
            \r
            I would like a second opinion on my shoulder. \(marker)\r

            """.utf8)
    }

    static func stop(_ daemon: Process) {
        if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
        daemon.waitUntilExit()
    }

    struct JournalRow: CustomStringConvertible {
        var state: String
        var attempts: Int
        var lastError: String?
        var description: String { "\(state) attempts=\(attempts) lastError=\(lastError ?? "nil")" }
    }

    /// The journal's row for the inbox message with `uid` (the daemon has stopped or is idle).
    static func journalRow(_ rig: CrashRig, uid: Int) throws -> JournalRow? {
        let journal = try JournalDatabase.open(path: rig.scratch.path + "/state/journal.sqlite")
        return try journal.pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT state, attempts, last_error FROM messages WHERE uid = ? ORDER BY first_seen LIMIT 1",
                    arguments: [String(uid)])
            else { return nil }
            return JournalRow(state: row["state"], attempts: row["attempts"], lastError: row["last_error"])
        }
    }
}

import CoreMetrics
import Foundation
import Logging
import Prometheus
import Testing

@testable import MailIntake

@Suite struct MonitoringTests {
    static let now = Date(timeIntervalSince1970: 1_795_511_760)
    static let limits = HealthLimits(staleAfter: 600, outboxMaxAge: 3600, minFreeBytes: 1_000_000)

    static func facts(lastSuccess: Date? = now) -> MonitoringState.Snapshot {
        var facts = MonitoringState.Snapshot(mailbox: "imaps://mail.example.org:993/INBOX", startedAt: now)
        facts.lastPollAt = lastSuccess
        facts.lastSuccessfulPollAt = lastSuccess
        facts.backlog = 2
        facts.processed = 40
        facts.outboxDepth = 1
        facts.storage = StorageProbe.Result(checkedAt: now, writeFailure: nil, freeBytes: 5_000_000)
        return facts
    }

    static func health(_ facts: MonitoringState.Snapshot, at: Date = now) -> MonitoringResponse {
        MonitoringPages(facts: facts, limits: limits, now: at).healthz
    }

    @Test func healthzIsOKWithJSONAfterARecentSuccessfulPoll() {
        let ok = Self.health(Self.facts())
        #expect(ok.status == 200 && ok.type == "application/json")
        #expect(ok.body.contains(#""status":"ok""#) && ok.body.contains(#""reasons":[]"#))
    }

    @Test func healthzNamesEachReasonByKindAndCode() {
        #expect(Self.health(Self.facts(lastSuccess: nil)).body.contains(#""code":"no-poll-yet""#))

        var unreachable = Self.facts()
        unreachable.mailboxError = FailureSummary(kind: "mailbox", code: "connection-refused", operation: "IMAP login")
        unreachable.consecutiveFailedPolls = 1
        let down = Self.health(unreachable)
        #expect(down.status == 503 && down.body.contains(#""kind":"mailbox""#) && down.body.contains(#""code":"connection-refused""#))

        let stale = Self.health(Self.facts(), at: Self.now.addingTimeInterval(601))
        #expect(stale.status == 503 && stale.body.contains(#""code":"stalled""#))

        var stuck = Self.facts()
        stuck.oldestPendingReplyAt = Self.now.addingTimeInterval(-3601)
        #expect(Self.health(stuck).status == 503 && Self.health(stuck).body.contains(#""kind":"outbox""#))
        stuck.oldestPendingReplyAt = Self.now.addingTimeInterval(-60)
        #expect(Self.health(stuck).status == 200)

        var readOnly = Self.facts()
        readOnly.storage?.writeFailure = FailureSummary(kind: "storage", code: "EROFS", operation: "probe create")
        #expect(Self.health(readOnly).status == 503 && Self.health(readOnly).body.contains(#""code":"EROFS""#))

        var full = Self.facts()
        full.storage?.freeBytes = 999_999
        #expect(Self.health(full).status == 503 && Self.health(full).body.contains(#""code":"low-free-space""#))
    }

    @Test func theStatusPageEscapesEverything() {
        var facts = Self.facts()
        facts.mailbox = "Maildir /tmp/<b>"
        let page = MonitoringPages(facts: facts, limits: Self.limits, now: Self.now).page.body
        #expect(page.contains("Maildir /tmp/&lt;b&gt;"))
        #expect(!page.contains("<b>"))
    }

    @Test func theStorageProbeFindsAWritableFolderAndAMissingOne() async {
        let scratch = ScratchFolder("probe")
        defer { scratch.cleanup() }
        let good = await StorageProbe(folder: scratch.path).probe(timeout: .seconds(10))
        #expect(good.writeFailure == nil && (good.freeBytes ?? 0) > 0)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: scratch.path))?.isEmpty == true)  // the probe file is gone
        let missing = await StorageProbe(folder: scratch.path + "/nope").probe(timeout: .seconds(10))
        #expect(missing.writeFailure?.code == "ENOENT")
    }

    @Test func metricsGoThroughAnInjectedPrometheusFactory() {
        let registry = PrometheusCollectorRegistry()
        let metrics = IntakeMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let observer = PollObserver(state: MonitoringState(mailbox: "Maildir x"), metrics: metrics)
        var status = PollStatus(mailbox: "Maildir x")
        status.outboxQueue = 2
        status.outboxOldestPendingAt = Self.now.addingTimeInterval(-30)
        observer.cycleEnded(status: status, error: nil, duration: .milliseconds(20), at: Self.now)
        observer.cycleEnded(
            status: status, error: TransportError(.connectionRefused, host: "h", operation: "SELECT"), duration: .seconds(1),
            at: Self.now)
        observer.message(result: "processed", reply: "sent", duration: .milliseconds(5))
        metrics.attempt()
        let text = registry.emitToString()
        #expect(text.contains(#"mailbot_polls_total{result="ok"} 1"#), "\(text)")
        #expect(text.contains(#"mailbot_polls_total{result="failed"} 1"#))
        #expect(text.contains(#"mailbot_failures_total{kind="mailbox",code="connection-refused"} 1"#))
        #expect(text.contains(#"mailbot_replies_total{status="sent"} 1"#))
        #expect(text.contains("mailbot_poll_duration_seconds_count 2"))
        #expect(text.contains("mailbot_message_duration_seconds_count 1"))
        #expect(text.contains("mailbot_outbox_depth 2"))
        #expect(text.contains("mailbot_outbox_oldest_pending_age_seconds 30"))
        #expect(text.contains("mailbot_message_attempts_total 1"))
    }

    @Test func failureSummariesKeepNoAddressOrFileName() {
        let refused = TransportError(
            .rejectedRecipient("sarah.mitchell@example.net"), host: "smtp.local", operation: "SMTP send of SMO-2026-000001",
            curlCode: 55, curlText: "RCPT failed: 550; server said: 550 5.1.1 <sarah.mitchell@example.net>: no such user")
        #expect(!refused.description.contains("sarah"), "\(refused.description)")
        #expect(refused.description.contains("<address>"))
        #expect(FailureSummary(refused) == FailureSummary(kind: "smtp", code: "rejected-recipient", operation: "SMTP send"))
        let disk = FileStoreError("write", "/cases/SMO-1/attachments/Sarah Mitchell MRI.pdf", errno: ENOSPC)
        #expect(FailureSummary(disk).description == "storage ENOSPC (write)")
    }
}

/// A metrics factory over a fresh registry per test: no test touches `MetricsSystem.bootstrap`.
enum TestMetrics {
    static func factory() -> PrometheusMetricsFactory {
        PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
    }
}

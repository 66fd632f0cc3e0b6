import CoreMetrics
import Foundation

/// The daemon's metrics through swift-metrics. The library never chooses a backend: the
/// factory is injected (the `run` command passes a Prometheus factory over its own registry,
/// tests pass one over a fresh registry), so no test depends on `MetricsSystem.bootstrap`,
/// which a process may call only once. Names follow Prometheus conventions (`_total`,
/// `_seconds`); `docs/operations.md` lists them.
public struct IntakeMetrics: Sendable {
    let pollDuration: CoreMetrics.Timer
    let messageDuration: CoreMetrics.Timer
    let polls: [Bool: Counter]
    let outboxDepth: Gauge
    let oldestPendingReplyAge: Gauge
    let backlog: Gauge
    let healthy: Gauge
    let attempts: Counter
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        pollDuration = Timer(label: "mailbot_poll_duration_seconds", dimensions: [], factory: factory)
        messageDuration = Timer(label: "mailbot_message_duration_seconds", dimensions: [], factory: factory)
        polls = [
            true: Counter(label: "mailbot_polls_total", dimensions: [("result", "ok")], factory: factory),
            false: Counter(label: "mailbot_polls_total", dimensions: [("result", "failed")], factory: factory),
        ]
        outboxDepth = Gauge(label: "mailbot_outbox_depth", dimensions: [], factory: factory)
        oldestPendingReplyAge = Gauge(label: "mailbot_outbox_oldest_pending_age_seconds", dimensions: [], factory: factory)
        backlog = Gauge(label: "mailbot_backlog_messages", dimensions: [], factory: factory)
        healthy = Gauge(label: "mailbot_healthy", dimensions: [], factory: factory)
        attempts = Counter(label: "mailbot_message_attempts_total", dimensions: [], factory: factory)
    }

    /// One poll cycle ended, well or not.
    public func poll(succeeded: Bool, duration: Duration) {
        pollDuration.recordNanoseconds(Self.nanoseconds(duration))
        polls[succeeded]?.increment()
    }

    /// One message was tried (counted before the try) …
    public func attempt() {
        attempts.increment()
    }

    /// … and ended: `result` is `processed`, `failed`, `known` or `skipped`.
    public func message(result: String, duration: Duration) {
        messageDuration.recordNanoseconds(Self.nanoseconds(duration))
        Counter(label: "mailbot_messages_total", dimensions: [("result", result)], factory: factory).increment()
    }

    /// A failure, by its kind (`mailbox`, `smtp`, `storage`, `message`, …) and code.
    public func failure(_ summary: FailureSummary) {
        Counter(
            label: "mailbot_failures_total", dimensions: [("kind", summary.kind), ("code", summary.code)], factory: factory
        ).increment()
    }

    /// A reply reached a status (`sent`, `queued`, `failed`, `suppressed`, `pending`).
    public func reply(status: String) {
        Counter(label: "mailbot_replies_total", dimensions: [("status", status)], factory: factory).increment()
    }

    /// The outbox as it stands: how many replies wait, and how long the oldest has waited.
    public func outbox(depth: Int, oldestPendingAge: TimeInterval?) {
        outboxDepth.record(depth)
        oldestPendingReplyAge.record(max(0, oldestPendingAge ?? 0))
    }

    /// The gauges `/healthz` and the poller know: backlog and health (1 or 0).
    public func state(backlog count: Int, healthy isHealthy: Bool) {
        backlog.record(count)
        healthy.record(isHealthy ? 1 : 0)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

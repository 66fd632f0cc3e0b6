import Foundation

/// The poller's reporting hooks: what each cycle, message and IDLE wait did goes to the shared
/// `MonitoringState` (for `/healthz` and the status page) and to the metrics. The poller calls
/// these and nothing else about monitoring, so the processing logic stays free of it.
public struct PollObserver: Sendable {
    public let state: MonitoringState
    public let metrics: IntakeMetrics

    public init(state: MonitoringState, metrics: IntakeMetrics) {
        self.state = state
        self.metrics = metrics
    }

    /// A cycle began at `at`.
    public func cycleStarted(at: Date) {
        state.update { $0.lastPollAt = at }
    }

    /// A cycle ended; `error` is nil when it succeeded. `status` is what was written to
    /// `status.json` (counts, outbox) at the end of it.
    public func cycleEnded(status: PollStatus, error: (any Error)?, duration: Duration, at: Date) {
        let summary = error.map(FailureSummary.init)
        state.update { facts in
            facts.backlog = status.backlog
            facts.processed = status.processed
            facts.failedMessages = status.failures.messages
            facts.outboxDepth = status.outboxQueue
            facts.oldestPendingReplyAt = status.outboxOldestPendingAt
            if let summary {
                facts.consecutiveFailedPolls += 1
                if facts.mailboxError == nil { facts.mailboxErrorSince = at }
                facts.mailboxError = summary
                facts.lastError = summary
                facts.lastErrorAt = at
            } else {
                facts.consecutiveFailedPolls = 0
                facts.lastSuccessfulPollAt = at
                facts.mailboxError = nil
                facts.mailboxErrorSince = nil
            }
        }
        metrics.poll(succeeded: error == nil, duration: duration)
        if let summary { metrics.failure(summary) }
        metrics.outbox(depth: status.outboxQueue, oldestPendingAge: status.outboxOldestPendingAt.map { at.timeIntervalSince($0) })
        metrics.state(backlog: status.backlog, healthy: summary == nil)
    }

    /// One message was handled: `result` is `processed`, `failed`, `known` or `skipped`;
    /// `reply` the status its reply reached, if it got one.
    public func message(result: String, reply: String? = nil, duration: Duration) {
        metrics.message(result: result, duration: duration)
        if let reply { metrics.reply(status: reply) }
    }

    /// A failure that did not stop the cycle (a message skipped, a reply not sent).
    public func failure(_ error: any Error, at: Date) {
        let summary = FailureSummary(error)
        state.update {
            $0.lastError = summary
            $0.lastErrorAt = at
        }
        metrics.failure(summary)
    }

    /// Waiting for new mail (IDLE) failed: the server said BYE or the connection closed.
    /// Recorded as the last error only; the poll that follows at once decides whether the
    /// mailbox is unreachable (a server that merely ended an idle connection is not).
    public func waitFailed(_ error: any Error, at: Date) {
        failure(error, at: at)
    }
}

import Foundation

/// One HTTP response of the monitoring listener, before it meets the HTTP library.
struct MonitoringResponse: Equatable {
    var status: Int
    var type: String
    var body: String
}

/// What the monitoring endpoints say (pure: the facts, the limits and `now` are given).
/// `/metrics` is not here: the metrics backend renders it.
struct MonitoringPages {
    var facts: MonitoringState.Snapshot
    var limits: HealthLimits
    var now: Date

    var report: HealthReport { HealthReport.evaluate(facts, limits: limits, now: now) }

    /// `/healthz`: 200 or 503, with the report as JSON.
    var healthz: MonitoringResponse {
        let report = self.report
        return MonitoringResponse(status: report.isHealthy ? 200 : 503, type: "application/json", body: report.json)
    }

    /// A small self-contained status page; every value is escaped, and none is patient data:
    /// counts, times, the configured mailbox, and errors by kind and code.
    var page: MonitoringResponse {
        func when(_ date: Date?) -> String { date.map { ISO8601DateFormatter().string(from: $0) } ?? "never" }
        let report = self.report
        let health = report.isHealthy ? "ok" : "unhealthy: " + report.reasons.map(\.message).joined(separator: "; ")
        var rows: [(String, String)] = [
            ("Health", health),
            ("Mailbox", facts.mailbox),
            ("Running since", when(facts.startedAt)),
            ("Last poll", when(facts.lastPollAt)),
            ("Last successful poll", when(facts.lastSuccessfulPollAt)),
            ("Backlog", "\(facts.backlog)"),
            ("Processed", "\(facts.processed)"),
            ("Failed messages", "\(facts.failedMessages)"),
            ("Failed polls in a row", "\(facts.consecutiveFailedPolls)"),
            ("Last error", facts.lastError.map { "\($0) at \(when(facts.lastErrorAt))" } ?? "none"),
            ("Unsent replies", "\(facts.outboxDepth)"),
            ("Oldest unsent reply", when(facts.oldestPendingReplyAt)),
        ]
        if let storage = facts.storage {
            rows.append(("Cases folder", storage.writeFailure.map { "not writable: \($0)" } ?? "writable"))
            rows.append(("Free space", storage.freeBytes.map { "\($0 / 1_048_576) MiB" } ?? "unknown"))
        }
        let table = rows.map { "<tr><th>\(HTMLText.escape($0.0))</th><td>\(HTMLText.escape($0.1))</td></tr>" }
            .joined(separator: "\n")
        let body = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>mail-bot status</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em}th{text-align:left;padding-right:2em}</style></head>
            <body><h1>mail-bot</h1>
            <table>
            \(table)
            </table>
            <p><a href="/metrics">metrics</a> · <a href="/healthz">healthz</a></p>
            </body></html>

            """
        return MonitoringResponse(status: 200, type: "text/html; charset=utf-8", body: body)
    }
}

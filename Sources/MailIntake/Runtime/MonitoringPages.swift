import Foundation

/// One HTTP response of the monitoring listener.
struct MonitoringResponse: Equatable {
    var status: Int
    var type: String
    var body: String

    var head: String {
        let reason = [200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"][status] ?? "Status"
        return "HTTP/1.0 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
    }
}

/// What the monitoring endpoints say about a status (pure: the status and `now` are given).
struct MonitoringPages {
    /// nil before the first poll.
    var status: PollStatus?
    var staleAfter: TimeInterval
    var now: Date

    func response(for path: String) -> MonitoringResponse {
        switch path {
        case "/healthz": return healthz
        case "/metrics": return MonitoringResponse(status: 200, type: "text/plain; version=0.0.4; charset=utf-8", body: metrics)
        case "/", "/index.html": return MonitoringResponse(status: 200, type: "text/html; charset=utf-8", body: page)
        default: return MonitoringResponse(status: 404, type: "text/plain", body: "not found; try /healthz, /metrics or /\n")
        }
    }

    /// Why the bot is not healthy, or nil when it is.
    var problem: String? {
        guard let status else { return "no poll has finished yet" }
        if status.failures.consecutivePolls > 0 {
            return "the last \(status.failures.consecutivePolls) poll(s) failed: \(status.failures.lastError ?? "unknown error")"
        }
        guard let last = status.lastSuccessfulPollAt else { return "no poll has succeeded yet" }
        if now.timeIntervalSince(last) > staleAfter {
            return "no successful poll for \(Int(now.timeIntervalSince(last))) s (the poller may be stuck)"
        }
        return nil
    }

    var healthz: MonitoringResponse {
        if let problem { return MonitoringResponse(status: 503, type: "text/plain", body: "unhealthy: \(problem)\n") }
        return MonitoringResponse(status: 200, type: "text/plain", body: "ok\n")
    }

    /// Prometheus text exposition format.
    var metrics: String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ value: Double?) {
            guard let value else { return }
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            lines.append("\(name) \(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value))")
        }
        let s = status
        metric("mailbot_healthy", "gauge", "1 when the last poll succeeded recently.", problem == nil ? 1 : 0)
        metric("mailbot_last_poll_timestamp_seconds", "gauge", "When the last poll began.", s?.lastPollAt?.timeIntervalSince1970.rounded())
        metric(
            "mailbot_last_successful_poll_timestamp_seconds", "gauge", "When the last successful poll ended.",
            s?.lastSuccessfulPollAt?.timeIntervalSince1970.rounded())
        metric("mailbot_backlog_messages", "gauge", "Messages waiting in the mailbox after the last poll.", Double(s?.backlog ?? 0))
        metric("mailbot_processed_messages_total", "counter", "Messages turned into (or recognised as) cases.", Double(s?.processed ?? 0))
        metric("mailbot_failed_messages_total", "counter", "Messages moved to the failed folder.", Double(s?.failures.messages ?? 0))
        metric("mailbot_consecutive_failed_polls", "gauge", "Polls in a row that failed.", Double(s?.failures.consecutivePolls ?? 0))
        metric("mailbot_outbox_queue_replies", "gauge", "Replies not handed to the mail server.", Double(s?.outboxQueue ?? 0))
        return lines.joined(separator: "\n") + "\n"
    }

    /// A small self-contained status page; every value is escaped.
    var page: String {
        func when(_ date: Date?) -> String { date.map { ISO8601DateFormatter().string(from: $0) } ?? "never" }
        let rows: [(String, String)] = [
            ("Health", problem.map { "unhealthy: \($0)" } ?? "ok"),
            ("Mailbox", status?.mailbox ?? "unknown"),
            ("Last poll", when(status?.lastPollAt)),
            ("Last successful poll", when(status?.lastSuccessfulPollAt)),
            ("Backlog", "\(status?.backlog ?? 0)"),
            ("Processed", "\(status?.processed ?? 0)"),
            ("Failed messages", "\(status?.failures.messages ?? 0)"),
            ("Failed polls in a row", "\(status?.failures.consecutivePolls ?? 0)"),
            ("Last error", status?.failures.lastError ?? "none"),
            ("Unsent replies", "\(status?.outboxQueue ?? 0)"),
        ]
        let table = rows.map { "<tr><th>\(HTMLText.escape($0.0))</th><td>\(HTMLText.escape($0.1))</td></tr>" }.joined(separator: "\n")
        return """
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
    }
}

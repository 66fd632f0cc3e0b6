import Foundation
import Testing

@testable import MailIntake

@Suite struct MonitoringTests {
    static let now = Date(timeIntervalSince1970: 1_795_511_760)

    static func status(failedPolls: Int = 0, lastSuccess: Date? = now) -> PollStatus {
        var status = PollStatus(mailbox: "imaps://mail.example.org:993/INBOX")
        status.lastPollAt = now
        status.lastSuccessfulPollAt = lastSuccess
        status.backlog = 2
        status.processed = 40
        status.outboxQueue = 1
        status.failures.messages = 3
        status.failures.consecutivePolls = failedPolls
        status.failures.lastError = failedPolls > 0 ? "could not connect <b>" : nil
        return status
    }

    @Test func healthzIsOKOnlyAfterARecentSuccessfulPoll() {
        #expect(MonitoringPages(status: Self.status(), staleAfter: 600, now: Self.now).healthz.status == 200)
        let never = MonitoringPages(status: nil, staleAfter: 600, now: Self.now).healthz
        #expect(never.status == 503 && never.body.contains("no poll"))
        let failing = MonitoringPages(status: Self.status(failedPolls: 2), staleAfter: 600, now: Self.now).healthz
        #expect(failing.status == 503 && failing.body.contains("could not connect"))
        let stale = MonitoringPages(status: Self.status(), staleAfter: 600, now: Self.now.addingTimeInterval(601)).healthz
        #expect(stale.status == 503 && stale.body.contains("stuck"))
    }

    @Test func metricsUsePrometheusTextFormat() {
        let metrics = MonitoringPages(status: Self.status(), staleAfter: 600, now: Self.now).metrics
        #expect(metrics.contains("# TYPE mailbot_processed_messages_total counter\nmailbot_processed_messages_total 40\n"))
        #expect(metrics.contains("mailbot_backlog_messages 2\n"))
        #expect(metrics.contains("mailbot_failed_messages_total 3\n"))
        #expect(metrics.contains("mailbot_outbox_queue_replies 1\n"))
        #expect(metrics.contains("mailbot_healthy 1\n"))
        #expect(metrics.contains("mailbot_last_successful_poll_timestamp_seconds 1795511760\n"))
    }

    @Test func theStatusPageEscapesEverything() {
        let page = MonitoringPages(status: Self.status(failedPolls: 1), staleAfter: 600, now: Self.now).page
        #expect(page.contains("could not connect &lt;b&gt;"))
        #expect(!page.contains("<b>"))
    }

    /// One HTTP GET over a plain socket: the status line and the body.
    static func get(_ path: String, port: Int) throws -> (status: Int, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw MonitoringError(description: "connect failed: errno \(errno)") }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: localhost\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status, body)
    }

    @Test func theListenerServesTheStatusFileOnLoopback() throws {
        let scratch = ScratchFolder("monitoring")
        defer { scratch.cleanup() }
        let statusPath = scratch.path + "/status.json"
        let server = try MonitoringServer(host: "127.0.0.1", port: 0, statusPath: statusPath, staleAfter: 3600)
        defer { server.stop() }
        #expect(server.port > 0)
        #expect(try Self.get("/healthz", port: server.port).status == 503)

        var status = Self.status()
        status.lastSuccessfulPollAt = Date()
        try status.write(to: statusPath)
        let health = try Self.get("/healthz", port: server.port)
        #expect(health.status == 200 && health.body == "ok\n")
        #expect(try Self.get("/metrics", port: server.port).body.contains("mailbot_processed_messages_total 40"))
        #expect(try Self.get("/", port: server.port).body.contains("<h1>mail-bot</h1>"))
        #expect(try Self.get("/nope", port: server.port).status == 404)
    }

    @Test func aBadListenAddressIsNamed() {
        #expect {
            _ = try MonitoringServer(host: "mail.example.org", port: 0, statusPath: "/nonexistent", staleAfter: 60)
        } throws: { error in
            "\(error)".contains("monitoring.listen")
        }
    }
}

import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The `[monitoring]` listener of `run`: `/healthz`, `/metrics` and `/` (the status page) on
/// Hummingbird 2.
///
/// Why Hummingbird: it is SwiftNIO underneath, so every connection lives on an event loop
/// and a client that sends its request a byte at a time, or connects and says nothing, holds
/// only its own connection, never the next `/healthz`; its HTTP/1 channel closes connections
/// idle longer than `idleTimeout`; and an `Application` is a swift-service-lifecycle
/// `Service`, so it starts and stops with the poller in one `ServiceGroup`. It is also the
/// smallest of the servers this machine offers (no templating, no ORM).
///
/// Handlers never touch the disk or the poller: they read `MonitoringState` (a lock held for
/// a copy) and render, so an answer costs microseconds whatever the poller is doing.
public struct MonitoringServer: Sendable {
    public var host: String
    public var port: Int
    public var state: MonitoringState
    public var limits: HealthLimits
    /// Renders `/metrics` (the run command passes its Prometheus registry's text).
    public var metricsText: @Sendable () -> [UInt8]
    /// Refreshed before each `/metrics` answer (health and outbox age change with time alone).
    public var metrics: IntakeMetrics?
    /// Connections silent for this long are closed.
    public var idleTimeout: Duration = .seconds(10)
    public var logger: Logger

    public init(
        host: String, port: Int, state: MonitoringState, limits: HealthLimits, metrics: IntakeMetrics?,
        metricsText: @escaping @Sendable () -> [UInt8], logger: Logger
    ) {
        self.host = host
        self.port = port
        self.state = state
        self.limits = limits
        self.metrics = metrics
        self.metricsText = metricsText
        self.logger = logger
    }

    /// The HTTP application, a `Service` to run in the daemon's `ServiceGroup`. `onRunning`
    /// receives the bound port (useful with port 0).
    public func makeApplication(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some Service {
        let name = host == "localhost" ? "127.0.0.1" : host
        guard Self.isIPAddress(name) else {
            throw MonitoringError(description: "monitoring.listen: '\(host)' is not an IP address or localhost")
        }
        let router = Router()
        let state = self.state
        let limits = self.limits
        let metrics = self.metrics
        let metricsText = self.metricsText
        router.get("/healthz") { _, _ in
            Self.response(MonitoringPages(facts: state.snapshot, limits: limits, now: Date()).healthz)
        }
        router.head("/healthz") { _, _ in
            var response = Self.response(MonitoringPages(facts: state.snapshot, limits: limits, now: Date()).healthz)
            response.body = .init()
            return response
        }
        router.get("/metrics") { _, _ in
            let now = Date()
            let facts = state.snapshot
            if let metrics {
                let report = HealthReport.evaluate(facts, limits: limits, now: now)
                metrics.state(backlog: facts.backlog, healthy: report.isHealthy)
                metrics.outbox(depth: facts.outboxDepth, oldestPendingAge: facts.oldestPendingReplyAt.map { now.timeIntervalSince($0) })
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: metricsText())))
        }
        for path in ["/", "/index.html"] {
            router.get(RouterPath(path)) { _, _ in
                Self.response(MonitoringPages(facts: state.snapshot, limits: limits, now: Date()).page)
            }
        }
        let (seconds, _) = idleTimeout.components
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(seconds))),
            configuration: .init(address: .hostname(name, port: port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    static func response(_ page: MonitoringResponse) -> Response {
        Response(
            status: .init(code: page.status),
            headers: [.contentType: page.type, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: page.body)))
    }

    static func isIPAddress(_ name: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, name, &v4) == 1 || inet_pton(AF_INET6, name, &v6) == 1
    }
}

/// The monitoring listener could not start; names `monitoring.listen`.
public struct MonitoringError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

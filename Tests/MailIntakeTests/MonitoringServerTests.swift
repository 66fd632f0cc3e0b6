import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import MailIntake

/// The Hummingbird listener on loopback: routes, and `/healthz` answering promptly while other
/// clients misbehave (send slowly, say nothing, reset).
@Suite struct MonitoringServerTests {
    /// Runs a monitoring server on an ephemeral port for `body`, then shuts it down.
    static func withServer(
        _ state: MonitoringState, limits: HealthLimits = MonitoringTests.limits,
        _ body: @Sendable (Int) async throws -> Void
    ) async throws {
        let ports = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test.monitoring")
        logger.logLevel = .critical
        let server = MonitoringServer(
            host: "127.0.0.1", port: 0, state: state, limits: limits, metrics: nil,
            metricsText: { Array("mailbot_test 1\n".utf8) }, logger: logger)
        var configured = server
        configured.idleTimeout = .seconds(2)
        let app = try configured.makeApplication { port in ports.continuation.yield(port) }
        let group = ServiceGroup(services: [app], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.stream.makeAsyncIterator()
            guard let port = await iterator.next() else { throw MonitoringError(description: "server never ran") }
            do {
                try await body(port)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    static func healthyState() -> MonitoringState {
        let state = MonitoringState(mailbox: "Maildir samples")
        state.update {
            $0.lastPollAt = Date()
            $0.lastSuccessfulPollAt = Date()
        }
        return state
    }

    @Test func theListenerServesHealthMetricsAndTheStatusPage() async throws {
        let state = Self.healthyState()
        try await Self.withServer(state) { port in
            let health = try await HTTPProbe.fetch("/healthz", port: port)
            #expect(health.status == 200 && health.body.contains(#""status":"ok""#))
            #expect(try await HTTPProbe.fetch("/metrics", port: port).body == "mailbot_test 1\n")
            #expect(try await HTTPProbe.fetch("/", port: port).body.contains("<h1>mail-bot</h1>"))
            #expect(try await HTTPProbe.fetch("/nope", port: port).status == 404)
            state.update { $0.mailboxError = FailureSummary(kind: "mailbox", code: "timeout") }
            #expect(try await HTTPProbe.fetch("/healthz", port: port).status == 503)
        }
    }

    @Test func aBadListenAddressIsNamed() {
        #expect {
            _ = try MonitoringServer(
                host: "mail.example.org", port: 0, state: MonitoringState(mailbox: "x"), limits: MonitoringTests.limits,
                metrics: nil, metricsText: { [] }, logger: Logger(label: "x")
            ).makeApplication()
        } throws: { error in
            "\(error)".contains("monitoring.listen")
        }
    }

    /// Slow senders, silent connections and resets never hold /healthz up: answers during the
    /// abuse come within a second. A serial server would hold nearly every request behind a
    /// slow client, so the bound is on the 90th percentile (36 of 40 answers): a lone answer
    /// delayed by a loaded test machine (the whole suite runs in parallel on two cores) is not
    /// the server's doing, and still has to come within three seconds.
    @Test func healthzAnswersWithinASecondWhileClientsMisbehave() async throws {
        try await Self.withServer(Self.healthyState()) { port in
            let stop = StopFlag()
            let abusers = (0..<6).map { index in
                Thread.detachNewThreadWithResult {
                    HTTPProbe.misbehave(port: port, style: index % 3, until: stop)
                }
            }
            var times: [Duration] = []
            for _ in 0..<40 {
                let started = ContinuousClock.now
                let answer = try await HTTPProbe.fetch("/healthz", port: port, timeoutSeconds: 5)
                let took = started.duration(to: .now)
                times.append(took)
                #expect(answer.status == 200)
                try await Task.sleep(for: .milliseconds(50))
            }
            stop.raise()
            for abuser in abusers { abuser.wait() }
            times.sort()
            let p90 = times[times.count * 9 / 10 - 1], slowest = times[times.count - 1]
            #expect(p90 < .seconds(1), "90th percentile /healthz: \(p90)")
            #expect(slowest < .seconds(3), "slowest /healthz: \(slowest)")
            print("monitoring: /healthz under slow and resetting clients: p90 \(p90), slowest \(slowest)")
        }
    }
}

/// A flag the abusing threads poll.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }
    var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}

/// A thread whose end can be awaited (blocking socket work stays off the cooperative pool).
final class JoinableThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    func wait() { done.wait() }
    fileprivate func finish() { done.signal() }
}

extension Thread {
    static func detachNewThreadWithResult(_ body: @escaping @Sendable () -> Void) -> JoinableThread {
        let joinable = JoinableThread()
        let thread = Thread {
            body()
            joinable.finish()
        }
        thread.start()
        return joinable
    }
}

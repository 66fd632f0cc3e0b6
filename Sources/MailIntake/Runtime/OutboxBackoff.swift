import Foundation

/// When to try the mail server again: exponential backoff with jitter, and one shared "not
/// before" for the whole server, so that while SMTP is down a cycle makes one connection
/// attempt (not one per queued reply, each waiting for a connect timeout).
///
/// A class behind a lock because the intake and the outbox worker share it across copies of
/// the runner; it is memory only (after a restart the first due reply probes the server).
public final class OutboxBackoff: @unchecked Sendable {
    /// The first delay; doubled per failed attempt up to `cap`.
    public let base: TimeInterval
    public let cap: TimeInterval
    /// The delay is multiplied by a random factor in `1 - jitter ... 1 + jitter`, so that
    /// many replies (or many daemons) do not retry in lock-step.
    public let jitter: Double
    private let lock = NSLock()
    private var closedUntil: Date?

    public init(base: TimeInterval = 30, cap: TimeInterval = 3600, jitter: Double = 0.2) {
        self.base = base
        self.cap = cap
        self.jitter = jitter
    }

    /// The delay after `attempts` failed tries (1 → about `base`).
    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        let exponent = Double(max(0, min(attempts - 1, 30)))
        let plain = min(cap, base * pow(2, exponent))
        return max(0, plain * Double.random(in: (1 - jitter)...(1 + jitter)))
    }

    /// True while the server is known to be unreachable.
    public func isClosed(at now: Date) -> Bool {
        lock.withLock { closedUntil.map { now < $0 } ?? false }
    }

    /// The server could not be reached: no connection attempt before `until`.
    public func close(until: Date) {
        lock.withLock { closedUntil = until }
    }

    /// The server answered: try freely again.
    public func open() {
        lock.withLock { closedUntil = nil }
    }
}

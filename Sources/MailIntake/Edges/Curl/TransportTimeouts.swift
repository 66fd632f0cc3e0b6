/// How long a mail transport waits before giving up; applied to every curl call.
///
/// A poller that hangs forever on a dead connection is the silent "stopped fetching for a
/// week" failure; every transfer therefore has a connect limit and a stall limit (no bytes
/// for `stall` seconds), and optionally a limit on the whole transfer.
public struct TransportTimeouts: Sendable, Hashable {
    /// Limit on establishing the TCP connection, TLS and login.
    public var connect: Duration
    /// Give up when less than one byte per second arrives for this long (curl's low-speed limit).
    public var stall: Duration
    /// Limit on one whole operation, or nil for none (large messages may take a while).
    public var total: Duration?

    public init(connect: Duration = .seconds(20), stall: Duration = .seconds(60), total: Duration? = nil) {
        self.connect = connect
        self.stall = stall
        self.total = total
    }

    /// Milliseconds, rounded up, at least 1 (curl treats 0 as "no limit").
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return max(1, Int(clamping: ms))
    }
}

extension IMAPSession {
    /// Waits until the mailbox changes (new mail or a removal) or `timeout` passes; true on
    /// a change. Uses RFC 2177 IDLE when offered, so new mail is seen within moments;
    /// otherwise NOOP every 2 seconds (RFC 3501 §6.1.2) and compares EXISTS.
    /// `stop` ends the wait early (returning false), e.g. when the poller is shutting down.
    func waitForChange(timeout: Duration, stop: StopSignal? = nil) throws(TransportError) -> Bool {
        // RFC 2177: clients should re-issue IDLE at least every 29 minutes.
        let limited = min(timeout, .seconds(25 * 60))
        let deadline = ContinuousClock.now.advanced(by: limited)
        let before = exists
        if connection.capabilities.contains("IDLE") {
            return try idle(until: deadline, existsBefore: before, stop: stop)
        }
        var nextNoop = ContinuousClock.now
        while ContinuousClock.now < deadline, stop?.isRaised != true {
            if ContinuousClock.now >= nextNoop {
                try require("NOOP", operation: "NOOP")
                if exists != before { return true }
                nextNoop = ContinuousClock.now.advanced(by: .seconds(2))
            }
            let left = ContinuousClock.now.duration(to: min(deadline, nextNoop))
            if left > .zero { sleepBriefly(min(left, .milliseconds(250))) }
        }
        return false
    }

    private func idle(until deadline: ContinuousClock.Instant, existsBefore: Int, stop: StopSignal?) throws(TransportError) -> Bool {
        let operation = "IDLE"
        let tag = "I\(UInt32.random(in: 1...999_999))"
        try connection.send(Array("\(tag) IDLE\r\n".utf8), operation: operation, mailbox: mailbox, uid: nil)
        var changed = false
        var refused: String?
        var bye: String?
        var idling = false
        // Wait for "+ idling", then for a change or the deadline.
        let sawEnd = try connection.receive(operation: operation, mailbox: mailbox, uid: nil, deadline: deadline, stop: stop) { response in
            switch response {
            case .continuation:
                idling = true
            case .tagged(let got, let status, let text) where got == tag:
                refused = "\(status.rawValue) \(text)"
                return true
            case .untagged(let data):
                // RFC 3501 §7.1.5: BYE means the server is closing the connection (shutting
                // down, or ending an idle session): fail now rather than wait out the IDLE.
                if Self.isBye(data) {
                    bye = String(decoding: data.line.prefix(200), as: UTF8.self)
                    return true
                }
                switch data.parse() {
                case .exists(let count):
                    if count != existsBefore { changed = true }
                case .expunge:
                    changed = true
                default: break
                }
            default: break
            }
            return changed
        }
        if let bye {
            throw TransportError(
                .other, host: host, mailbox: mailbox, operation: operation, curlCode: 56, curlText: "the server closed the connection: \(bye)")
        }
        if let refused {
            throw TransportError(.serverSaidNo(refused), host: host, mailbox: mailbox, operation: operation)
        }
        _ = (sawEnd, idling)
        try connection.send(Array("DONE\r\n".utf8), operation: operation, mailbox: mailbox, uid: nil)
        var finished = false
        try connection.receive(operation: operation, mailbox: mailbox, uid: nil, deadline: nil) { response in
            if case .tagged(let got, _, _) = response, got == tag { finished = true }
            return finished
        }
        // Re-read EXISTS and UIDNEXT so the next listing starts from the truth.
        try require("NOOP", operation: "NOOP")
        return changed || exists != existsBefore
    }

    /// An untagged `BYE` (any case).
    private static func isBye(_ data: IMAPUntagged) -> Bool {
        let word = data.line.prefix(4)
        return word.count >= 3 && String(decoding: word.prefix(3), as: UTF8.self).uppercased() == "BYE"
            && (word.count == 3 || word.last == UInt8(ascii: " "))
    }

    private func sleepBriefly(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

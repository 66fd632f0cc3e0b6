/// Fetching many messages with the commands pipelined (RFC 3501 §5.5: a client may send
/// another command without waiting for the completion of the previous one).
///
/// One UID FETCH per message, as before (so a message over the limit is refused alone and
/// memory holds at most `window` messages), but up to `window` commands are on the wire at
/// once: the server never waits for our round trip, and we never wait for its. On loopback
/// Dovecot this is what brings `mail-bot fetch` from half of imaplib's rate to above it.
extension IMAPSession {
    /// Commands in flight at once; enough to hide a round trip, small enough that the
    /// answers of one window (at most `window` × the size limit) stay modest.
    static let fetchWindow = 16

    /// Fetches `entries` in order, handing each message (or why it was refused) to `body`;
    /// `body` returning false stops early (the commands already sent are still read).
    func fetchPipelined(
        _ entries: [MailboxEntry], maxBytes: Int, window: Int = IMAPSession.fetchWindow,
        _ body: (MailboxEntry, Result<[UInt8], TransportError>) -> Bool
    ) throws(TransportError) {
        var inFlight: [(tag: String, entry: MailboxEntry)] = []
        inFlight.reserveCapacity(window)
        var next = 0
        var stopped = false
        var bodies: [UInt32: [UInt8]] = [:]
        var discarded: [Int] = []
        while !inFlight.isEmpty || (!stopped && next < entries.count) {
            // Keep the window full.
            while !stopped, next < entries.count, inFlight.count < window {
                let entry = entries[next]
                next += 1
                try checkValidity(entry, operation: "UID FETCH \(entry.uid)")
                if entry.size > maxBytes {
                    if inFlight.isEmpty {
                        let refused = TransportError(.messageTooLarge(size: entry.size, limit: maxBytes), host: host, mailbox: mailbox, uid: entry.uid, operation: "UID FETCH \(entry.uid)")
                        if !body(entry, .failure(refused)) { stopped = true }
                        continue
                    }
                    // Keep the order: refuse it once the commands before it are answered.
                    next -= 1
                    break
                }
                let tag = try connection.begin("UID FETCH \(entry.uid) (UID BODY.PEEK[])", operation: "UID FETCH \(entry.uid) BODY.PEEK[]", mailbox: mailbox, uid: entry.uid, maxLiteral: maxBytes)
                inFlight.append((tag, entry))
            }
            guard !inFlight.isEmpty else { continue }
            let (tag, entry) = inFlight.removeFirst()
            let operation = "UID FETCH \(entry.uid) BODY.PEEK[]"
            // The whole answer is bounded, as for a single FETCH (a server trickling bytes).
            let limit = ContinuousClock.now + Self.fetchLimit(size: entry.size, stall: settings.timeouts.stall)
            let done = try connection.finish(tag: tag, operation: operation, mailbox: mailbox, uid: entry.uid, limit: limit)
            absorb(done.untagged)
            // Dovecot runs pipelined FETCHes side by side, so one command's data may arrive
            // before the previous command's completion: bodies are matched by UID, not order.
            for response in done.untagged {
                if case .fetch(_, let fetched) = response.parse(), let uid = fetched.uid, let body = fetched.body {
                    bodies[uid] = body
                }
            }
            if let size = connection.takeDiscardedLiteral() { discarded.append(size) }
            guard done.status == .ok else {
                throw TransportError(.serverSaidNo("\(done.status.rawValue) \(done.text)"), host: host, mailbox: mailbox, uid: entry.uid, operation: operation)
            }
            guard let bytes = bodies.removeValue(forKey: entry.uid) else {
                throw TransportError(.serverSaidNo("message UID \(entry.uid) is no longer in the mailbox"), host: host, mailbox: mailbox, uid: entry.uid, operation: operation)
            }
            let result: Result<[UInt8], TransportError>
            if bytes.isEmpty, entry.size > 0, !discarded.isEmpty {
                // Over the limit after all (the listed size was wrong): read and dropped.
                let size = discarded.removeFirst()
                result = .failure(TransportError(.messageTooLarge(size: size, limit: maxBytes), host: host, mailbox: mailbox, uid: entry.uid, operation: operation))
            } else {
                result = .success(bytes)
            }
            if !stopped, !body(entry, result) { stopped = true }
        }
    }
}

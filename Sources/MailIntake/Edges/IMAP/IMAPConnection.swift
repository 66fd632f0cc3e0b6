import CCurl
import Foundation

/// One logged-in IMAP connection: libcurl connects, negotiates TLS and authenticates
/// (CURLOPT_CONNECT_ONLY), then this class speaks IMAP over curl's socket with
/// `curl_easy_send` / `curl_easy_recv`.
///
/// Why not curl's custom requests: libcurl hands the literal of `BODY.PEEK[]` to the header
/// callback line by line, clips lines longer than half its buffer, and ends a command early
/// when a message line happens to start with the command's (predictable) tag. Reading the
/// protocol ourselves keeps every message byte-exact, lets us peek (no `\Seen`), and serves
/// IDLE on the same connection. Every wait is bounded by the stall timeout.
package final class IMAPConnection {
    /// What the server offers after login (upper-cased): MOVE, UIDPLUS, IDLE, …
    package private(set) var capabilities: Set<String> = []
    /// Where errors say they happened.
    package let host: String

    private let easy: CurlEasy
    private let socket: Int32
    private var reader: IMAPResponseReader
    private let stallMilliseconds: Int32
    private var nextTag = 1
    private let buffer: UnsafeMutableRawBufferPointer
    /// Responses read past the one a `receive` waited for, kept for the next `receive`.
    private var pending: [IMAPResponse] = []

    /// Connects and logs in; throws a `TransportError` naming the host and what went wrong.
    package init(options: CurlConnectionOptions, maxLiteral: Int) throws(TransportError) {
        host = transportHost(of: options.url)
        let operation = "IMAP login as \(options.username)"
        var lastLine = ""
        do {
            easy = try CurlEasy()
            let resolved = try options.credential.resolve()
            try easy.set(CURLOPT_URL, Self.connectURL(options.url))
            try easy.applyConnection(options, resolved: resolved)
            try easy.set(CURLOPT_CONNECT_ONLY, 1)
            try easy.set(CURLOPT_BUFFERSIZE, 512 * 1024)
        } catch let error as CurlSetupError {
            throw TransportError(.other, host: transportHost(of: options.url), operation: operation, curlText: error.text)
        } catch let error as CredentialError {
            throw TransportError(.authenticationFailed, host: transportHost(of: options.url), operation: operation, curlText: error.text)
        } catch {
            throw TransportError(.other, host: transportHost(of: options.url), operation: operation, curlText: "\(error)")
        }
        easy.onHeader = { bytes in
            let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !line.isEmpty { lastLine = line }
            return true
        }
        let outcome = easy.perform()
        easy.onHeader = nil
        guard outcome.succeeded else {
            throw TransportError(curl: outcome, host: host, operation: operation, serverLine: lastLine)
        }
        guard let socket = easy.activeSocket else {
            throw TransportError(.other, host: host, operation: operation, curlText: "curl kept no connection open")
        }
        self.socket = socket
        reader = IMAPResponseReader(maxLiteral: maxLiteral)
        stallMilliseconds = Int32(clamping: TransportTimeouts.milliseconds(options.timeouts.stall))
        buffer = .allocate(byteCount: 256 * 1024, alignment: 16)
        let result = try run("CAPABILITY", operation: "CAPABILITY", mailbox: nil, uid: nil)
        for response in result.untagged {
            if case .capability(let names) = response.parse() { capabilities = Set(names) }
        }
    }

    deinit {
        buffer.deallocate()
    }

    /// curl needs a URL without a mailbox path for a connect-only session.
    private static func connectURL(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return url + "/" }
        return String(url[..<slash]) + "/"
    }

    /// Hangs up without a word, for a connection out of step with the server (a timeout, a
    /// broken answer). Freeing the curl handle otherwise has curl send LOGOUT and wait for the
    /// answer, which a server that stalls or trickles its bytes can drag out for minutes.
    package func hangUp() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    /// Says goodbye politely; errors are irrelevant at this point.
    package func logout() {
        _ = try? run("LOGOUT", operation: "LOGOUT", mailbox: nil, uid: nil)
    }

    // MARK: Commands

    /// The untagged responses and the final status of one command.
    package struct Completion {
        package var untagged: [IMAPUntagged]
        package var status: IMAPStatus
        package var text: String
    }

    /// Sends one command and reads up to its tagged completion. NO and BAD come back as a
    /// `Completion`; only connection trouble throws. `maxLiteral` caps kept literals for this
    /// command (larger ones are drained and dropped). `within` bounds the whole answer, however
    /// steadily it trickles in (the stall timeout alone bounds only each silence).
    package func run(
        _ command: String, operation: String, mailbox: String?, uid: UInt32?, maxLiteral: Int? = nil, within: Duration? = nil
    ) throws(TransportError) -> Completion {
        let limit = within.map { ContinuousClock.now + $0 }
        let tag = try begin(command, operation: operation, mailbox: mailbox, uid: uid, maxLiteral: maxLiteral)
        return try finish(tag: tag, operation: operation, mailbox: mailbox, uid: uid, limit: limit)
    }

    /// Sends a command without waiting for its answer and returns its tag; `finish(tag:)`
    /// reads the answer. Commands may be pipelined (RFC 3501 §5.5): answers come back in
    /// order, so calling `finish` for each tag in turn gives each command its own untagged
    /// responses. `maxLiteral`, when given, applies from now on.
    package func begin(
        _ command: String, operation: String, mailbox: String?, uid: UInt32?, maxLiteral: Int? = nil
    ) throws(TransportError) -> String {
        let tag = "M\(nextTag)"
        nextTag += 1
        try send(Array("\(tag) \(command)\r\n".utf8), operation: operation, mailbox: mailbox, uid: uid)
        if let maxLiteral { reader.maxLiteral = maxLiteral }
        return tag
    }

    /// Reads responses up to the tagged completion of `tag`: the untagged responses since the
    /// previous completion, and the status. Past `limit`, a `.timeout` error.
    package func finish(
        tag: String, operation: String, mailbox: String?, uid: UInt32?, limit: ContinuousClock.Instant? = nil
    ) throws(TransportError) -> Completion {
        var untagged: [IMAPUntagged] = []
        var completion: (IMAPStatus, String)?
        try receive(operation: operation, mailbox: mailbox, uid: uid, deadline: nil, limit: limit) { response in
            switch response {
            case .untagged(let data): untagged.append(data)
            case .tagged(let got, let status, let text):
                if got == tag { completion = (status, text) }
            case .continuation: break
            }
            return completion != nil
        }
        guard let (status, text) = completion else {
            throw TransportError(.other, host: host, mailbox: mailbox, uid: uid, operation: operation, curlText: "no completion")
        }
        return Completion(untagged: untagged, status: status, text: text)
    }

    /// The size of a literal the last command had to discard (over `maxLiteral`), once.
    package func takeDiscardedLiteral() -> Int? {
        reader.takeDiscardedLiteral()
    }

    /// Sends raw bytes (IDLE's `DONE`, a command), waiting while the socket is busy.
    package func send(_ bytes: [UInt8], operation: String, mailbox: String?, uid: UInt32?) throws(TransportError) {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                easy.send(UnsafeRawBufferPointer(rebasing: raw[offset...]))
            }
            switch result {
            case .success(let sent): offset += sent
            case .failure(let outcome) where outcome.code == CURLE_AGAIN:
                guard wait(for: Int16(POLLOUT), milliseconds: stallMilliseconds) else {
                    throw TransportError(.timeout, host: host, mailbox: mailbox, uid: uid, operation: operation, curlCode: 28, curlText: "could not send for \(stallMilliseconds) ms")
                }
            case .failure(let outcome):
                throw TransportError(curl: outcome, host: host, mailbox: mailbox, uid: uid, operation: operation)
            }
        }
    }

    /// Reads responses and hands each to `handle` until it returns true. With a `deadline`,
    /// returns false when the deadline passes first, or as soon as `stop` says so (checked
    /// every 250 ms: IDLE ends promptly when the task is cancelled); without one, a silence
    /// longer than the stall timeout is a `.timeout` error, and so is still reading at `limit`.
    @discardableResult
    package func receive(
        operation: String, mailbox: String?, uid: UInt32?, deadline: ContinuousClock.Instant?,
        stop: StopSignal? = nil, limit: ContinuousClock.Instant? = nil, handle: (IMAPResponse) throws -> Bool
    ) throws(TransportError) -> Bool {
        var done = false
        // Responses that arrived in the same read as an earlier command's completion
        // (pipelined commands) come first.
        while !done, !pending.isEmpty {
            let response = pending.removeFirst()
            do {
                done = try handle(response)
            } catch {
                throw TransportError(.other, host: host, mailbox: mailbox, uid: uid, operation: operation, curlText: "\(error)")
            }
        }
        while !done {
            if let limit, ContinuousClock.now >= limit {
                throw TransportError(.timeout, host: host, mailbox: mailbox, uid: uid, operation: operation, curlCode: 28, curlText: "the answer was not complete in time")
            }
            switch easy.receive(into: buffer) {
            case .success(0):
                throw TransportError(.other, host: host, mailbox: mailbox, uid: uid, operation: operation, curlCode: 56, curlText: "the server closed the connection")
            case .success(let count):
                do {
                    try reader.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count])) { response in
                        if done {
                            pending.append(response)
                            return
                        }
                        done = try handle(response)
                    }
                } catch {
                    throw TransportError(.other, host: host, mailbox: mailbox, uid: uid, operation: operation, curlText: "\(error)")
                }
            case .failure(let outcome) where outcome.code == CURLE_AGAIN:
                var wait = stallMilliseconds
                if let deadline {
                    let left = ContinuousClock.now.duration(to: deadline)
                    if left <= .zero || stop?.isRaised == true { return false }
                    wait = Int32(clamping: TransportTimeouts.milliseconds(left))
                    if stop != nil { wait = min(wait, 250) }
                } else if let limit {
                    wait = min(wait, Int32(clamping: TransportTimeouts.milliseconds(ContinuousClock.now.duration(to: limit))))
                }
                if !self.wait(for: Int16(POLLIN), milliseconds: wait), deadline == nil {
                    if let limit, ContinuousClock.now >= limit { continue }  // said at the top of the loop
                    throw TransportError(.timeout, host: host, mailbox: mailbox, uid: uid, operation: operation, curlCode: 28, curlText: "no answer for \(stallMilliseconds) ms")
                }
            case .failure(let outcome):
                throw TransportError(curl: outcome, host: host, mailbox: mailbox, uid: uid, operation: operation)
            }
        }
        return true
    }

    /// poll(2) on curl's socket; false on timeout.
    private func wait(for events: Int16, milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: socket, events: events, revents: 0)
        while true {
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready != 0
        }
    }
}

/// Raised from another thread (a task's cancellation handler) to end a wait early.
package final class StopSignal: @unchecked Sendable {
    /// Unchecked: `raised` is only touched under `lock`.
    private let lock = NSLock()
    private var raised = false

    package init() {}

    package func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    package var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}

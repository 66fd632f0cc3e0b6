import Dispatch
import Foundation

/// The production mailbox: IMAP over libcurl, one reused connection, reconnecting by itself.
///
/// All IMAP work runs on one serial queue (curl calls block, and must not tie up Swift's
/// cooperative threads); `async` methods hop onto it. When the connection breaks (server
/// restarted, network gone, timeout), the operation is retried once on a fresh connection, so
/// a restart of the server costs one reconnect, not a stalled poller. Errors a person must fix
/// (password, certificate, missing mailbox) are not retried.
///
/// Nothing here changes a flag unless asked: `fetch` uses BODY.PEEK[].
public final class CurlIMAPMailbox: Mailbox, @unchecked Sendable {
    /// Unchecked: `session` is only read and written with `lock` held. `queue` gives blocking
    /// work (connecting, IDLE) a thread of its own.
    private let queue = DispatchQueue(label: "mail-intake.imap")
    private let lock = NSLock()
    private var session: IMAPSession?
    public let settings: IMAPSettings
    /// Test hook: act as if the server did not offer MOVE (exercise COPY + EXPUNGE).
    package let disableMove: Bool

    public init(settings: IMAPSettings) {
        self.settings = settings
        disableMove = false
    }

    package init(settings: IMAPSettings, disableMove: Bool) {
        self.settings = settings
        self.disableMove = disableMove
    }

    // MARK: Mailbox

    public func pending() async throws -> [MailboxEntry] {
        try await withSession { session throws(TransportError) in
            try session.refresh()
            // Everything still in the inbox, read or not: handled mail leaves it (Processed,
            // Failed), so a message someone opened in a mail client is never skipped.
            return try session.entries(session.search("UNDELETED"))
        }
    }

    public func all() async throws -> [MailboxEntry] {
        try await withSession { session throws(TransportError) in
            try session.refresh()
            return try session.allEntries()
        }
    }

    public func fetch(_ entry: MailboxEntry, maxBytes: Int) async throws -> [UInt8] {
        let limit = min(maxBytes, settings.maxMessageBytes)
        return try await withSession { session throws(TransportError) in try session.fetch(entry, maxBytes: limit) }
    }

    /// The batch's messages with their UID FETCHes pipelined on the one connection (up to
    /// `IMAPSession.fetchWindow` in flight), so a batch costs about one round trip, not one
    /// per message. A message over the limit is its own result. When the server refuses one
    /// message, the connection (which may still owe answers to commands in flight) is dropped
    /// and the rest are fetched one by one on a fresh one, each refusal its own result.
    public func fetch(_ entries: [MailboxEntry], maxBytes: Int) async throws -> [Result<[UInt8], any Error>] {
        guard entries.count > 1 else {
            return try await entries.asyncMap { entry in
                do {
                    return .success(try await fetch(entry, maxBytes: maxBytes))
                } catch let error as TransportError where error.concernsOneMessage {
                    return .failure(error)
                }
            }
        }
        let limit = min(maxBytes, settings.maxMessageBytes)
        let collected = FetchedBox()
        do {
            try await fetchEach(entries, maxBytes: limit) { entry, result in
                collected.set(entry.uid, result.mapError { $0 as any Error })
                return true
            }
        } catch let error as TransportError where error.concernsOneMessage {
            await dropSession()
        }
        var results = collected.results(for: entries)
        for entry in entries.dropFirst(results.count) {
            do {
                results.append(.success(try await fetch(entry, maxBytes: maxBytes)))
            } catch let error as TransportError where error.concernsOneMessage {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Moves a batch with one `UID MOVE <set>` (or COPY/STORE/EXPUNGE of the set).
    public func move(_ entries: [MailboxEntry], to folder: String) async throws {
        guard !entries.isEmpty else { return }
        try await withSession { session throws(TransportError) in try session.move(entries, to: folder) }
    }

    public func markSeen(_ entry: MailboxEntry) async throws {
        try await store(entry, adding: ["\\Seen"], removing: [])
    }

    public func move(_ entry: MailboxEntry, to folder: String) async throws {
        try await withSession { session throws(TransportError) in try session.move(entry, to: folder) }
    }

    /// IDLE (or NOOP polling) until the mailbox changes or `timeout` passes. Cancelling the
    /// task ends the wait within a quarter of a second (IDLE is closed with DONE), so a
    /// shutting-down poller is never held for the rest of the interval.
    public func waitForChange(timeout: Duration) async throws -> Bool {
        let stop = StopSignal()
        let changed = try await withTaskCancellationHandler {
            try await withSession(retry: false) { session throws(TransportError) in
                try session.waitForChange(timeout: timeout, stop: stop)
            }
        } onCancel: {
            stop.raise()
        }
        try Task.checkCancellation()
        return changed
    }

    // MARK: More than the protocol needs

    /// Fetches the messages in order and hands each one's bytes (or why it was refused) to
    /// `body` on the mailbox's queue: one UID FETCH BODY.PEEK[] per message, pipelined up to
    /// `IMAPSession.fetchWindow` commands deep on the one connection, and one hop onto the
    /// queue for the whole list. For exports and bulk catch-up. `body` returning false stops
    /// early. Only refusals for size come to `body`; other errors are thrown.
    public func fetchEach(
        _ entries: [MailboxEntry], maxBytes: Int,
        _ body: @escaping @Sendable (MailboxEntry, Result<[UInt8], TransportError>) -> Bool
    ) async throws {
        let limit = min(maxBytes, settings.maxMessageBytes)
        try await withSession { session throws(TransportError) in
            try session.fetchPipelined(entries, maxBytes: limit, body)
        }
    }

    /// Adds and removes flags (UID STORE).
    public func store(_ entry: MailboxEntry, adding: [String], removing: [String]) async throws {
        try await withSession { session throws(TransportError) in try session.store(entry, adding: adding, removing: removing) }
    }

    /// Messages with a UID above `uid` (for a poller that remembers the last UID it saw).
    public func entries(after uid: UInt32) async throws -> [MailboxEntry] {
        try await withSession { session throws(TransportError) in
            try session.refresh()
            return try session.entries(session.uids(after: uid))
        }
    }

    /// Connects (if needed), selects, and creates the processing folders when missing; a
    /// start-up check that turns a wrong password or a missing mailbox into an error at once.
    public func prepare() async throws {
        try await withSession { session throws(TransportError) in
            try session.ensureFolder(self.settings.processedFolder)
            try session.ensureFolder(self.settings.failedFolder)
        }
    }

    /// UIDVALIDITY, UIDNEXT and EXISTS as of the last command.
    public func status() async throws -> (uidValidity: UInt32, uidNext: UInt32, exists: Int) {
        try await withSession { session throws(TransportError) in
            try session.require("NOOP", operation: "NOOP")
            return (session.uidValidity, session.uidNext, session.exists)
        }
    }

    /// Every folder on the server, names decoded from modified UTF-7.
    public func folders() async throws -> [String] {
        try await withSession { session throws(TransportError) in try session.folders() }
    }

    /// The server's capabilities after login.
    public func capabilities() async throws -> Set<String> {
        try await withSession { session throws(TransportError) in session.connection.capabilities }
    }

    /// Logs out and closes the connection; the next call connects again.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.lock.lock()
                self.session?.connection.logout()
                self.session = nil
                self.lock.unlock()
                continuation.resume()
            }
        }
    }

    /// Forgets the connection without a word to the server (it may be out of step with it);
    /// the next call connects afresh.
    private func dropSession() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.lock.lock()
                self.session?.connection.hangUp()
                self.session = nil
                self.lock.unlock()
                continuation.resume()
            }
        }
    }

    // MARK: Connection handling

    /// Runs `body` with a connected session on the mailbox's queue; on a broken connection,
    /// reconnects and runs it once more.
    ///
    /// Always on the queue, never on the caller's thread: every curl call blocks (bounded by
    /// the stall timeout, IDLE by its deadline), and a blocked cooperative thread is one of
    /// only a few the whole process has, the monitoring server's among them. The queue's
    /// thread comes from dispatch's pool, which grows when its threads block.
    private func withSession<T: Sendable>(
        retry: Bool = true, _ body: @escaping @Sendable (IMAPSession) throws(TransportError) -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                self.lock.lock()
                defer { self.lock.unlock() }
                continuation.resume(with: Result { () throws(TransportError) -> T in try self.runLocked(retry: retry, body) })
            }
        }
    }

    /// Call with `lock` held.
    private func runLocked<T>(retry: Bool, _ body: (IMAPSession) throws(TransportError) -> T) throws(TransportError) -> T {
        let hadSession = session != nil
        let current = try connectedSession()
        do {
            return try body(current)
        } catch {
            guard Self.connectionBroken(error) else { throw error }
            forget(current)
            guard hadSession || retry else { throw error }
            // An old connection may simply have died (server restart): one fresh attempt.
            let fresh = try connectedSession()
            do {
                return try body(fresh)
            } catch {
                if Self.connectionBroken(error) { forget(fresh) }
                throw error
            }
        }
    }

    /// Drops a connection out of step with the server, hanging up at once (never a LOGOUT that
    /// waits on a server that stalls or trickles); the next call connects afresh. Call with `lock` held.
    private func forget(_ broken: IMAPSession) {
        broken.connection.hangUp()
        session = nil
    }

    private func connectedSession() throws(TransportError) -> IMAPSession {
        if let session { return session }
        let fresh = try IMAPSession(settings: settings)
        fresh.moveDisabled = disableMove
        session = fresh
        return fresh
    }

    /// Errors after which the connection cannot be trusted to be in step with the server.
    private static func connectionBroken(_ error: TransportError) -> Bool {
        switch error.code {
        case .other, .timeout, .connectionRefused: return true
        default: return false
        }
    }
}

/// Results handed over on the mailbox's queue, read back after the call returned.
///
/// Kept by UID, not appended: when the connection breaks mid-batch, the mailbox runs the whole
/// pipelined fetch once more on a fresh connection, and the messages before the break are
/// handed over a second time; appended, they would shift every later message onto the wrong
/// entry (a message recorded with another's bytes, or an index past the batch).
private final class FetchedBox: @unchecked Sendable {
    /// Unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var stored: [UInt32: Result<[UInt8], any Error>] = [:]

    func set(_ uid: UInt32, _ result: Result<[UInt8], any Error>) { lock.withLock { stored[uid] = result } }

    /// The results of `entries` in order, up to the first entry without one.
    func results(for entries: [MailboxEntry]) -> [Result<[UInt8], any Error>] {
        lock.withLock {
            var out: [Result<[UInt8], any Error>] = []
            for entry in entries {
                guard let result = stored[entry.uid] else { break }
                out.append(result)
            }
            return out
        }
    }
}

extension Array {
    /// `map` with an async transform, one element after the other.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for element in self { out.append(try await transform(element)) }
        return out
    }
}

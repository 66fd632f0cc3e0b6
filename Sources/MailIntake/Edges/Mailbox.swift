import Foundation

/// A message as a mailbox lists it, before it is fetched.
public struct MailboxEntry: Sendable, Hashable {
    /// IMAP UID (or, for a Maildir, a number stable for as long as the message stays there).
    public var uid: UInt32
    /// The message's size in bytes as the mailbox reports it (RFC822.SIZE, or the file size).
    public var size: Int
    /// IMAP-style flags: `\Seen`, `\Deleted`, …
    public var flags: Set<String>
    /// Identity across runs and restarts: "imap:<uidvalidity>:<uid>" or "maildir:<unique name>".
    public var key: String
    /// When the mailbox received the message (IMAP INTERNALDATE, or the Maildir delivery time),
    /// when known: callback deadlines count from arrival, not from when the bot got round to it.
    public var receivedAt: Date?

    public init(uid: UInt32, size: Int, flags: Set<String>, key: String, receivedAt: Date? = nil) {
        self.uid = uid
        self.size = size
        self.flags = flags
        self.key = key
        self.receivedAt = receivedAt
    }
}

/// Where requests arrive: IMAP over curl in production, a Maildir for the embedded default.
///
/// Implementations must never change a flag unless asked (`fetch` peeks), so that a crash
/// between fetching and recording never loses a message.
public protocol Mailbox: Sendable {
    /// Messages that have not been dealt with yet, in arrival order: everything still in the
    /// inbox that is not marked `\Deleted`, read or unread. Handled mail is moved out of the
    /// inbox, so `\Seen` proves nothing: a person may have opened a request in a mail client
    /// before the bot saw it (the helpdesk failure "marked read, never ticketed").
    func pending() async throws -> [MailboxEntry]
    /// Every message in the inbox, in arrival order.
    func all() async throws -> [MailboxEntry]
    /// The exact bytes of one message, without marking it seen. Throws when the message is
    /// larger than `maxBytes`, before reading it whole.
    func fetch(_ entry: MailboxEntry, maxBytes: Int) async throws -> [UInt8]
    /// Adds `\Seen`.
    func markSeen(_ entry: MailboxEntry) async throws
    /// Moves the message to a folder (created when missing), e.g. "Processed" or "Failed".
    func move(_ entry: MailboxEntry, to folder: String) async throws
    /// Moves several messages to one folder; a mailbox that can do it in one step (IMAP
    /// `UID MOVE` of a UID set) should, since a poll cycle moves a whole batch at once.
    func move(_ entries: [MailboxEntry], to folder: String) async throws
    /// The exact bytes of several messages, in order, each as `fetch(_:maxBytes:)` would
    /// return or throw it; a mailbox that can overlap the round trips (IMAP pipelining) should.
    /// Errors that concern the whole mailbox (connection lost) are thrown.
    func fetch(_ entries: [MailboxEntry], maxBytes: Int) async throws -> [Result<[UInt8], any Error>]
    /// Returns when the mailbox may have changed (IMAP IDLE: new mail arrived) or after
    /// `timeout`; true when a change was seen. Lets the poller pick up mail at once instead of
    /// at the next interval.
    func waitForChange(timeout: Duration) async throws -> Bool
}

extension Mailbox {
    /// One move after the other.
    public func move(_ entries: [MailboxEntry], to folder: String) async throws {
        for entry in entries { try await move(entry, to: folder) }
    }

    /// One fetch after the other; a message's own refusal is its result, a transport failure
    /// of the mailbox (anything but a refusal of that message) is thrown.
    public func fetch(_ entries: [MailboxEntry], maxBytes: Int) async throws -> [Result<[UInt8], any Error>] {
        var results: [Result<[UInt8], any Error>] = []
        for entry in entries {
            do {
                results.append(.success(try await fetch(entry, maxBytes: maxBytes)))
            } catch let error as TransportError where error.concernsOneMessage {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Mailboxes that cannot be watched just wait out the timeout (the poller then looks).
    public func waitForChange(timeout: Duration) async throws -> Bool {
        try await Task.sleep(for: timeout)
        return false
    }
}

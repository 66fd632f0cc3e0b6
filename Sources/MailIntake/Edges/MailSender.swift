/// An outgoing message, fully composed (RFC 5322 bytes with CRLF line endings).
public struct OutgoingMail: Sendable, Hashable {
    /// Envelope sender (MAIL FROM), a bare address.
    public var envelopeFrom: String
    /// Envelope recipients (RCPT TO), bare addresses.
    public var recipients: [String]
    /// The whole message, headers and body, CRLF line endings.
    public var bytes: [UInt8]
    /// A stable name for the message (e.g. the case id plus a counter), used by file outboxes
    /// and logs; never contains patient data.
    public var name: String

    public init(envelopeFrom: String, recipients: [String], bytes: [UInt8], name: String) {
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.bytes = bytes
        self.name = name
    }
}

/// What a sender did with a message.
public enum SendOutcome: Sendable, Hashable {
    /// Handed to the SMTP server (or written to the outbox folder).
    case sent
    /// Kept for a later attempt, with why.
    case queued(reason: String)
}

/// Sends replies: SMTP over curl in production, a folder of `.eml` files for the embedded default.
public protocol MailSender: Sendable {
    func send(_ mail: OutgoingMail) async throws -> SendOutcome
}

/// One mailbox from an address header (RFC 5322 §3.4), display name decoded.
public struct MailAddress: Sendable, Hashable, Codable {
    /// The decoded display name, or nil when there was none.
    public var name: String?
    /// The addr-spec, "local@domain", as written (not lower-cased).
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}

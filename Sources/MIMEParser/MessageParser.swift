/// Limits that bound the parser's work on hostile input. Exceeding one is recorded as a
/// warning and parsing continues with what is within bounds.
public struct MIMELimits: Sendable, Hashable {
    /// Bytes of one part's header block before the rest is treated as body.
    public var maxHeaderBytes: Int
    /// Nesting depth of multiparts and encapsulated messages.
    public var maxDepth: Int
    /// Parts in the whole message.
    public var maxParts: Int

    /// Open TNEF (winmail.dat) parts and uuencoded blocks in plain text into leaves.
    public var expandLegacyContainers: Bool

    public init(maxHeaderBytes: Int = 256 * 1024, maxDepth: Int = 32, maxParts: Int = 10_000, expandLegacyContainers: Bool = true) {
        self.maxHeaderBytes = max(1, maxHeaderBytes)
        self.maxDepth = max(1, maxDepth)
        self.maxParts = max(1, maxParts)
        self.expandLegacyContainers = expandLegacyContainers
    }

    public static let `default` = MIMELimits()
}

extension MIMEMessage {
    /// Parses a whole message. Never fails: defects become `warnings`.
    ///
    /// The header is split into fields, the body into the MIME tree (multiparts split at
    /// their boundaries, `message/rfc822` parsed recursively); leaf bodies are slices of
    /// `bytes`, transfer-decoded only when asked. Encapsulated messages whose body had to be
    /// decoded own their decoded bytes.
    public init(parsing bytes: [UInt8], limits: MIMELimits = .default) {
        var budget = EntityParser.Budget(partsLeft: limits.maxParts)
        self = EntityParser.parseMessage(bytes, limits: limits, prefix: "", depth: 0, budget: &budget)
    }
}

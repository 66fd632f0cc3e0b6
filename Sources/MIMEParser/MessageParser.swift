/// Limits that bound the parser's work on hostile input. Exceeding one is recorded as a
/// warning and parsing continues with what is within bounds.
public struct MIMELimits: Sendable, Hashable {
    /// Bytes of one part's header block before the rest is treated as body.
    public var maxHeaderBytes: Int
    /// Nesting depth of multiparts and encapsulated messages.
    public var maxDepth: Int
    /// Parts in the whole message.
    public var maxParts: Int

    public init(maxHeaderBytes: Int = 256 * 1024, maxDepth: Int = 32, maxParts: Int = 10_000) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxDepth = maxDepth
        self.maxParts = maxParts
    }

    public static let `default` = MIMELimits()
}

extension MIMEMessage {
    /// Parses a whole message. Never fails: defects become `warnings`.
    /// PLACEHOLDER until the real parser lands: one text/plain part, no header.
    public init(parsing bytes: [UInt8], limits: MIMELimits = .default) {
        let root = MIMEPart(
            path: "1", header: MIMEHeader(), contentType: .defaultText, disposition: nil,
            transferEncoding: .sevenBit, rawBody: bytes[...])
        self.init(bytes: bytes, header: MIMEHeader(), root: root, warnings: [MIMEWarning(partPath: "", message: "placeholder parser")])
    }
}

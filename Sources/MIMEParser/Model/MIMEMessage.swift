/// A parsed RFC 5322 message: its header, its tree of parts, and what was recovered on the way.
///
/// Parsing never fails: a broken message still yields a best-effort tree, and every defect
/// that was worked around is recorded in `warnings`. Part bodies are slices of the input
/// (no copies); they are transfer-decoded only on demand.
public struct MIMEMessage: Sendable {
    /// The exact bytes that were parsed.
    public let bytes: [UInt8]
    /// The top-level header (the message's own fields).
    public let header: MIMEHeader
    /// The root part. For a single-part message this is the only leaf.
    public let root: MIMEPart
    /// One human-readable note per recovered defect, in the order they were found.
    public let warnings: [MIMEWarning]

    public init(bytes: [UInt8], header: MIMEHeader, root: MIMEPart, warnings: [MIMEWarning]) {
        self.bytes = bytes
        self.header = header
        self.root = root
        self.warnings = warnings
    }
}

/// A defect the parser recovered from, with where it happened.
public struct MIMEWarning: Sendable, Hashable, CustomStringConvertible {
    /// The part path ("1.2") or "" for the top-level header.
    public let partPath: String
    /// What was wrong and what the parser did about it.
    public let message: String

    public init(partPath: String, message: String) {
        self.partPath = partPath
        self.message = message
    }

    public var description: String {
        partPath.isEmpty ? message : "part \(partPath): \(message)"
    }
}

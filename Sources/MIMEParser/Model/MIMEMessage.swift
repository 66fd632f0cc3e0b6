/// A parsed RFC 5322 message: its header, its tree of parts, and what was recovered on the way.
///
/// Parsing never fails: a broken message still yields a best-effort tree, and every defect
/// that was worked around is recorded in `warnings`. Part bodies are slices of the input
/// (no copies); they are transfer-decoded only on demand.
public struct MIMEMessage: Sendable {
    /// The exact bytes of this message. For a message inside a `message/rfc822` part that
    /// needed no decoding this copies them out of the enclosing message; `rawBytes` does not.
    public var bytes: [UInt8] {
        range == storage.indices ? storage : Array(storage[range])
    }
    /// This message's bytes without a copy: the slice of the buffer its parts' `rawBody`
    /// ranges index into (an encapsulated message shares its enclosing message's buffer).
    public var rawBytes: ArraySlice<UInt8> { storage[range] }
    /// The buffer the parts' bodies are slices of, and this message's range in it.
    let storage: [UInt8]
    let range: Range<Int>
    /// The top-level header (the message's own fields).
    public let header: MIMEHeader
    /// The root part. For a single-part message this is the only leaf.
    public let root: MIMEPart
    /// One human-readable note per recovered defect, in the order they were found.
    public let warnings: [MIMEWarning]

    public init(bytes: [UInt8], header: MIMEHeader, root: MIMEPart, warnings: [MIMEWarning]) {
        self.init(storage: bytes, range: bytes.indices, header: header, root: root, warnings: warnings)
    }

    /// A message occupying `range` of a shared buffer (encapsulated messages: no copy).
    init(storage: [UInt8], range: Range<Int>, header: MIMEHeader, root: MIMEPart, warnings: [MIMEWarning]) {
        self.storage = storage
        self.range = range
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

/// An ordered list of header fields. Names match case-insensitively; repeated fields are kept.
public struct MIMEHeader: Sendable {
    public var fields: [HeaderField]

    public init(fields: [HeaderField] = []) {
        self.fields = fields
    }
}

/// One header field as it appeared, with its value unfolded.
public struct HeaderField: Sendable, Hashable {
    /// The field name as written (compare with `MIMEHeader`'s case-insensitive lookup).
    public var name: String
    /// The unfolded value: CRLF + WSP folds removed, leading whitespace trimmed, not yet
    /// RFC 2047 decoded. Raw 8-bit bytes are read as UTF-8 (RFC 6532), else Latin-1.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

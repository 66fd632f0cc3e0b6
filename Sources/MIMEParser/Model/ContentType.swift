/// RFC 2045 §5.1 Content-Type: a media type and its parameters.
public struct ContentType: Sendable, Hashable {
    /// Lower-case type, e.g. "multipart".
    public var type: String
    /// Lower-case subtype, e.g. "mixed".
    public var subtype: String
    /// Parameters with lower-case names, RFC 2231 continuations joined and values decoded
    /// (RFC 2231 charsets, and RFC 2047 words inside quoted values, as real mail has them).
    public var parameters: [String: String]

    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// "type/subtype", lower case.
    public var mimeType: String { "\(type)/\(subtype)" }

    /// RFC 2045 §5.2: the default when no (valid) Content-Type is present.
    public static let defaultText = ContentType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"])
}

/// RFC 2183 Content-Disposition.
public struct ContentDisposition: Sendable, Hashable {
    /// Lower-case disposition type: "inline", "attachment", or another token.
    public var type: String
    /// Parameters with lower-case names, decoded as for `ContentType.parameters`.
    public var parameters: [String: String]

    public init(type: String, parameters: [String: String] = [:]) {
        self.type = type
        self.parameters = parameters
    }
}

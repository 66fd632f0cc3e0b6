/// Convenience readings of a part's MIME fields.
extension MIMEPart {
    /// The file name: Content-Disposition `filename`, else Content-Type `name` (both with
    /// RFC 2231 and RFC 2047 decoding applied by the parser). Path separators are kept;
    /// sanitising is the caller's business.
    public var filename: String? {
        if let f = disposition?.parameters["filename"], !f.isEmpty { return f }
        if let n = contentType.parameters["name"], !n.isEmpty { return n }
        return nil
    }

    /// The charset parameter, lower case, or nil.
    public var charset: String? {
        contentType.parameters["charset"].map { Charsets.normalise($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Content-ID without its angle brackets.
    public var contentID: String? {
        guard var v = header["Content-ID"]?.trimmingWhitespace(), !v.isEmpty else { return nil }
        if v.hasPrefix("<") { v.removeFirst() }
        if v.hasSuffix(">") { v.removeLast() }
        return v.isEmpty ? nil : v
    }

    /// True for parts a reader would call attachments: `Content-Disposition: attachment`, any
    /// part with a file name (Apple Mail sends attached pictures as inline with a name), and
    /// leaves other than text without an `inline` disposition. Body pictures referenced by
    /// `cid:` are still attachments here; callers that care compare `contentID` with the HTML.
    public var isAttachment: Bool {
        guard isLeaf else { return false }
        if disposition?.type == "attachment" { return true }
        if filename != nil { return true }
        if disposition?.type == "inline" { return false }
        switch contentType.type {
        case "text", "multipart": return false
        case "message": return contentType.subtype == "rfc822" || contentType.subtype == "global"
        default: return true
        }
    }
}

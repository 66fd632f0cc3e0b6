/// Re-reads message header fields that carried raw 8-bit bytes which are not UTF-8.
///
/// RFC 6532 allows raw UTF-8 only; older mailers write the body's charset (windows-1256,
/// KOI8-R, ISO-8859-x) into headers unencoded. The header parser reads such fields as
/// Latin-1, which keeps every byte as one scalar; here they are decoded again in the charset
/// of the message's first text part when that charset accepts the bytes, else left as
/// Latin-1. Either way one warning per field says what was done.
enum RawHeaderCharset {
    static func redecode(_ header: inout MIMEHeader, fields: [Int], guidedBy root: MIMEPart, path: String, warnings: inout [MIMEWarning]) {
        let guess = firstTextCharset(root)
        for index in fields where index < header.fields.count {
            let field = header.fields[index]
            let bytes = field.value.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
            if let charset = guess {
                let c = Charsets.decode(bytes, charset: charset)
                if c.warning == nil {
                    header.fields[index].value = c.text
                    warnings.append(MIMEWarning(partPath: path, message: "header field \(field.name) has raw 8-bit bytes; read as \(charset), the charset of the text"))
                    continue
                }
            }
            warnings.append(latin1Warning(field.name, path: path))
        }
    }

    /// The note for a field left as Latin-1 (also for body-part headers, which are not re-read).
    static func latin1Warning(_ name: String, path: String) -> MIMEWarning {
        MIMEWarning(partPath: path, message: "header field \(name) has 8-bit bytes that are not UTF-8; read as Latin-1")
    }

    /// The charset label of the first text leaf (depth-first, not inside forwards), unless it
    /// is one that cannot explain non-UTF-8 bytes.
    static func firstTextCharset(_ part: MIMEPart) -> String? {
        if part.children.isEmpty {
            guard part.contentType.type == "text", let cs = part.charset else { return nil }
            return ["us-ascii", "ascii", "utf-8", "utf8"].contains(cs) ? nil : cs
        }
        for child in part.children {
            if let cs = firstTextCharset(child) { return cs }
        }
        return nil
    }
}

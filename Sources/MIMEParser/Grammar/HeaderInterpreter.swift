/// Reads the MIME fields of one entity's header (RFC 2045 §5–6, RFC 2183) into the model,
/// defaulting and noting what is missing or broken.
enum HeaderInterpreter {
    struct Info {
        var contentType: ContentType
        var disposition: ContentDisposition?
        var transferEncoding: TransferEncoding
    }

    static func interpret(_ header: MIMEHeader, path: String, defaultType: ContentType, warnings: inout [MIMEWarning]) -> Info {
        var contentTypeValue: String?
        var dispositionValue: String?
        var encodingValue: String?
        for field in header.fields {
            let name = field.name
            // Cheap pre-filter: every field of interest starts with "content-".
            guard name.utf8.count > 8, let first = name.utf8.first, first | 0x20 == 0x63 else { continue }
            if name.caseInsensitiveEquals("content-type") {
                if contentTypeValue == nil { contentTypeValue = field.value } else { note(&warnings, path, "repeated Content-Type; the first is used") }
            } else if name.caseInsensitiveEquals("content-disposition") {
                if dispositionValue == nil { dispositionValue = field.value }
            } else if name.caseInsensitiveEquals("content-transfer-encoding") {
                if encodingValue == nil { encodingValue = field.value }
            }
        }
        var info = Info(contentType: defaultType, disposition: nil, transferEncoding: .sevenBit)
        if let v = contentTypeValue {
            info.contentType = contentType(unwrapped(v, "Content-Type", path, &warnings), path: path, defaultType: defaultType, warnings: &warnings)
        }
        if let raw = dispositionValue {
            let v = unwrapped(raw, "Content-Disposition", path, &warnings)
            let parsed = ParameterParser.parse(v)
            for n in parsed.notes { note(&warnings, path, "Content-Disposition: \(n)") }
            if parsed.value.isEmpty {
                note(&warnings, path, "empty Content-Disposition type; ignored")
            }
            info.disposition = ContentDisposition(type: parsed.value.isEmpty ? "attachment" : parsed.value, parameters: parsed.parameters)
            if parsed.value.isEmpty && parsed.parameters["filename"] == nil { info.disposition = nil }
        }
        if let v = encodingValue {
            info.transferEncoding = transferEncoding(v, path: path, warnings: &warnings)
        }
        return info
    }

    /// A structured field written wholly as encoded words (Python's compat32 policy does this
    /// to Content-Disposition with a non-ASCII file name) is decoded before it is parsed.
    private static func unwrapped(_ value: String, _ name: String, _ path: String, _ warnings: inout [MIMEWarning]) -> String {
        guard value.utf8.first == ASCII.equals, value.hasPrefix("=?") else { return value }
        let decoded = Decoding.decodeEncodedWords(value)
        guard decoded != value else { return value }
        note(&warnings, path, "\(name) written as RFC 2047 encoded words; decoded before parsing")
        return decoded
    }

    // RFC 2045 §5.1: type "/" subtype; a broken value falls back to the default (§5.2).
    static func contentType(_ value: String, path: String, defaultType: ContentType, warnings: inout [MIMEWarning]) -> ContentType {
        let parsed = ParameterParser.parse(value)
        for n in parsed.notes { note(&warnings, path, "Content-Type: \(n)") }
        let v = parsed.value
        guard let slash = v.firstIndex(of: "/") else {
            // Seen in the wild: "text" alone, or an empty value.
            if v == "text" { return ContentType(type: "text", subtype: "plain", parameters: parsed.parameters) }
            note(&warnings, path, "Content-Type \"\(v)\" has no subtype; \(defaultType.mimeType) assumed")
            return fallback(defaultType, keeping: parsed.parameters)
        }
        let type = String(v[..<slash])
        let subtype = String(v[v.index(after: slash)...])
        guard isToken(type), isToken(subtype) else {
            note(&warnings, path, "malformed Content-Type \"\(v)\"; \(defaultType.mimeType) assumed")
            return fallback(defaultType, keeping: parsed.parameters)
        }
        return ContentType(type: type, subtype: subtype, parameters: parsed.parameters)
    }

    /// The default type for a broken Content-Type, keeping what is still readable in it: the
    /// file's `name` (an attachment must not lose its name because its type was garbled) and,
    /// for text, the charset.
    private static func fallback(_ defaultType: ContentType, keeping parameters: [String: String]) -> ContentType {
        var t = defaultType
        if let name = parameters["name"] { t.parameters["name"] = name }
        if let cs = parameters["charset"], t.type == "text" { t.parameters["charset"] = cs }
        return t
    }

    // RFC 2045 §6.1: mechanism := "7bit" / "8bit" / "binary" / "quoted-printable" / "base64" / x-token
    static func transferEncoding(_ value: String, path: String, warnings: inout [MIMEWarning]) -> TransferEncoding {
        // Fast path: the exact tokens, any case, as nearly all mail writes them.
        let u = value.utf8
        switch u.count {
        case 4 where value.caseInsensitiveEquals("7bit"): return .sevenBit
        case 4 where value.caseInsensitiveEquals("8bit"): return .eightBit
        case 6 where value.caseInsensitiveEquals("base64"): return .base64
        case 6 where value.caseInsensitiveEquals("binary"): return .binary
        case 16 where value.caseInsensitiveEquals("quoted-printable"): return .quotedPrintable
        default: break
        }
        var v = value.trimmingWhitespace().lowercased()
        if let cut = v.firstIndex(where: { $0 == ";" || $0 == " " || $0 == "(" }) { v = String(v[..<cut]) }
        if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
        switch v {
        case "7bit", "": return .sevenBit
        case "8bit", "8-bit": return .eightBit
        case "binary": return .binary
        case "quoted-printable", "quoted_printable", "qp": return .quotedPrintable
        case "base64", "base-64", "x-base64": return .base64
        default:
            note(&warnings, path, "unknown Content-Transfer-Encoding \"\(v)\"; body kept as is")
            return .other(v)
        }
    }

    private static func isToken(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != ASCII.quote && $0 != ASCII.openParen && $0 != ASCII.closeParen && $0 != 0x2F }
    }

    private static func note(_ warnings: inout [MIMEWarning], _ path: String, _ message: String) {
        warnings.append(MIMEWarning(partPath: path, message: message))
    }
}

extension TransferEncoding {
    /// The token as written in Content-Transfer-Encoding.
    public var label: String {
        switch self {
        case .sevenBit: return "7bit"
        case .eightBit: return "8bit"
        case .binary: return "binary"
        case .quotedPrintable: return "quoted-printable"
        case .base64: return "base64"
        case .other(let s): return s
        }
    }
}

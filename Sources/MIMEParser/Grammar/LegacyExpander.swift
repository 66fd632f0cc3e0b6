/// Opens legacy containers found in leaves, so their files become leaves of the tree:
/// Outlook's TNEF (`winmail.dat`) and uuencoded blocks inside plain-text bodies.
///
/// A container leaf becomes a part with synthesised children (`origin` `.tnef` or
/// `.uuencode`, bodies already decoded, transfer encoding `binary`). For uuencode the first
/// child is the text with the blocks removed, so the body text stays readable. A container
/// that yields no file is left as it was.
enum LegacyExpander {
    /// Expands `part` in place when it is a TNEF stream or a text with uuencoded files.
    static func expand(_ part: inout MIMEPart, warnings: inout [MIMEWarning]) {
        let type = part.contentType
        if type.type == "application", type.subtype == "ms-tnef" || type.subtype == "vnd.ms-tnef"
            || part.filename?.lowercased() == "winmail.dat"
        {
            expandTNEF(&part, warnings: &warnings)
        } else if type.type == "text", type.subtype == "plain", !part.isAttachment, UUEncode.mayContainBlock(part.rawBody) {
            expandUUEncode(&part, warnings: &warnings)
        }
    }

    private static func expandTNEF(_ part: inout MIMEPart, warnings: inout [MIMEWarning]) {
        let body = part.decodedBody()
        guard TNEF.hasSignature(body[...]) else {
            warnings.append(MIMEWarning(partPath: part.path, message: "TNEF part without the TNEF signature; kept as is"))
            return
        }
        let extraction = TNEF.extract(body[...])
        warnings += extraction.warnings.map { MIMEWarning(partPath: part.path, message: $0) }
        guard !extraction.files.isEmpty else { return }
        part.children = extraction.files.enumerated().map { n, file in
            synthesised(path: "\(part.path).\(n + 1)", filename: file.filename, mimeType: file.mimeType, bytes: file.bytes, origin: .tnef)
        }
    }

    private static func expandUUEncode(_ part: inout MIMEPart, warnings: inout [MIMEWarning]) {
        let body = part.decodedBody()
        guard let extraction = UUEncode.extract(body[...]) else { return }
        warnings += extraction.warnings.map { MIMEWarning(partPath: part.path, message: $0) }
        var text = MIMEPart(
            path: "\(part.path).1", header: MIMEHeader(), contentType: part.contentType, disposition: nil,
            transferEncoding: .binary, rawBody: extraction.text[...], origin: .uuencode)
        text.contentType.parameters["name"] = nil
        part.children = [text] + extraction.files.enumerated().map { n, file in
            synthesised(path: "\(part.path).\(n + 2)", filename: file.filename, mimeType: nil, bytes: file.bytes, origin: .uuencode)
        }
    }

    private static func synthesised(path: String, filename: String?, mimeType: String?, bytes: [UInt8], origin: PartOrigin) -> MIMEPart {
        var type = ContentType(type: "application", subtype: "octet-stream")
        if let m = (mimeType ?? filename.flatMap(guessType))?.lowercased(), let slash = m.firstIndex(of: "/") {
            type = ContentType(type: String(m[..<slash]), subtype: String(m[m.index(after: slash)...]))
        }
        let disposition = ContentDisposition(type: "attachment", parameters: filename.map { ["filename": $0] } ?? [:])
        return MIMEPart(
            path: path, header: MIMEHeader(), contentType: type, disposition: disposition,
            transferEncoding: .binary, rawBody: bytes[...], origin: origin)
    }

    /// A media type from a file name's extension, for files that arrive without one.
    static func guessType(_ filename: String) -> String? {
        guard let dot = filename.lastIndex(of: ".") else { return nil }
        switch filename[filename.index(after: dot)...].lowercased() {
        case "pdf": return "application/pdf"
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "gif": return "image/gif"
        case "bmp": return "image/bmp"
        case "tif", "tiff": return "image/tiff"
        case "txt": return "text/plain"
        case "rtf": return "application/rtf"
        case "htm", "html": return "text/html"
        case "zip": return "application/zip"
        case "doc": return "application/msword"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "odt": return "application/vnd.oasis.opendocument.text"
        default: return nil
        }
    }
}

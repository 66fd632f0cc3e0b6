/// The hook the tree builder calls on every leaf: unpacks the legacy containers that hide
/// files from a MIME reader, so that `MIMEMessage.leaves` lists the files themselves.
///
/// - An Outlook TNEF part (`application/ms-tnef`, "winmail.dat") becomes the parent of the
///   files it carries; when nothing can be extracted it stays a leaf, so the file is not lost.
/// - A `text/plain` body with uuencoded blocks becomes the parent of the text (without the
///   blocks, already transfer-decoded, keeping the leaf's own path) followed by the files.
///
/// Synthesised files are numbered under the leaf: "<path>.1", "<path>.2", … They have no
/// header, `origin` `.tnef` or `.uuencode`, a content type guessed from the file name,
/// `Content-Disposition: attachment` with the file name, and `rawBody` holding the decoded
/// bytes (`transferEncoding` `.binary`, so decoding them again is the identity).
package enum LegacyContainers {
    /// What to make of one leaf: nil when it is not a legacy container (the common case, and
    /// cheap); otherwise the parts it should get as children (empty when nothing could be
    /// extracted) and the defects met on the way.
    package static func expand(_ leaf: MIMEPart, path: String) -> (parts: [MIMEPart], warnings: [MIMEWarning])? {
        guard leaf.isLeaf, leaf.origin == .mime else { return nil }
        if isTNEF(leaf) { return expandTNEF(leaf, path: path) }
        if isPlainTextBody(leaf) { return expandUUEncode(leaf, path: path) }
        return nil
    }

    /// Declared as TNEF, or named winmail.dat (often sent as application/octet-stream).
    static func isTNEF(_ part: MIMEPart) -> Bool {
        let type = part.contentType.mimeType
        if type == "application/ms-tnef" || type == "application/vnd.ms-tnef" { return true }
        return part.filename?.lowercased() == "winmail.dat"
    }

    /// A text/plain body that is the message's text, not a text file attached to it.
    static func isPlainTextBody(_ part: MIMEPart) -> Bool {
        part.contentType.mimeType == "text/plain" && part.disposition?.type != "attachment"
    }

    static func expandTNEF(_ leaf: MIMEPart, path: String) -> (parts: [MIMEPart], warnings: [MIMEWarning]) {
        let body = leaf.decodedBody()
        guard TNEF.hasSignature(body[...]) else {
            return ([], [MIMEWarning(partPath: path, message: "\(leaf.filename ?? "TNEF part") is not a TNEF stream; kept as it is")])
        }
        let extraction = TNEF.extract(body[...])
        var warnings = extraction.warnings.map { MIMEWarning(partPath: path, message: $0) }
        if extraction.files.isEmpty {
            warnings.append(MIMEWarning(partPath: path, message: "TNEF part carries no files; kept as it is"))
        }
        let parts = extraction.files.enumerated().map { index, file in
            synthesisedLeaf(
                filename: file.filename, declaredType: file.mimeType, bytes: file.bytes, path: "\(path).\(index + 1)", origin: .tnef)
        }
        return (parts, warnings)
    }

    static func expandUUEncode(_ leaf: MIMEPart, path: String) -> (parts: [MIMEPart], warnings: [MIMEWarning])? {
        // Identity encodings need no copy to be scanned; the common body has no "begin " line.
        let identity: Bool
        switch leaf.transferEncoding {
        case .base64, .quotedPrintable: identity = false
        default: identity = true
        }
        if identity, !UUEncode.mayContainBlock(leaf.rawBody) { return nil }
        let body = identity ? leaf.rawBody : leaf.decodedBody()[...]
        guard let extraction = UUEncode.extract(body) else { return nil }
        var text = leaf
        text.rawBody = extraction.text[...]
        text.transferEncoding = .binary
        var parts = [text]
        for (index, file) in extraction.files.enumerated() {
            parts.append(
                synthesisedLeaf(
                    filename: file.filename, declaredType: nil, bytes: file.bytes, path: "\(path).\(index + 1)", origin: .uuencode))
        }
        return (parts, extraction.warnings.map { MIMEWarning(partPath: path, message: $0) })
    }

    static func synthesisedLeaf(filename: String?, declaredType: String?, bytes: [UInt8], path: String, origin: PartOrigin)
        -> MIMEPart
    {
        var parameters: [String: String] = [:]
        if let filename { parameters["filename"] = filename }
        return MIMEPart(
            path: path, header: MIMEHeader(), contentType: FileTypes.contentType(filename: filename, declared: declaredType),
            disposition: ContentDisposition(type: "attachment", parameters: parameters), transferEncoding: .binary,
            rawBody: bytes[...], origin: origin)
    }
}

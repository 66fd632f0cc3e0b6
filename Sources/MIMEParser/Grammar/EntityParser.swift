/// Builds the MIME tree of one message from its bytes (RFC 2045/2046): headers, then a
/// body that is a leaf, a multipart split at its boundary, or an encapsulated message
/// parsed recursively. Bodies stay slices of the input; nothing is decoded here except
/// transfer-encoded `message/rfc822` bodies, which must be decoded to be parsed.
struct EntityParser {
    /// Work left for the whole parse, shared with encapsulated messages.
    struct Budget {
        var partsLeft: Int
        var warnedParts = false
    }

    let bytes: [UInt8]
    let buffer: UnsafeBufferPointer<UInt8>
    let limits: MIMELimits
    var warnings: [MIMEWarning] = []

    /// Parses `bytes` as a message whose part paths start with `prefix` ("" at the top).
    static func parseMessage(_ bytes: [UInt8], limits: MIMELimits, prefix: String, depth: Int, budget: inout Budget) -> MIMEMessage {
        bytes.withUnsafeBufferPointer { buf in
            EntityParser(bytes: bytes, buffer: buf, limits: limits)
                .parseMessage(in: 0..<buf.count, prefix: prefix, depth: depth, budget: &budget)
        }
    }

    /// Parses `range` of this parser's buffer as a message of its own (its warnings its own).
    func parseMessage(in range: Range<Int>, prefix: String, depth: Int, budget: inout Budget) -> MIMEMessage {
        var parser = EntityParser(bytes: bytes, buffer: buffer, limits: limits)
        let (header, root) = parser.parseMessageRoot(range, prefix: prefix, depth: depth, budget: &budget)
        parser.checkMessageFields(header, path: prefix)
        return MIMEMessage(storage: bytes, range: range, header: header, root: root, warnings: parser.warnings)
    }

    /// The message's own header and its root part. A multipart root takes the prefix as its
    /// path (its children are "1", "2"… or "prefix.1"…); a single-part root is "1" or "prefix.1".
    mutating func parseMessageRoot(_ range: Range<Int>, prefix: String, depth: Int, budget: inout Budget) -> (MIMEHeader, MIMEPart) {
        let block = HeaderBlockParser(buffer: buffer, limits: limits)
            .parse(range, path: prefix, allowMboxLine: prefix.isEmpty, warnings: &warnings)
        var header = MIMEHeader(fields: block.fields)
        let leafPath = prefix.isEmpty ? "1" : prefix + ".1"
        let info = HeaderInterpreter.interpret(header, path: prefix, defaultType: .defaultText, warnings: &warnings)
        let containerPath = isContainer(info.contentType, depth: depth) == .multipart ? prefix : leafPath
        budget.partsLeft -= 1
        var root = buildPart(header: header, info: info, body: block.bodyStart..<range.upperBound, path: containerPath, depth: depth, budget: &budget)
        // A multipart whose boundary never occurs is kept as a leaf: it then needs a leaf's
        // path ("1", "prefix.1"), not the container's ("" or the enclosing part's own path).
        if root.isLeaf { root.path = leafPath }
        if !block.latin1Fields.isEmpty {
            // Raw 8-bit header bytes that are not UTF-8 are usually in the body's charset
            // (old mailers, windows-1256 or KOI8-R mail): read them so when that works.
            RawHeaderCharset.redecode(&header, fields: block.latin1Fields, guidedBy: root, path: prefix, warnings: &warnings)
            root.header = header
        }
        return (header, root)
    }

    /// Notes unreadable Date and From fields of a message header (RFC 5322 §3.6).
    private mutating func checkMessageFields(_ header: MIMEHeader, path: String) {
        if let d = header["Date"], DateParser.parse(d) == nil {
            warnings.append(MIMEWarning(partPath: path, message: "unparseable Date field"))
        }
        if let f = header["From"], AddressParser.parseList(f).isEmpty {
            warnings.append(MIMEWarning(partPath: path, message: "From field has no readable address"))
        }
        if let subject = header["Subject"], subject.hasEncodedWordMarker, let w = Decoding.decodeEncodedWordsNoting(subject).warning {
            warnings.append(MIMEWarning(partPath: path, message: "Subject: \(w)"))
        }
    }

    private enum Kind { case leaf, multipart, message }

    private func isContainer(_ type: ContentType, depth: Int) -> Kind {
        guard depth < limits.maxDepth else { return .leaf }
        if type.type == "multipart", let b = type.parameters["boundary"], !b.isEmpty { return .multipart }
        if type.type == "message", type.subtype == "rfc822" || type.subtype == "global" { return .message }
        return .leaf
    }

    /// One body part of a multipart: its own header, then its body.
    private mutating func parseBodyPart(_ range: Range<Int>, path: String, depth: Int, defaultType: ContentType, budget: inout Budget) -> MIMEPart {
        let block = HeaderBlockParser(buffer: buffer, limits: limits).parse(range, path: path, allowMboxLine: false, warnings: &warnings)
        let header = MIMEHeader(fields: block.fields)
        for index in block.latin1Fields {
            warnings.append(RawHeaderCharset.latin1Warning(block.fields[index].name, path: path))
        }
        let info = HeaderInterpreter.interpret(header, path: path, defaultType: defaultType, warnings: &warnings)
        return buildPart(header: header, info: info, body: block.bodyStart..<range.upperBound, path: path, depth: depth, budget: &budget)
    }

    private mutating func buildPart(header: MIMEHeader, info: HeaderInterpreter.Info, body: Range<Int>, path: String, depth: Int, budget: inout Budget) -> MIMEPart {
        var part = MIMEPart(
            path: path, header: header, contentType: info.contentType, disposition: info.disposition,
            transferEncoding: info.transferEncoding, rawBody: bytes[body])
        let type = info.contentType
        if depth >= limits.maxDepth, type.type == "multipart" || type.type == "message" {
            warnings.append(MIMEWarning(partPath: path, message: "nesting deeper than \(limits.maxDepth) levels; \(type.mimeType) kept as a leaf"))
            return part
        }
        switch isContainer(type, depth: depth) {
        case .leaf:
            if type.type == "multipart" {
                // Without a boundary nothing can be split; the body is most likely the
                // message's text, so it is read as text (as Python's email package does).
                warnings.append(MIMEWarning(partPath: path, message: "\(type.mimeType) without a boundary parameter; read as text/plain"))
                part.contentType = ContentType(type: "text", subtype: "plain", parameters: type.parameters.filter { $0.key == "charset" })
            } else if limits.expandLegacyContainers {
                LegacyExpander.expand(&part, warnings: &warnings)
            }
        case .multipart:
            part.children = splitMultipart(body, type: type, path: path, depth: depth, budget: &budget)
        case .message:
            part.encapsulated = parseEncapsulated(part, path: path, depth: depth, budget: &budget)
        }
        return part
    }

    private mutating func splitMultipart(_ body: Range<Int>, type: ContentType, path: String, depth: Int, budget: inout Budget) -> [MIMEPart] {
        let boundary = Array((type.parameters["boundary"] ?? "").utf8)
        let split = BoundaryScanner(buffer: buffer).split(body, boundary: boundary, maxParts: max(0, budget.partsLeft))
        if split.parts.isEmpty {
            warnings.append(MIMEWarning(partPath: path, message: "\(type.mimeType) has no body parts (boundary \"\(type.parameters["boundary"] ?? "")\" not found)"))
            return []
        }
        if !split.closed {
            if split.epilogue != nil {
                budget.warnedParts = true
                warnings.append(MIMEWarning(partPath: path, message: "more than \(limits.maxParts) parts; the rest are not parsed"))
            } else {
                warnings.append(MIMEWarning(partPath: path, message: "\(type.mimeType) has no closing boundary; the last part runs to the end"))
            }
        }
        let childDefault = type.subtype == "digest" ? ContentType(type: "message", subtype: "rfc822") : ContentType.defaultText
        var children: [MIMEPart] = []
        children.reserveCapacity(split.parts.count)
        for (n, range) in split.parts.enumerated() {
            guard budget.partsLeft > 0 else {
                if !budget.warnedParts {
                    budget.warnedParts = true
                    warnings.append(MIMEWarning(partPath: path, message: "more than \(limits.maxParts) parts; the rest are not parsed"))
                }
                break
            }
            budget.partsLeft -= 1
            let childPath = path.isEmpty ? String(n + 1) : "\(path).\(n + 1)"
            children.append(parseBodyPart(range, path: childPath, depth: depth + 1, defaultType: childDefault, budget: &budget))
        }
        return children
    }

    /// RFC 2046 §5.2.1: the body of a message/rfc822 part is a message. Transfer-encoded
    /// bodies (base64 is not allowed there, but is sent) are decoded first.
    private mutating func parseEncapsulated(_ part: MIMEPart, path: String, depth: Int, budget: inout Budget) -> EncapsulatedMessage? {
        let message: MIMEMessage
        switch part.transferEncoding {
        case .base64, .quotedPrintable:
            warnings.append(MIMEWarning(partPath: path, message: "message/rfc822 with \(part.transferEncoding.label) transfer encoding; decoded before parsing"))
            let inner = part.decodedBody()
            guard inner.contains(where: { !ASCII.isWhitespace($0) }) else { return emptyEncapsulated(path) }
            message = EntityParser.parseMessage(inner, limits: limits, prefix: path, depth: depth + 1, budget: &budget)
        default:
            // Parsed in place: nested forwards cost no copies, however deep.
            guard part.rawBody.contains(where: { !ASCII.isWhitespace($0) }) else { return emptyEncapsulated(path) }
            message = parseMessage(in: part.rawBody.indices, prefix: path, depth: depth + 1, budget: &budget)
        }
        warnings.append(contentsOf: message.warnings)
        return EncapsulatedMessage(message)
    }

    private mutating func emptyEncapsulated(_ path: String) -> EncapsulatedMessage? {
        warnings.append(MIMEWarning(partPath: path, message: "message/rfc822 part is empty"))
        return nil
    }
}

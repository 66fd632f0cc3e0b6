/// Transfer decoding of part bodies (RFC 2045 §6), on demand.
///
/// `decodedBody()` decodes the whole body at once; `decodeBody(to:)` decodes in chunks of
/// `chunkSize` input bytes into a reused buffer, so a 40 MB attachment can be written to a
/// file with memory bounded by the chunk, not the attachment. Both use the streaming
/// decoders for base64 and quoted-printable; 7bit, 8bit, binary and unknown encodings are
/// the identity.
extension MIMEPart {
    /// Input bytes handed to the streaming decoders per step of `decodeBody(to:)`.
    public static let decodeChunkSize = 256 * 1024

    /// The body with its transfer encoding undone.
    public func decodedBody() -> [UInt8] {
        decodedBodyReporting().bytes
    }

    /// The body with its transfer encoding undone, and what the decoder had to skip.
    public func decodedBodyReporting() -> (bytes: [UInt8], report: DecodeReport?) {
        switch transferEncoding {
        case .base64:
            var out: [UInt8] = []
            out.reserveCapacity(rawBody.count / 4 * 3 + 3)
            let report = rawBody.withUnsafeBytes { Base64.decode($0, into: &out) }
            return (out, report)
        case .quotedPrintable:
            var out: [UInt8] = []
            out.reserveCapacity(rawBody.count)
            let report = rawBody.withUnsafeBytes { QuotedPrintable.decode($0, into: &out) }
            return (out, report)
        case .sevenBit, .eightBit, .binary, .other:
            return (Array(rawBody), nil)
        }
    }

    /// Streams the decoded body to `sink` in chunks (each buffer is valid only during the call).
    /// Returns what the decoder had to skip (nil for the identity encodings).
    @discardableResult
    public func decodeBody(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows -> DecodeReport? {
        let chunk = MIMEPart.decodeChunkSize
        switch transferEncoding {
        case .base64:
            // Sized to the body when it is small: a 256 KiB buffer per small leaf would cost
            // an mmap/munmap pair each time.
            return try decodeBody(with: Base64.StreamDecoder(), reserving: min(chunk, rawBody.count), to: sink)
        case .quotedPrintable:
            return try decodeBody(
                with: QuotedPrintable.StreamDecoder(), reserving: min(chunk, rawBody.count) + 4, to: sink)
        case .sevenBit, .eightBit, .binary, .other:
            var start = rawBody.startIndex
            while start < rawBody.endIndex {
                let end = min(start + chunk, rawBody.endIndex)
                try rawBody[start..<end].withUnsafeBytes(sink)
                start = end
            }
            return nil
        }
    }

    /// The text of a `text/*` leaf: transfer-decoded, then converted from its charset
    /// (falling back to UTF-8, then windows-1252, when the label is missing or wrong).
    /// Nil for other types.
    public func text() -> String? {
        textReporting()?.text
    }

    /// As `text()`, with the charset fallback note when one was needed.
    public func textReporting() -> (text: String, warning: String?)? {
        guard contentType.type == "text", isLeaf else { return nil }
        return textReporting(decoded: decodedBody())
    }

    /// As `textReporting()`, from the body the caller has already transfer-decoded, so a
    /// caller that also needs the bytes decodes them once.
    package func textReporting(decoded bytes: [UInt8]) -> (text: String, warning: String?)? {
        guard contentType.type == "text", isLeaf else { return nil }
        let c = Charsets.decode(bytes, charset: contentType.parameters["charset"])
        return (c.text, c.warning)
    }

    /// Feeds the body through `decoder` a chunk at a time, handing each non-empty piece of
    /// output to `sink` from one reused buffer of `capacity` bytes.
    private func decodeBody<Decoder: TransferStreamDecoder>(
        with decoder: Decoder, reserving capacity: Int, to sink: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> DecodeReport {
        let chunk = MIMEPart.decodeChunkSize
        var decoder = decoder
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        var start = rawBody.startIndex
        while start < rawBody.endIndex {
            let end = min(start + chunk, rawBody.endIndex)
            out.removeAll(keepingCapacity: true)
            rawBody[start..<end].withUnsafeBytes { decoder.decode($0, into: &out) }
            if !out.isEmpty { try out.withUnsafeBytes(sink) }
            start = end
        }
        out.removeAll(keepingCapacity: true)
        let report = decoder.finish(into: &out)
        if !out.isEmpty { try out.withUnsafeBytes(sink) }
        return report
    }
}

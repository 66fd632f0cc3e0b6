/// Parses a message that arrives in pieces (from IMAP, a socket, a file read in chunks).
///
/// `feed(_:)` takes the next bytes and says how far the parser has got; "need more bytes" is
/// an ordinary answer, not an error. Once the top-level header is complete it is available
/// through `header` before the body has arrived (enough to decide early, e.g. on the sender or
/// size). `finish()` ends the input and returns exactly what `MIMEMessage(parsing:)` returns
/// for the same bytes, however they were split.
public struct MIMEStreamParser: Sendable {
    /// What the parser knows after the bytes fed so far.
    public enum Progress: Sendable, Hashable {
        /// The top-level header is not complete yet.
        case needMoreBytes
        /// The top-level header is complete; body bytes are being collected.
        case readingBody(headerBytes: Int)
    }

    public let limits: MIMELimits
    private var buffer: [UInt8] = []
    /// Where the scan for the header's end resumes (no byte is looked at twice).
    private var scanPosition = 0
    private var headerEnd: Int?
    private var lastLineStart = 0

    public init(limits: MIMELimits = .default, expectedSize: Int? = nil) {
        self.limits = limits
        if let n = expectedSize, n > 0 { buffer.reserveCapacity(n) }
    }

    /// Bytes received so far.
    public var byteCount: Int { buffer.count }

    /// The top-level header once it is complete, else nil.
    public var header: MIMEHeader? {
        guard let end = headerEnd else { return nil }
        return buffer.withUnsafeBufferPointer { buf in
            var ignored: [MIMEWarning] = []
            return MIMEHeader(fields: HeaderBlockParser(buffer: buf, limits: limits)
                .parse(0..<end, path: "", allowMboxLine: true, warnings: &ignored).fields)
        }
    }

    /// Appends the next bytes of the message.
    @discardableResult
    public mutating func feed(_ chunk: some Collection<UInt8>) -> Progress {
        buffer.append(contentsOf: chunk)
        if headerEnd == nil { scanForHeaderEnd() }
        if let end = headerEnd { return .readingBody(headerBytes: end) }
        return .needMoreBytes
    }

    /// Ends the input and parses everything fed.
    public mutating func finish() -> MIMEMessage {
        let bytes = buffer
        buffer = []
        scanPosition = 0
        headerEnd = nil
        lastLineStart = 0
        return MIMEMessage(parsing: bytes, limits: limits)
    }

    /// Finds the empty line ending the top-level header, resuming where the last call stopped.
    private mutating func scanForHeaderEnd() {
        let count = buffer.count
        var i = scanPosition
        var lineStart = lastLineStart
        while i < count {
            if buffer[i] == ASCII.lf {
                let lineLength = i - lineStart
                if lineLength == 0 || (lineLength == 1 && buffer[lineStart] == ASCII.cr) {
                    headerEnd = i + 1
                    break
                }
                lineStart = i + 1
            }
            i += 1
            if i >= limits.maxHeaderBytes {
                headerEnd = i
                break
            }
        }
        scanPosition = i
        lastLineStart = lineStart
    }
}

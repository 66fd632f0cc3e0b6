/// What a transfer decoder had to work around while decoding one body.
///
/// Decoders never fail: mail in the wild is broken in many small ways, and a body that
/// decodes with defects is still worth keeping. The report lets the parser turn those
/// defects into warnings that name the part.
public struct DecodeReport: Sendable, Hashable {
    /// Base64: bytes that are neither in the alphabet, nor padding, nor white space
    /// (CR, LF, space, tab), and were skipped; plus a lone trailing character that could not
    /// make a byte.
    public var invalidBytesSkipped: Int
    /// Base64: the input ended inside a 4-character group with no `=` padding; the complete
    /// bytes of that group were still decoded.
    public var missingPadding: Bool
    /// Quoted-printable: `=` signs not followed by two hex digits or a line break; each
    /// was kept literally, as RFC 2045 §6.7 suggests for robustness.
    public var invalidEscapes: Int

    /// Creates a report; the defaults describe a clean decode.
    public init(invalidBytesSkipped: Int = 0, missingPadding: Bool = false, invalidEscapes: Int = 0) {
        self.invalidBytesSkipped = invalidBytesSkipped
        self.missingPadding = missingPadding
        self.invalidEscapes = invalidEscapes
    }

    /// True when nothing had to be worked around.
    public var isClean: Bool {
        invalidBytesSkipped == 0 && !missingPadding && invalidEscapes == 0
    }
}

extension Array where Element == UInt8 {
    /// Appends at most `maxCount` bytes written by `body` straight into the array's storage,
    /// and returns how many `body` wrote. Decoders use it to write without per-byte appends.
    @inline(__always)
    mutating func _appendUninitialized(
        maxCount: Int,
        _ body: (UnsafeMutablePointer<UInt8>) -> Int
    ) -> Int {
        if maxCount <= 0 { return 0 }
        if isEmpty {
            // A fresh buffer: cheaper than zero-filling a reserved one (callers often
            // reserve a little less than the decoders' slack needs anyway).
            var written = 0
            self = [UInt8](unsafeUninitializedCapacity: maxCount) { buffer, count in
                written = body(buffer.baseAddress!)
                count = written
            }
            return written
        }
        let oldCount = count
        append(contentsOf: repeatElement(0, count: maxCount))
        let written = withUnsafeMutableBufferPointer { buffer in
            body(buffer.baseAddress! + oldCount)
        }
        removeLast(maxCount - written)
        return written
    }
}

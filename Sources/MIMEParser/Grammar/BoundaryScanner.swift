/// Finds RFC 2046 §5.1.1 boundary delimiters in a multipart body.
///
/// A delimiter is "--" + boundary at the start of a line, followed only by optional
/// whitespace (transport padding) to the line end; "--" + boundary + "--" closes the
/// multipart. The line break before a delimiter belongs to the delimiter, not the part.
/// The scan jumps from "-" to "-" with `memchr`, so base64 bodies (which hold no "-")
/// are crossed at memory speed.
struct BoundaryScanner {
    /// The pieces of a multipart body, as absolute ranges into the input.
    struct Split {
        var preamble: Range<Int>
        var parts: [Range<Int>]
        var epilogue: Range<Int>?
        /// False when the closing delimiter was never found.
        var closed: Bool
    }

    private struct Delimiter {
        /// Where the content before the delimiter ends (its line break excluded).
        var contentEnd: Int
        /// Where the line after the delimiter starts.
        var next: Int
        var isClose: Bool
    }

    let buffer: UnsafeBufferPointer<UInt8>

    // RFC 2046 §5.1.1: multipart-body := [preamble CRLF] dash-boundary transport-padding CRLF
    //   body-part *encapsulation close-delimiter transport-padding [CRLF epilogue]
    //   encapsulation := delimiter transport-padding CRLF body-part ; delimiter := CRLF dash-boundary
    /// Splits `range` at the delimiters of `boundary`. `maxParts` bounds the parts kept.
    func split(_ range: Range<Int>, boundary: [UInt8], maxParts: Int) -> Split {
        var result = Split(preamble: range.lowerBound..<range.lowerBound, parts: [], epilogue: nil, closed: false)
        boundary.withUnsafeBufferPointer { pattern in
            var pos = range.lowerBound
            var partStart: Int?
            while let d = nextDelimiter(from: pos, in: range, boundary: pattern) {
                if let s = partStart {
                    result.parts.append(s..<max(s, d.contentEnd))
                } else {
                    result.preamble = range.lowerBound..<d.contentEnd
                }
                if d.isClose || result.parts.count >= maxParts {
                    result.closed = d.isClose
                    result.epilogue = d.next..<range.upperBound
                    partStart = nil
                    break
                }
                partStart = d.next
                pos = d.next
            }
            if let s = partStart {
                // No closing delimiter before the end of the input: the last line break is
                // taken to be the one that would have preceded it (as Python's email package
                // does). Where an enclosing delimiter cut the range, its line break is gone.
                var e = range.upperBound
                if e == buffer.count, e > s, buffer[e - 1] == ASCII.lf {
                    e -= 1
                    if e > s, buffer[e - 1] == ASCII.cr { e -= 1 }
                }
                result.parts.append(s..<e)
            }
        }
        return result
    }

    private func nextDelimiter(from start: Int, in range: Range<Int>, boundary: UnsafeBufferPointer<UInt8>) -> Delimiter? {
        let buf = buffer
        let end = range.upperBound
        var p = start
        while let dash = buf.firstIndex(of: ASCII.dash, from: p, to: end) {
            p = dash + 1
            guard dash + 2 + boundary.count <= end, buf[dash + 1] == ASCII.dash,
                dash == range.lowerBound || buf[dash - 1] == ASCII.lf,
                buf.matches(boundary, at: dash + 2, end: end)
            else { continue }
            var q = dash + 2 + boundary.count
            let isClose = q + 1 < end && buf[q] == ASCII.dash && buf[q + 1] == ASCII.dash
            if isClose { q += 2 }
            while q < end, ASCII.isWSP(buf[q]) { q += 1 }
            var next: Int
            if q >= end {
                next = end
            } else if buf[q] == ASCII.lf {
                next = q + 1
            } else if buf[q] == ASCII.cr, q + 1 < end, buf[q + 1] == ASCII.lf {
                next = q + 2
            } else if buf[q] == ASCII.cr, q + 1 == end {
                next = end
            } else if isClose {
                // Junk after a close delimiter: still a close; the line goes to the epilogue.
                next = q
            } else {
                continue  // "--boundaryX": another string that starts with the boundary.
            }
            var contentEnd = dash
            if dash > range.lowerBound {
                contentEnd = dash - 1
                if contentEnd > range.lowerBound, buf[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
            }
            next = min(next, end)
            return Delimiter(contentEnd: contentEnd, next: next, isClose: isClose)
        }
        return nil
    }
}

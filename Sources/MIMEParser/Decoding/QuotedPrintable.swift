#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// RFC 2045 §6.7 quoted-printable, decoded tolerantly, a line at a time.
///
/// - `=XX` with upper- or lower-case hex digits becomes the byte.
/// - `=` at the end of a line (after trailing white space is removed) is a soft line break:
///   the `=` and the line ending vanish. `=` at the very end of the body counts as one too,
///   because the CRLF before a multipart boundary belongs to the boundary.
/// - Any other `=` is kept literally and counted (`invalidEscapes`).
/// - Spaces and tabs at the end of a line are removed (rule 3: transport may add them).
/// - Line endings are kept as they came: CRLF stays CRLF, a bare LF stays LF. A CR inside
///   a line is literal; a CR that ends the body is taken as a line ending cut short.
///
/// Complete lines go through a one-pass loop that copies eight plain bytes at a time
/// (`QuotedPrintable+Lines.swift`), so plain text costs little more than a copy.
public enum QuotedPrintable {
    /// Decodes a whole body, appending the bytes to `output`.
    @discardableResult
    public static func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) -> DecodeReport {
        StreamDecoder.decodeWhole(input, into: &output)
    }

    /// Decodes a whole body held in any contiguous byte collection.
    public static func decode(_ input: some Collection<UInt8>) -> (bytes: [UInt8], report: DecodeReport) {
        StreamDecoder.decodeWhole(input)
    }

    /// An incremental decoder: feed chunks split anywhere (even inside `=\r\n` or `=4`),
    /// then call `finish`.
    ///
    /// Between chunks it keeps only the unresolved end of the current line: trailing white
    /// space, a CR, and an `=` with up to one character after it. Everything before that
    /// is decoded at once, so memory stays bounded by the longest run of white space.
    public struct StreamDecoder: Sendable {
        /// The unresolved tail of the current line.
        private var carry: [UInt8] = []
        private var invalidEscapes = 0

        public init() {}

        /// Decodes one chunk, appending what is already certain to `output`.
        public mutating func decode(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) {
            guard let base = chunk.baseAddress, chunk.count > 0 else { return }
            var rest = UnsafeRawBufferPointer(start: base, count: chunk.count)
            if !carry.isEmpty {
                // Complete the carried line with this chunk up to its first line feed only,
                // so a long chunk is never copied.
                let newline = memchr(base, 0x0A, chunk.count)
                let take = newline.map { UnsafeRawPointer($0) - base + 1 } ?? chunk.count
                carry.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
                let used = decodeCarry(final: false, into: &output)
                carry.removeFirst(used)
                rest = UnsafeRawBufferPointer(start: base + take, count: chunk.count - take)
                if rest.isEmpty { return }
            }
            let used = decodeSpan(rest, final: false, into: &output)
            if used < rest.count {
                carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[used...]))
            }
        }

        /// Ends the body: decodes the carried tail as the last line and returns the report.
        public mutating func finish(into output: inout [UInt8]) -> DecodeReport {
            if !carry.isEmpty {
                _ = decodeCarry(final: true, into: &output)
                carry.removeAll()
            }
            let report = DecodeReport(invalidEscapes: invalidEscapes)
            invalidEscapes = 0
            return report
        }

        private mutating func decodeCarry(final: Bool, into output: inout [UInt8]) -> Int {
            let held = carry
            return held.withUnsafeBytes { decodeSpan($0, final: final, into: &output) }
        }

        /// Decodes the complete lines of `span` and the certain prefix of its last, open
        /// line (all of it when `final`); returns how many bytes were consumed.
        private mutating func decodeSpan(
            _ span: UnsafeRawBufferPointer, final: Bool, into output: inout [UInt8]
        ) -> Int {
            guard let base = span.baseAddress, span.count > 0 else { return 0 }
            let start = base.assumingMemoryBound(to: UInt8.self)
            let count = span.count
            var consumed = 0
            var escapes = 0
            _ = output._appendUninitialized(maxCount: count) { out in
                var o = out
                var p = start
                let end = start + count
                // Complete lines end at the last LF (a short walk back: lines are short).
                var linesEnd = end
                while linesEnd > p && linesEnd[-1] != 0x0A { linesEnd -= 1 }
                if linesEnd > p {
                    QuotedPrintable.decodeCompleteLines(p, linesEnd, &o, &escapes)
                    p = linesEnd
                }
                if p < end {
                    if final {
                        // The last line; a final CR is taken as its (cut) line ending.
                        var contentEnd = end
                        if contentEnd[-1] == 0x0D { contentEnd -= 1 }
                        let stripped = QuotedPrintable.stripWhitespace(from: p, to: contentEnd)
                        let soft = QuotedPrintable.decodeLine(p, stripped, open: false, &o, &escapes).soft
                        if !soft && contentEnd < end {
                            o[0] = 0x0D
                            o += 1
                        }
                        p = end
                    } else {
                        // An open line: decode only what later bytes cannot change.
                        let certain = QuotedPrintable.certainEnd(from: p, to: end)
                        p = QuotedPrintable.decodeLine(p, certain, open: true, &o, &escapes).stop
                    }
                }
                consumed = p - start
                return o - out
            }
            invalidEscapes &+= escapes
            return consumed
        }
    }

    /// The end of `[from, to)` without trailing spaces and tabs.
    @inline(__always)
    static func stripWhitespace(from: UnsafePointer<UInt8>, to: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var e = to
        while e > from && (e[-1] == 0x20 || e[-1] == 0x09) { e -= 1 }
        return e
    }

    /// The end of an open line's content that trailing bytes cannot change: before a
    /// final CR and the white space before it (both depend on whether LF follows).
    static func certainEnd(from: UnsafePointer<UInt8>, to: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var e = to
        if e > from && e[-1] == 0x0D { e -= 1 }
        return stripWhitespace(from: from, to: e)
    }

    /// Decodes the line content `[from, to)` (trailing white space already removed) into
    /// `o`, and returns where it stopped and whether the line ends in a soft line break (a
    /// final `=`, dropped).
    ///
    /// For an `open` line, whose end is not known yet, it stops before an `=` with fewer
    /// than two bytes after it, since what follows decides that escape.
    @inline(__always)
    static func decodeLine(
        _ from: UnsafePointer<UInt8>, _ to: UnsafePointer<UInt8>, open: Bool,
        _ o: inout UnsafeMutablePointer<UInt8>, _ escapes: inout Int
    ) -> (stop: UnsafePointer<UInt8>, soft: Bool) {
        var p = from
        while p < to {
            guard let found = memchr(p, 0x3D, to - p) else {
                o.update(from: p, count: to - p)
                o += to - p
                return (to, false)
            }
            let eq = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            let run = eq - p
            if run > 0 {
                o.update(from: p, count: run)
                o += run
            }
            let after = to - eq
            if after < 3 {
                if open { return (eq, false) }
                if after == 1 { return (to, true) }  // soft line break
            } else {
                let high = hexValue(eq[1])
                let low = hexValue(eq[2])
                if high | low < 16 {
                    o[0] = high << 4 | low
                    o += 1
                    p = eq + 3
                    continue
                }
            }
            escapes &+= 1
            o[0] = 0x3D
            o += 1
            p = eq + 1
        }
        return (to, false)
    }

    /// The value of a hex digit (either case), or 0xFF.
    @inline(__always)
    static func hexValue(_ c: UInt8) -> UInt8 {
        switch c {
        case 0x30...0x39: return c &- 0x30
        case 0x41...0x46: return c &- 0x37
        case 0x61...0x66: return c &- 0x57
        default: return 0xFF
        }
    }
}

/// Files uuencoded inside a text body (`begin 644 name.ext` … `end`), as old mailers and
/// some scanners still send them.
///
/// Tolerant in the ways real mail needs: a block may lack its `end` line (it then ends at
/// the first line that is not uuencoded data), lines whose trailing spaces a mailer stripped
/// are padded back, and CRLF or LF line ends are both fine. The text outside the blocks is
/// returned unchanged. Output is bounded: a block can never decode to more than twice its
/// own size (padding of short lines is what could inflate it).
package enum UUEncode {
    /// One file found in a text body.
    package struct File: Sendable, Hashable {
        /// The name on the `begin` line (nil when it was blank).
        package var filename: String?
        /// The Unix permission digits on the `begin` line, e.g. "644".
        package var mode: String
        /// The decoded bytes.
        package var bytes: [UInt8]
    }

    /// The files found, the text around them and the defects worked around.
    package struct Extraction: Sendable {
        /// The body with every extracted block removed.
        package var text: [UInt8] = []
        package var files: [File] = []
        package var warnings: [String] = []
    }

    /// Quick test, run on every plain-text body: does any line start with "begin " and a
    /// mode? `memchr` jumps from "b" to "b"; only a line starting "begin " is read closely.
    package static func mayContainBlock(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            let begin: [UInt8] = Array("begin ".utf8)
            return begin.withUnsafeBufferPointer { pattern in
                var p = 0
                while let b = buf.firstIndex(of: UInt8(ascii: "b"), from: p, to: buf.count) {
                    if b == 0 || buf[b - 1] == ASCII.lf, buf.matches(pattern, at: b, end: buf.count),
                        beginMode(line(at: bytes.startIndex + b, in: bytes)) != nil
                    {
                        return true
                    }
                    p = b + 1
                }
                return false
            }
        }
    }

    /// Extracts every uuencoded block; nil when the body has none.
    package static func extract(_ bytes: ArraySlice<UInt8>) -> Extraction? {
        var out = Extraction()
        var cursor = bytes.startIndex
        while cursor < bytes.endIndex {
            let begin = line(at: cursor, in: bytes)
            if let header = beginMode(begin), let block = readBlock(after: begin.next, in: bytes) {
                out.files.append(File(filename: header.filename, mode: header.mode, bytes: block.bytes))
                let name = header.filename ?? "(no name)"
                out.warnings += block.warnings.map { "uuencoded file \"\(name)\": \($0)" }
                cursor = block.next
            } else {
                out.text += bytes[cursor..<begin.next]
                cursor = begin.next
            }
        }
        return out.files.isEmpty ? nil : out
    }

    /// One line: its content without CR/LF, and where the next line starts.
    struct Line {
        var content: ArraySlice<UInt8>
        var next: Int
    }

    static func line(at start: Int, in bytes: ArraySlice<UInt8>) -> Line {
        let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
        var end = newline ?? bytes.endIndex
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return Line(content: bytes[start..<end], next: newline.map { $0 + 1 } ?? bytes.endIndex)
    }

    /// `begin` SP mode SP name, mode being three or four octal digits.
    static func beginMode(_ line: Line) -> (mode: String, filename: String?)? {
        let content = line.content
        guard content.starts(with: Array("begin ".utf8)) else { return nil }
        let rest = content.dropFirst(6)
        let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }
        guard (3...4).contains(digits.count) else { return nil }
        let afterMode = rest.dropFirst(digits.count)
        guard afterMode.first == UInt8(ascii: " ") || afterMode.isEmpty else { return nil }
        let name = LegacyText.decodeNarrow(afterMode.dropFirst())
        return (String(decoding: digits, as: UTF8.self), name)
    }

    /// The data lines after a `begin` line, up to `end` or the first line that is not data.
    /// Nil when nothing after the `begin` line looks like uuencode (then it was just text).
    static func readBlock(after start: Int, in bytes: ArraySlice<UInt8>)
        -> (bytes: [UInt8], warnings: [String], next: Int)?
    {
        var decoded: [UInt8] = []
        var warnings: [String] = []
        var cursor = start
        var shortLines = 0
        var sawData = false
        var ended = false
        let budget = 2 * (bytes.endIndex - start) + 1024
        while cursor < bytes.endIndex {
            let current = line(at: cursor, in: bytes)
            if isEnd(current.content) {
                cursor = current.next
                ended = true
                break
            }
            guard let count = dataLength(current.content) else { break }
            cursor = current.next
            if count == 0 {
                // The zero-length line closes the data; `end` should follow.
                let following = line(at: cursor, in: bytes)
                if cursor < bytes.endIndex, isEnd(following.content) {
                    cursor = following.next
                    ended = true
                }
                break
            }
            sawData = true
            if decodeLine(current.content, count: count, into: &decoded) { shortLines += 1 }
            if decoded.count > budget {
                warnings.append("decodes to more than twice its size; truncated")
                break
            }
        }
        guard sawData || ended else { return nil }
        if shortLines > 0 { warnings.append("\(shortLines) short line(s) padded") }
        if !ended { warnings.append("no 'end' line; the block ends at the last line of data") }
        return (decoded, warnings, cursor)
    }

    static func isEnd(_ content: ArraySlice<UInt8>) -> Bool {
        var trimmed = content
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { trimmed.removeLast() }
        return trimmed.elementsEqual("end".utf8)
    }

    /// The byte count a data line announces, or nil when the line is not uuencoded data
    /// (a character outside 0x20...0x60). An empty line counts as a stripped " " line.
    static func dataLength(_ content: ArraySlice<UInt8>) -> Int? {
        guard let first = content.first else { return 0 }
        guard content.allSatisfy({ $0 >= 0x20 && $0 <= 0x60 }) else { return nil }
        return Int((first &- 0x20) & 0x3F)
    }

    /// Decodes `count` bytes from the characters after the length character; returns true
    /// when the line was short and had to be padded with zero bits.
    static func decodeLine(_ content: ArraySlice<UInt8>, count: Int, into out: inout [UInt8]) -> Bool {
        let chars = content.dropFirst()
        let needed = (count + 2) / 3 * 4
        var index = chars.startIndex
        func sextet() -> UInt32 {
            guard index < chars.endIndex else { return 0 }
            defer { index += 1 }
            return UInt32((chars[index] &- 0x20) & 0x3F)
        }
        var produced = 0
        while produced < count {
            let group = sextet() << 18 | sextet() << 12 | sextet() << 6 | sextet()
            for shift in [16, 8, 0] where produced < count {
                out.append(UInt8(truncatingIfNeeded: group >> UInt32(shift)))
                produced += 1
            }
        }
        return chars.count < needed
    }
}

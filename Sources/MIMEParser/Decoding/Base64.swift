/// RFC 2045 §6.8 base64, decoded tolerantly and fast.
///
/// Attachments are nearly all base64, so this decoder is the hot loop of intake. It decodes
/// whole 76-character lines with 16-character vector blocks (`Base64+Vector.swift`) and a
/// single validity check, other clean 4-character groups with four table look-ups and one
/// 4-byte store, and drops to a byte-at-a-time path only for other line breaks, padding
/// and junk. What it tolerates:
/// - line breaks (CRLF or LF) and spaces or tabs anywhere: skipped silently;
/// - any other byte outside the alphabet: skipped and counted (`invalidBytesSkipped`);
/// - missing padding at the end: the complete bytes are decoded (`missingPadding`);
/// - data after padding (concatenated base64 runs): decoding goes on with a new group.
public enum Base64 {
    /// Decodes a whole body, appending the bytes to `output`.
    @discardableResult
    public static func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) -> DecodeReport {
        StreamDecoder.decodeWhole(input, into: &output)
    }

    /// Decodes a whole body held in any contiguous byte collection.
    public static func decode(_ input: some Collection<UInt8>) -> (bytes: [UInt8], report: DecodeReport) {
        StreamDecoder.decodeWhole(input)
    }

    /// An incremental decoder: feed chunks split anywhere, then call `finish`.
    ///
    /// The only state between chunks is the unfinished 4-character group (at most three
    /// sextets), so memory stays constant whatever the body's size.
    public struct StreamDecoder: Sendable {
        /// Bits of the unfinished group, six per character, newest lowest.
        private var bits: UInt32 = 0
        /// Characters in the unfinished group (0 to 3).
        private var pending: Int = 0
        private var report = DecodeReport()

        public init() {}

        /// Decodes one chunk, appending the complete bytes to `output`.
        public mutating func decode(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) {
            guard let base = chunk.baseAddress, chunk.count > 0 else { return }
            let input = base.assumingMemoryBound(to: UInt8.self)
            // Three bytes per four characters, two from a pending group, and slack for the
            // fast paths' wide stores (8 bytes at 12 past the last whole group, at most).
            let maxCount = (chunk.count / 4) &* 3 &+ 16
            _ = output._appendUninitialized(maxCount: maxCount) { out in
                decodeChunk(input, count: chunk.count, out)
            }
        }

        /// Ends the body: decodes what a missing padding left over and returns the report.
        public mutating func finish(into output: inout [UInt8]) -> DecodeReport {
            switch pending {
            case 0:
                break
            case 1:
                // Six bits cannot make a byte.
                report.missingPadding = true
                report.invalidBytesSkipped &+= 1
            case 2:
                report.missingPadding = true
                output.append(UInt8(truncatingIfNeeded: bits >> 4))
            default:
                report.missingPadding = true
                output.append(UInt8(truncatingIfNeeded: bits >> 10))
                output.append(UInt8(truncatingIfNeeded: bits >> 2))
            }
            bits = 0
            pending = 0
            let done = report
            report = DecodeReport()
            return done
        }

        /// Decodes `count` bytes at `input` into `out`; returns the bytes written.
        private mutating func decodeChunk(
            _ input: UnsafePointer<UInt8>, count: Int, _ out: UnsafeMutablePointer<UInt8>
        ) -> Int {
            Base64Tables.quad.withUnsafeBufferPointer { quad in
                Base64Tables.sextet.withUnsafeBufferPointer { sextet in
                    let t0 = quad.baseAddress!
                    let t1 = t0 + 256
                    let t2 = t0 + 512
                    let t3 = t0 + 768
                    let classes = sextet.baseAddress!
                    var p = input
                    let end = input + count
                    var o = out
                    var bits = self.bits
                    var pending = self.pending
                    var skipped = 0
                    while p < end {
                        if pending == 0 {
                            #if _endian(little)
                            // Fastest path: whole 76-character lines and their CRLF or LF,
                            // as nearly every mailer writes them: five 16-character vector
                            // blocks, one check per line.
                            while end - p >= 78 {
                                let breakLength: Int
                                if p[76] == 0x0D && p[77] == 0x0A {
                                    breakLength = 2
                                } else if p[76] == 0x0A {
                                    breakLength = 1
                                } else {
                                    break
                                }
                                var valid = Base64.decodeBlock16(p, o)
                                valid &= Base64.decodeBlock16(p + 16, o + 12)
                                valid &= Base64.decodeBlock16(p + 32, o + 24)
                                valid &= Base64.decodeBlock16(p + 48, o + 36)
                                // Characters 60-75: overlaps the block before by one group,
                                // which is written twice with the same bytes.
                                valid &= Base64.decodeBlock16(p + 60, o + 45)
                                // A bad character: the bytes written are garbage; redo the
                                // line group by group below (nothing was advanced).
                                if valid != ~0 { break }
                                o += 57
                                p += 76 &+ breakLength
                            }
                            // Long runs without line breaks: vector blocks.
                            while end - p >= 16 {
                                if Base64.decodeBlock16(p, o) != ~0 { break }
                                o += 12
                                p += 16
                            }
                            #endif
                            // Fast path: whole groups of four alphabet characters.
                            while end - p >= 4 {
                                let word = UnsafeRawPointer(p).loadUnaligned(as: UInt32.self).littleEndian
                                let value =
                                    t0[Int(word & 0xFF)] | t1[Int((word >> 8) & 0xFF)]
                                    | t2[Int((word >> 16) & 0xFF)] | t3[Int(word >> 24)]
                                if value >= Base64Tables.invalidFlag { break }
                                UnsafeMutableRawPointer(o).storeBytes(
                                    of: (value << 8).bigEndian, as: UInt32.self)
                                o += 3
                                p += 4
                            }
                            if p >= end { break }
                        }
                        // Slow path: one character, whatever it is.
                        let c = p.pointee
                        p += 1
                        let v = classes[Int(c)]
                        if v < 64 {
                            bits = (bits << 6) | UInt32(v)
                            pending &+= 1
                            if pending == 4 {
                                o[0] = UInt8(truncatingIfNeeded: bits >> 16)
                                o[1] = UInt8(truncatingIfNeeded: bits >> 8)
                                o[2] = UInt8(truncatingIfNeeded: bits)
                                o += 3
                                bits = 0
                                pending = 0
                            }
                        } else if v == Base64Tables.space {
                            continue
                        } else if v == Base64Tables.pad {
                            // Padding closes the group: emit its complete bytes.
                            switch pending {
                            case 2:
                                o[0] = UInt8(truncatingIfNeeded: bits >> 4)
                                o += 1
                            case 3:
                                o[0] = UInt8(truncatingIfNeeded: bits >> 10)
                                o[1] = UInt8(truncatingIfNeeded: bits >> 2)
                                o += 2
                            case 1:
                                skipped &+= 1
                            default:
                                break
                            }
                            bits = 0
                            pending = 0
                        } else {
                            skipped &+= 1
                        }
                    }
                    self.bits = bits
                    self.pending = pending
                    self.report.invalidBytesSkipped &+= skipped
                    return o - out
                }
            }
        }
    }
}

/// Look-up tables for `Base64`, built once.
enum Base64Tables {
    /// The 64 characters, in value order.
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Class of `sextet` entries that are not alphabet characters.
    static let space: UInt8 = 0x40
    static let pad: UInt8 = 0x41
    static let junk: UInt8 = 0xFF

    /// Per byte: its 6-bit value, or `space`, `pad` or `junk`.
    static let sextet: [UInt8] = {
        var table = [UInt8](repeating: junk, count: 256)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = UInt8(value) }
        for char in [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")] {
            table[Int(char)] = space
        }
        table[Int(UInt8(ascii: "="))] = pad
        return table
    }()

    /// Set in `quad` entries of bytes outside the alphabet; above every valid 24-bit group.
    static let invalidFlag: UInt32 = 0x0100_0000

    /// Four tables of 256 entries: the byte's value shifted into place for positions 0 to
    /// 3 of a group, so that one group's 24 bits are the OR of four look-ups.
    static let quad: [UInt32] = {
        var table = [UInt32](repeating: invalidFlag, count: 1024)
        for (value, char) in alphabet.enumerated() {
            let v = UInt32(value)
            table[Int(char)] = v << 18
            table[256 + Int(char)] = v << 12
            table[512 + Int(char)] = v << 6
            table[768 + Int(char)] = v
        }
        return table
    }()
}

/// The fast path of quoted-printable: a run of complete lines decoded in one pass.
///
/// Text mail is mostly plain bytes with an escape every few words, so calling `memchr`
/// for each `=` costs more than it saves. This loop looks at eight bytes at a time for
/// `=` or LF (a SWAR zero-byte test), copies the plain bytes with 8-byte stores, and only
/// stops at those two. Trailing white space is removed after the fact when LF arrives, by
/// stepping the output back, never past a byte that an escape produced (`=20` stays).
extension QuotedPrintable {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let equalsSigns: UInt64 = 0x3D3D_3D3D_3D3D_3D3D
    private static let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A

    /// Bytes of `word` that are zero get their high bit set; the lowest flagged byte is exact.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highs
    }

    /// Decodes `[from, to)`, which ends with LF, into `o`. The output never runs ahead of
    /// the input, so when `o` has room for as many bytes as the span holds from `from`
    /// on, the 8-byte stores stay inside it.
    static func decodeCompleteLines(
        _ from: UnsafePointer<UInt8>, _ to: UnsafePointer<UInt8>,
        _ o: inout UnsafeMutablePointer<UInt8>, _ escapes: inout Int
    ) {
        var p = from
        // Output below `floor` is never stripped: line starts, and bytes from escapes.
        var floor = o
        while p < to {
            // Copy plain bytes up to the next "=" or LF.
            while to - p >= 8 {
                let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
                let hits = zeroBytes(word ^ equalsSigns) | zeroBytes(word ^ lineFeeds)
                UnsafeMutableRawPointer(o).storeBytes(of: word, as: UInt64.self)
                if hits != 0 {
                    let skip = hits.littleEndian.trailingZeroBitCount >> 3
                    o += skip
                    p += skip
                    break
                }
                o += 8
                p += 8
            }
            let c = p.pointee
            if c == 0x0A {
                // Line end: drop a CR that came right before, strip white space, put back
                // the ending as it came.
                let hadCR = p > from && p[-1] == 0x0D && o > floor
                if hadCR { o -= 1 }
                while o > floor && (o[-1] == 0x20 || o[-1] == 0x09) { o -= 1 }
                if hadCR {
                    o.pointee = 0x0D
                    o += 1
                }
                o.pointee = 0x0A
                o += 1
                p += 1
                floor = o
            } else if c == 0x3D {
                // An escape, a soft line break, or a literal "=". LF ends the run, so
                // p[1] and p[2] exist whenever they are not past it.
                let high = hexValue(p[1])
                let low = high < 16 ? hexValue(p[2]) : 0xFF
                if high | low < 16 {
                    o.pointee = high << 4 | low
                    o += 1
                    p += 3
                    floor = o
                    continue
                }
                var q = p + 1
                while q.pointee == 0x20 || q.pointee == 0x09 { q += 1 }
                if q.pointee == 0x0A {
                    p = q + 1
                    floor = o
                } else if q.pointee == 0x0D && q[1] == 0x0A {
                    p = q + 2
                    floor = o
                } else {
                    escapes &+= 1
                    o.pointee = 0x3D
                    o += 1
                    p += 1
                    floor = o
                }
            } else {
                // Fewer than eight bytes left and this one is plain.
                o.pointee = c
                o += 1
                p += 1
            }
        }
    }
}

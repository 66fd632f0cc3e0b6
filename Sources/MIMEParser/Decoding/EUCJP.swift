/// EUC-JP → Shift_JIS recoding, so that EUC-JP text can be decoded by Foundation's cp932
/// converter on platforms (Linux) whose Foundation lacks an EUC-JP decoder.
///
/// Both encode JIS X 0208 row/cell pairs; the mapping between them is arithmetic. Half-width
/// katakana (SS2, 0x8E) become single bytes; JIS X 0212 characters (SS3, 0x8F), which
/// Shift_JIS cannot express, become "?" (rare in mail).
enum EUCJP {
    static func toShiftJIS(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let b = input[i]
            if b < 0x80 {
                out.append(b)
                i += 1
            } else if b == 0x8E, i + 1 < input.count {
                out.append(input[i + 1])
                i += 2
            } else if b == 0x8F, i + 2 < input.count {
                out.append(0x3F)
                i += 3
            } else if b >= 0xA1, b <= 0xFE, i + 1 < input.count, input[i + 1] >= 0xA1, input[i + 1] <= 0xFE {
                // JIS row j1, cell j2 (both 0x21...0x7E) to Shift_JIS.
                let j1 = Int(b & 0x7F), j2 = Int(input[i + 1] & 0x7F)
                let s1 = (j1 + 1) / 2 + (j1 <= 0x5E ? 0x70 : 0xB0)
                let s2: Int
                if j1 % 2 == 1 { s2 = j2 + (j2 <= 0x5F ? 0x1F : 0x20) } else { s2 = j2 + 0x7E }
                out.append(UInt8(truncatingIfNeeded: s1))
                out.append(UInt8(truncatingIfNeeded: s2))
                i += 2
            } else {
                out.append(0x3F)
                i += 1
            }
        }
        return out
    }
}

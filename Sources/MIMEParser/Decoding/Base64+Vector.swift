/// Sixteen base64 characters at a time with Swift's SIMD types (SSE2 on any x86-64, NEON
/// on arm64), for the long clean runs that make up attachments.
///
/// Written so that LLVM keeps it in vector registers: every operand is a vector (mixing in
/// a scalar, as in `v .< 26`, falls back to a per-lane loop in the standard library), and
/// masks are reinterpreted as bytes rather than tested lane by lane. Characters map to
/// their values by range (A–Z, a–z, 0–9, +, /) with compares and adds; four 6-bit values
/// pack into 24 bits per 32-bit lane, and two 48-bit halves are stored with 8-byte writes.
extension Base64 {
    typealias Bytes16 = SIMD16<UInt8>

    /// Decodes the 16 characters at `p` into 12 bytes at `o` (writing up to 14 bytes), and
    /// returns all ones when every character was in the alphabet. When it was not, the
    /// bytes written are garbage and the caller decodes those characters again slowly.
    @inline(__always)
    static func decodeBlock16(_ p: UnsafePointer<UInt8>, _ o: UnsafeMutablePointer<UInt8>) -> UInt64 {
        let c = UnsafeRawPointer(p).loadUnaligned(as: Bytes16.self)
        let upper = unsafeBitCast((c &- Bytes16(repeating: 65)) .< Bytes16(repeating: 26), to: Bytes16.self)
        let lower = unsafeBitCast((c &- Bytes16(repeating: 97)) .< Bytes16(repeating: 26), to: Bytes16.self)
        let digit = unsafeBitCast((c &- Bytes16(repeating: 48)) .< Bytes16(repeating: 10), to: Bytes16.self)
        let plus = unsafeBitCast(c .== Bytes16(repeating: 43), to: Bytes16.self)
        let slash = unsafeBitCast(c .== Bytes16(repeating: 47), to: Bytes16.self)
        // value = char + offset: A–Z −65, a–z −71, 0–9 +4, "+" +19, "/" +16 (mod 256).
        let upperOffset: Bytes16 = upper & Bytes16(repeating: 191)
        let lowerOffset: Bytes16 = lower & Bytes16(repeating: 185)
        let digitOffset: Bytes16 = digit & Bytes16(repeating: 4)
        let plusOffset: Bytes16 = plus & Bytes16(repeating: 19)
        let slashOffset: Bytes16 = slash & Bytes16(repeating: 16)
        let offset: Bytes16 = upperOffset | lowerOffset | digitOffset | plusOffset | slashOffset
        let valid: Bytes16 = upper | lower | digit | plus | slash
        let values: Bytes16 = c &+ offset

        // Each 32-bit lane holds a group a|b<<8|c<<16|d<<24; make it a<<18|b<<12|c<<6|d.
        typealias Lanes = SIMD4<UInt32>
        let lanes = unsafeBitCast(values, to: Lanes.self)
        let pairsHigh: Lanes = (lanes &<< Lanes(repeating: 6)) & Lanes(repeating: 0x0FC0_0FC0)
        let pairsLow: Lanes = (lanes &>> Lanes(repeating: 8)) & Lanes(repeating: 0x003F_003F)
        let pairs: Lanes = pairsHigh | pairsLow
        let groupsHigh: Lanes = (pairs & Lanes(repeating: 0xFFF)) &<< Lanes(repeating: 12)
        let groups: Lanes = groupsHigh | (pairs &>> Lanes(repeating: 16))

        // Two groups per 64-bit half, joined into 48 bits, stored big-endian.
        typealias Halves = SIMD2<UInt64>
        let halves = unsafeBitCast(groups, to: Halves.self)
        let joinedHigh: Halves = (halves & Halves(repeating: 0xFF_FFFF)) &<< Halves(repeating: 24)
        let joined: Halves = joinedHigh | (halves &>> Halves(repeating: 32))
        let raw = UnsafeMutableRawPointer(o)
        raw.storeBytes(of: (joined[0] &<< 16).bigEndian, as: UInt64.self)
        raw.storeBytes(of: (joined[1] &<< 16).bigEndian, toByteOffset: 6, as: UInt64.self)

        let check = unsafeBitCast(valid, to: Halves.self)
        return check[0] & check[1]
    }
}

/// A bounds-checked little-endian reader over a byte slice, for the binary legacy formats.
///
/// Every read returns nil instead of trapping when the input is too short, so a truncated
/// or hostile container can only end the parse early, never crash it. Lengths read from the
/// input are checked against what is left before anything is copied, so nothing is ever
/// allocated beyond the size of the input itself.
struct ByteCursor {
    let bytes: ArraySlice<UInt8>
    private(set) var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.offset = bytes.startIndex
    }

    /// Bytes not yet consumed.
    var remaining: Int { bytes.endIndex - offset }

    /// Offset from the start of the slice, for messages that say where a defect is.
    var position: Int { offset - bytes.startIndex }

    var isAtEnd: Bool { offset >= bytes.endIndex }

    mutating func readUInt8() -> UInt8? {
        guard remaining >= 1 else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16() -> UInt16? {
        guard remaining >= 2 else { return nil }
        defer { offset += 2 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    mutating func readUInt32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        defer { offset += 4 }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        return value
    }

    /// The next `count` bytes as a slice of the input (no copy), or nil when fewer are left.
    mutating func readSlice(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, remaining >= count else { return nil }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// Skips `count` bytes; false (and nothing skipped) when fewer are left.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, remaining >= count else { return false }
        offset += count
        return true
    }
}

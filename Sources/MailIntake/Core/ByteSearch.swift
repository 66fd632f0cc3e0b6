/// Substring search on UTF-8 bytes: the phrase lists are matched against every message, and
/// Foundation's locale-aware `range(of:)` costs far more than these plain byte comparisons
/// (the texts are normalised first, so byte equality is the right equality).
enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `hay`, or nil.
    static func first(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        hay.withUnsafeBufferPointer { h in FileTypeSniffer.find(needle, in: h) }
    }

    static func contains(_ needle: [UInt8], in hay: [UInt8]) -> Bool { first(needle, in: hay) != nil }
}

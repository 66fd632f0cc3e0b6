#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte constants and scanning helpers shared by the grammar. The hot loops work on
/// `UnsafeBufferPointer<UInt8>` and use `memchr` so that long bodies are skipped at memory speed.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let comma: UInt8 = 0x2C
    static let dash: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let less: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let greater: UInt8 = 0x3E
    static let question: UInt8 = 0x3F
    static let at: UInt8 = 0x40
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F

    /// RFC 5234 WSP: space or horizontal tab.
    @inline(__always)
    static func isWSP(_ b: UInt8) -> Bool { b == space || b == tab }

    /// Whitespace including line breaks, as it may remain in unfolded values.
    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool { b == space || b == tab || b == cr || b == lf }

    /// ASCII lower-casing of one byte.
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Index of the first `byte` in `from..<to`, or nil. Uses `memchr`.
    @inline(__always)
    func firstIndex(of byte: UInt8, from: Int, to: Int) -> Int? {
        guard from < to, let base = baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// True when `pattern` occurs at `at` (and fits before `end`).
    @inline(__always)
    func matches(_ pattern: UnsafeBufferPointer<UInt8>, at: Int, end: Int) -> Bool {
        guard at + pattern.count <= end, let base = baseAddress, let p = pattern.baseAddress else {
            return pattern.isEmpty && at <= end
        }
        return memcmp(base + at, p, pattern.count) == 0
    }
}

extension String {
    /// Builds a string from header bytes: UTF-8 when valid (RFC 6532), else Latin-1.
    /// Returns whether the Latin-1 fallback was needed.
    static func fromHeaderBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, usedFallback: Bool) {
        // Most header bytes are ASCII: skip UTF-8 validation for them.
        if bytes.allSatisfy({ $0 < 0x80 }) { return (String(decoding: bytes, as: UTF8.self), false) }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, false) }
        var s = String()
        s.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return (s, true)
    }

    /// As above, for bytes in an array.
    static func fromHeaderBytes(_ bytes: [UInt8]) -> (String, usedFallback: Bool) {
        bytes.withUnsafeBufferPointer { fromHeaderBytes($0) }
    }
}

import Crypto

/// Lower-case hex SHA-256, as `case.json` (attachments), the registry and the failed folder write it.
/// Hashing is pure, so one helper in Core serves the attachment rules and the edges alike.
enum Digest {
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let hex = Array("0123456789abcdef")
        var s = ""
        s.reserveCapacity(64)
        for b in digest {
            s.append(hex[Int(b >> 4)])
            s.append(hex[Int(b & 0xF)])
        }
        return s
    }
}

/// The UTC offset a message's Date header was written in ("Tue, 24 Nov 2026 13:15:00 +0400"
/// → 14 400 s): the requester's own clock, so windows can be given in their time as well.
enum DateHeaderOffset {
    /// Seconds east of UTC, or nil when the header has no numeric zone (or "-0000", which
    /// RFC 5322 §3.3 says means "no information").
    static func seconds(_ header: String?) -> Int? {
        guard let header else { return nil }
        let tokens = header.split(whereSeparator: { $0 == " " || $0 == "\t" })
        for token in tokens.reversed() {
            let t = Array(token.utf8)
            guard t.count == 5, t[0] == UInt8(ascii: "+") || t[0] == UInt8(ascii: "-"),
                t.dropFirst().allSatisfy({ $0 >= 48 && $0 <= 57 })
            else { continue }
            let v = Int(String(decoding: t.dropFirst(), as: UTF8.self)) ?? 0
            let (h, m) = (v / 100, v % 100)
            guard h <= 14, m < 60 else { return nil }
            if v == 0 && t[0] == UInt8(ascii: "-") { return nil }
            return (t[0] == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + m * 60)
        }
        return nil
    }
}

import Foundation

/// Parses RFC 5322 §3.3 date-times, and the obsolete and broken forms mail carries:
/// two-digit years, named zones (UT, GMT, EST…, military Z), missing seconds or zone,
/// comments, asctime order ("Tue Nov 24 09:15:00 2026") and ISO 8601. Works on bytes.
enum DateParser {
    // RFC 5322 §3.3: date-time = [ day-of-week "," ] date time [CFWS]
    //                date = day month year ; time = time-of-day zone ; zone = ("+" / "-") 4DIGIT
    static func parse(_ text: String) -> Date? {
        let u = Array(text.utf8)
        if let iso = parseISO(u) { return iso }
        // Tokens: runs of bytes outside comments, split at whitespace and commas.
        var tokens: [ArraySlice<UInt8>] = []
        var depth = 0
        var start = -1
        for (i, c) in u.enumerated() {
            let separator = c == ASCII.openParen || c == ASCII.closeParen || c == ASCII.comma || ASCII.isWhitespace(c) || depth > 0
            if separator, start >= 0 {
                tokens.append(u[start..<i])
                start = -1
            }
            if c == ASCII.openParen { depth += 1 } else if c == ASCII.closeParen { depth = max(0, depth - 1) } else if !separator, start < 0 { start = i }
        }
        if start >= 0 { tokens.append(u[start...]) }

        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0, haveTime = false
        var offset: Int?
        for t in tokens {
            if let m = monthNumber(t) {
                if month == nil { month = m }
            } else if t.contains(ASCII.colon), !haveTime {
                let f = t.split(separator: ASCII.colon, omittingEmptySubsequences: false).map(number)
                guard f.count >= 2, let h = f[0], let mi = f[1] else { return nil }
                hour = h
                minute = mi
                if f.count >= 3 {
                    guard let s = f[2] else { return nil }
                    second = s
                }
                haveTime = true
            } else if let sign = t.first, sign == 0x2B || sign == ASCII.dash, t.count == 5, let v = number(t.dropFirst()), offset == nil {
                offset = (sign == ASCII.dash ? -1 : 1) * ((v / 100) * 3600 + (v % 100) * 60)
            } else if let v = number(t) {
                if day == nil, t.count <= 2, v >= 1, v <= 31 { day = v } else if year == nil { year = v }
            } else if offset == nil, let z = zoneOffset(t) {
                offset = z
            }
        }
        guard let d = day, let m = month, var y = year else { return nil }
        // RFC 5322 §4.3: two-digit years 00-49 are 20xx, 50-99 are 19xx; three digits add 1900.
        if y < 50 { y += 2000 } else if y < 1000 { y += 1900 }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second), y <= 9999 else { return nil }
        let days = daysFromCivil(year: y, month: m, day: d)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - (offset ?? 0)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// A run of ASCII digits as a number (at most 9 digits), else nil.
    private static func number(_ t: ArraySlice<UInt8>) -> Int? {
        guard !t.isEmpty, t.count <= 9 else { return nil }
        var v = 0
        for c in t {
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    /// "jan" … "dec" (any case, longer names accepted by their first three letters).
    private static func monthNumber(_ t: ArraySlice<UInt8>) -> Int? {
        guard t.count >= 3, let f = t.first, (f | 0x20) >= 0x61, (f | 0x20) <= 0x7A else { return nil }
        let i = t.startIndex
        let key = Int(ASCII.lower(t[i])) << 16 | Int(ASCII.lower(t[i + 1])) << 8 | Int(ASCII.lower(t[i + 2]))
        return monthKeys.firstIndex(of: key).map { $0 + 1 }
    }

    private static let monthKeys: [Int] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { name in
        let b = Array(name.utf8)
        return Int(b[0]) << 16 | Int(b[1]) << 8 | Int(b[2])
    }

    // RFC 5322 §4.3 obs-zone, plus a few common abbreviations.
    private static func zoneOffset(_ t: ArraySlice<UInt8>) -> Int? {
        guard t.count <= 4 else { return nil }
        switch String(decoding: t, as: UTF8.self).uppercased() {
        case "UT", "UTC", "GMT", "Z": return 0
        case "EST": return -5 * 3600
        case "EDT": return -4 * 3600
        case "CST": return -6 * 3600
        case "CDT": return -5 * 3600
        case "MST": return -7 * 3600
        case "MDT": return -6 * 3600
        case "PST": return -8 * 3600
        case "PDT": return -7 * 3600
        case "BST", "CET": return 3600
        case "CEST": return 7200
        default: return nil
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// "2026-11-24T09:15:00Z" / "+01:00" / "2026-11-24 09:15:00"; nil for anything else.
    private static func parseISO(_ all: [UInt8]) -> Date? {
        var s = all.startIndex
        while s < all.endIndex, ASCII.isWhitespace(all[s]) { s += 1 }
        let u = all[s...]
        let b = u.startIndex
        guard u.count >= 19, u[b + 4] == ASCII.dash, u[b + 7] == ASCII.dash, u[b + 10] == 0x54 || u[b + 10] == 0x20 || u[b + 10] == 0x74,
            u[b + 13] == ASCII.colon, u[b + 16] == ASCII.colon
        else { return nil }
        func num(_ r: Range<Int>) -> Int? { number(u[(b + r.lowerBound)..<(b + r.upperBound)]) }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13), let mi = num(14..<16), let sec = num(17..<19),
            (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, sec <= 60
        else { return nil }
        var i = b + 19
        if i < u.endIndex, u[i] == ASCII.dot {
            i += 1
            while i < u.endIndex, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
        }
        var offset = 0
        if i < u.endIndex, u[i] == 0x2B || u[i] == ASCII.dash, i + 6 <= u.endIndex, let oh = number(u[(i + 1)..<(i + 3)]), let om = number(u[(i + 4)..<(i + 6)]) {
            offset = (u[i] == ASCII.dash ? -1 : 1) * (oh * 3600 + om * 60)
        }
        let days = daysFromCivil(year: y, month: mo, day: d)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + h * 3600 + mi * 60 + min(sec, 59) - offset))
    }
}

import Foundation

/// Parses RFC 5322 §3.3 date-times, and the obsolete and broken forms mail carries:
/// two-digit years, named zones (UT, GMT, EST…, military letters), missing seconds or zone,
/// comments, asctime order ("Tue Nov 24 09:15:00 2026") and ISO 8601.
enum DateParser {
    // RFC 5322 §3.3: date-time = [ day-of-week "," ] date time [CFWS]
    //                date = day month year ; time = time-of-day zone ; zone = ("+" / "-") 4DIGIT
    static func parse(_ text: String) -> Date? {
        if let iso = parseISO(text) { return iso }
        var tokens: [Substring] = []
        var depth = 0
        var current = ""
        for ch in text {
            if ch == "(" { depth += 1; continue }
            if ch == ")" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if ch == " " || ch == "\t" || ch == "," || ch == "\r" || ch == "\n" {
                if !current.isEmpty { tokens.append(Substring(current)); current = "" }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { tokens.append(Substring(current)) }

        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0, haveTime = false
        var offset: Int?
        for t in tokens {
            if let m = monthNumber(t) {
                if month == nil { month = m }
            } else if t.contains(":"), !haveTime {
                let f = t.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
                guard f.count >= 2, let h = f[0], let mi = f[1] else { return nil }
                hour = h
                minute = mi
                if f.count >= 3 {
                    guard let s = f[2] else { return nil }
                    second = s
                }
                haveTime = true
            } else if (t.first == "+" || t.first == "-"), t.count == 5, let v = Int(t.dropFirst()), offset == nil, haveTime || day != nil {
                let sign = t.first == "-" ? -1 : 1
                offset = sign * ((v / 100) * 3600 + (v % 100) * 60)
            } else if let v = Int(t) {
                if day == nil, t.count <= 2, v >= 1, v <= 31 { day = v } else if year == nil { year = v }
            } else if let z = zoneOffset(t), offset == nil {
                offset = z
            }
        }
        guard let d = day, let m = month, var y = year else { return nil }
        // RFC 5322 §4.3: two-digit years 00-49 are 20xx, 50-99 are 19xx; three digits add 1900.
        if t2(y) { y += y < 50 ? 2000 : 1900 } else if y < 1000 { y += 1900 }
        guard (1...31).contains(d), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second), y <= 9999 else { return nil }
        let days = daysFromCivil(year: y, month: m, day: d)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - (offset ?? 0)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func t2(_ y: Int) -> Bool { y < 100 }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthNumber(_ t: Substring) -> Int? {
        guard t.count >= 3, t.first?.isLetter == true else { return nil }
        let p = t.prefix(3).lowercased()
        guard let idx = months.firstIndex(of: p) else { return nil }
        return idx + 1
    }

    // RFC 5322 §4.3 obs-zone
    private static func zoneOffset(_ t: Substring) -> Int? {
        switch t.uppercased() {
        case "UT", "UTC", "GMT", "Z", "Z\"": return 0
        case "EST": return -5 * 3600
        case "EDT": return -4 * 3600
        case "CST": return -6 * 3600
        case "CDT": return -5 * 3600
        case "MST": return -7 * 3600
        case "MDT": return -6 * 3600
        case "PST": return -8 * 3600
        case "PDT": return -7 * 3600
        case "BST": return 3600
        case "CET": return 3600
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
    private static func parseISO(_ text: String) -> Date? {
        let u = Array(text.trimmingWhitespace().utf8)
        guard u.count >= 19, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54 || u[10] == 0x20 || u[10] == 0x74, u[13] == 0x3A, u[16] == 0x3A else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= 0x30, u[i] <= 0x39 else { return nil }
                v = v * 10 + Int(u[i] - 0x30)
            }
            return v
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13), let mi = num(14..<16), let s = num(17..<19),
            (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s <= 60
        else { return nil }
        var i = 19
        if i < u.count, u[i] == 0x2E { i += 1; while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 } }
        var offset = 0
        if i < u.count, u[i] == 0x2B || u[i] == 0x2D, i + 6 <= u.count, let oh = num((i + 1)..<(i + 3)), let om = num((i + 4)..<(i + 6)) {
            offset = (u[i] == 0x2D ? -1 : 1) * (oh * 3600 + om * 60)
        }
        let days = daysFromCivil(year: y, month: mo, day: d)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + h * 3600 + mi * 60 + min(s, 59) - offset))
    }
}

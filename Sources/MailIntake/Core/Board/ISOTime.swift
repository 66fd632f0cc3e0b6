import Foundation

/// "2026-11-24T09:15:00Z" without a formatter: the spreadsheet and the calendar write one per
/// case, and a Foundation formatter made per call costs more than the rest of the row.
enum ISOTime {
    static func utc(_ date: Date) -> String {
        let (day, clock) = split(date)
        return day.description + "T" + two(clock / 3600) + ":" + two(clock / 60 % 60) + ":" + two(clock % 60) + "Z"
    }

    /// "20261124T091500Z" (RFC 5545 DATE-TIME in UTC).
    static func compactUTC(_ date: Date) -> String {
        let (day, clock) = split(date)
        return "\(day.year)" + two(day.month) + two(day.day) + "T" + two(clock / 3600) + two(clock / 60 % 60) + two(clock % 60) + "Z"
    }

    private static func split(_ date: Date) -> (LocalDay, Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (LocalDay(dayNumber: days), seconds - days * 86_400)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

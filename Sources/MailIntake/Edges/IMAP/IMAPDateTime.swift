import Foundation

/// RFC 3501 §9: date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE,
/// e.g. "24-Nov-2026 09:15:00 +0000" (the day may have a leading space instead of a zero).
enum IMAPDateTime {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The instant, or nil for anything that does not follow the grammar.
    static func parse(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 3 else { return nil }
        let date = parts[0].split(separator: "-")
        let time = parts[1].split(separator: ":")
        let zone = parts[2]
        guard date.count == 3, time.count == 3, zone.count == 5,
            let day = Int(date[0]), let monthIndex = months.firstIndex(of: date[1].lowercased()), let year = Int(date[2]),
            let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
            let zoneHours = Int(zone.dropFirst().prefix(2)), let zoneMinutes = Int(zone.suffix(2)),
            zone.first == "+" || zone.first == "-"
        else { return nil }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        components.year = year
        components.month = monthIndex + 1
        components.day = day
        components.hour = hour
        components.minute = minute
        components.second = second
        guard let local = components.date else { return nil }
        let offset = (zoneHours * 3600 + zoneMinutes * 60) * (zone.first == "-" ? -1 : 1)
        return local.addingTimeInterval(TimeInterval(-offset))
    }
}

import Foundation

/// The office's calendar: which days it is open (weekdays that are neither England and Wales
/// bank holidays nor configured closures), its hours, and conversion between instants and
/// London wall-clock time. The `Calendar` (with its time zone) is passed in, so tests can
/// pin it and Core never reads the system's.
public struct BusinessCalendar: Sendable {
    /// A Gregorian calendar in the office's time zone (Europe/London).
    public var calendar: Calendar
    /// Extra days the office is closed (e.g. between Christmas and New Year).
    public var closures: Set<LocalDay>
    /// Office hours, local: callbacks are offered from `openHour` to `closeHour`.
    public var openHour: Int
    public var closeHour: Int
    /// "End of the working day" for a deadline moved to the next working day (17:00).
    public var endOfDayHour: Int
    public var endOfDayMinute: Int
    /// Bank holidays of the years around now, computed once (other years are computed on demand).
    let holidays: [LocalDay: String]
    static let precomputedYears = 2000...2060

    public init(
        calendar: Calendar, closures: Set<LocalDay> = [], openHour: Int = 9, closeHour: Int = 17,
        endOfDayHour: Int = 17, endOfDayMinute: Int = 0
    ) {
        self.calendar = calendar
        self.closures = closures
        self.openHour = openHour
        self.closeHour = closeHour
        self.endOfDayHour = endOfDayHour
        self.endOfDayMinute = endOfDayMinute
        var all: [LocalDay: String] = [:]
        for year in Self.precomputedYears { all.merge(BankHolidays.englandAndWales(year)) { a, _ in a } }
        self.holidays = all
    }

    /// The clinic's calendar: Gregorian, Europe/London (GMT only if the system lacks tzdata).
    public static func london(closures: Set<LocalDay> = []) -> BusinessCalendar {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0) ?? cal.timeZone
        return BusinessCalendar(calendar: cal, closures: closures)
    }

    /// An office calendar for a configured time zone, closures ("YYYY-MM-DD") and closing hour;
    /// nil when the time zone is unknown or a closure is not a date (the caller names the key).
    public static func office(
        timeZoneIdentifier: String = "Europe/London", closures: [String] = [], closeHour: Int = 17
    ) -> BusinessCalendar? {
        guard let tz = TimeZone(identifier: timeZoneIdentifier), (1...23).contains(closeHour) else { return nil }
        var days = Set<LocalDay>()
        for c in closures {
            guard let d = LocalDay(c) else { return nil }
            days.insert(d)
        }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        return BusinessCalendar(
            calendar: cal, closures: days, openHour: 9, closeHour: closeHour, endOfDayHour: closeHour, endOfDayMinute: 0)
    }

    /// The time zone's identifier, as `callback.timeZone` records it.
    public var timeZoneIdentifier: String { calendar.timeZone.identifier }

    /// Why the office is closed on `day`, or nil when it is open.
    public func closure(on day: LocalDay) -> String? {
        if day.isoWeekday == 6 { return "Saturday" }
        if day.isoWeekday == 7 { return "Sunday" }
        if Self.precomputedYears.contains(day.year) {
            if let name = holidays[day] { return name }
        } else if let name = BankHolidays.englandAndWales(day.year)[day] {
            return name
        }
        if closures.contains(day) { return "office closure" }
        return nil
    }

    public func isWorkingDay(_ day: LocalDay) -> Bool { closure(on: day) == nil }

    /// The first working day strictly after `day`.
    public func nextWorkingDay(after day: LocalDay) -> LocalDay {
        var d = day.adding(days: 1)
        // A year of closures cannot hide every day; the bound keeps bad config from looping.
        for _ in 0..<400 where !isWorkingDay(d) { d = d.adding(days: 1) }
        return d
    }

    /// The local day on which `instant` falls.
    public func localDay(of instant: Date) -> LocalDay {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDay(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// Local hour and minute of `instant`.
    public func localTime(of instant: Date) -> (hour: Int, minute: Int) {
        let c = calendar.dateComponents([.hour, .minute], from: instant)
        return (c.hour ?? 0, c.minute ?? 0)
    }

    /// The instant of `hour:minute` local time on `day`. In the hour skipped in March the
    /// calendar moves forward; office hours never fall there.
    public func instant(on day: LocalDay, hour: Int, minute: Int = 0) -> Date {
        let comps = DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute)
        if let d = calendar.date(from: comps) { return d }
        // Unreachable with a Gregorian calendar; fall back to UTC arithmetic rather than crash.
        return Date(timeIntervalSince1970: Double(day.dayNumber * 86_400 + hour * 3_600 + minute * 60))
    }

    /// The end of the working day `day` (17:00 local unless configured).
    public func endOfDay(_ day: LocalDay) -> Date { instant(on: day, hour: endOfDayHour, minute: endOfDayMinute) }
}

import Foundation

/// When a requester would like to be called, as they said it and as times: "Thursday
/// afternoon", "any time after 4pm", "avant 11 h", "يوم الأحد صباحاً".
///
/// The reading is pure text; `windows(receivedAt:calendar:)` pins it to instants, relative
/// to when the message arrived, in the office's calendar (injected, never the system's).
public struct CallbackWish: Sendable, Equatable {
    /// Which days a part of the wish is about.
    public enum Days: Sendable, Equatable {
        /// No day said: the next working days.
        case unspecified
        /// ISO weekdays (1 = Monday) named: the next such days.
        case weekdays([Int])
        /// Days counted from the received day (0 today, 1 tomorrow).
        case relative([Int])
        /// The working days of next week.
        case nextWeek
    }

    /// One part of the wish: days and a time of day, in minutes after local midnight.
    public struct Part: Sendable, Equatable {
        public var days: Days
        public var from: Int
        public var to: Int
        public init(days: Days, from: Int, to: Int) {
            self.days = days
            self.from = from
            self.to = to
        }
    }

    /// The requester's words.
    public var text: String
    /// What could be pinned down; empty when the wish names no day or time we can read.
    public var parts: [Part]

    public init(text: String, parts: [Part]) {
        self.text = text
        self.parts = parts
    }

    /// The requester's day, when a wish says only "after 4pm" or "Monday": 08:00 to 20:00.
    /// Office hours are the scheduler's business, not the reader's.
    public static let dayStart = 8 * 60
    public static let dayEnd = 20 * 60
    /// How many working days "any time after 4pm" covers.
    public static let horizonWorkingDays = 5

    /// The windows the wish pins down, from `receivedAt` on, earliest first; windows that
    /// have already begun start at `receivedAt`.
    public func windows(receivedAt: Date, calendar: BusinessCalendar) -> [IntakeCase.Callback.Slot] {
        var out: [IntakeCase.Callback.Slot] = []
        let today = calendar.localDay(of: receivedAt)
        for part in parts where part.to > part.from {
            func window(_ day: LocalDay) -> IntakeCase.Callback.Slot? {
                let start = calendar.instant(on: day, hour: part.from / 60, minute: part.from % 60)
                let end = calendar.instant(on: day, hour: part.to / 60, minute: part.to % 60)
                guard end > receivedAt else { return nil }
                return .init(start: max(start, receivedAt), end: end)
            }
            var days: [LocalDay] = []
            switch part.days {
            case .unspecified:
                var d = today
                while days.count < Self.horizonWorkingDays {
                    if calendar.isWorkingDay(d), window(d) != nil { days.append(d) }
                    d = d.adding(days: 1)
                }
            case .weekdays(let wds):
                for wd in wds {
                    var d = today.adding(days: (wd - today.isoWeekday + 7) % 7)
                    if window(d) == nil { d = d.adding(days: 7) }
                    days.append(d)
                }
            case .relative(let offsets):
                days = offsets.map { today.adding(days: $0) }
            case .nextWeek:
                let monday = today.adding(days: 8 - today.isoWeekday)
                days = (0..<5).map { monday.adding(days: $0) }.filter(calendar.isWorkingDay)
            }
            for d in days { if let w = window(d), !out.contains(w) { out.append(w) } }
        }
        return out.sorted { $0.start < $1.start }
    }
}

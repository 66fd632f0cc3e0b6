import Foundation

/// When an administrator must have called back, and the windows offered for the call.
///
/// The form: "an administrator contacts the requester within 24 hours; a request made on a
/// Friday is contacted the following Monday". The contract's reading: due = received + 24 h,
/// except a request received on a Friday, Saturday or Sunday, or whose +24 h falls on a day
/// the office is closed, is due by the end of the next working day.
public struct CallbackScheduler: Sendable {
    /// How the offered windows are laid out.
    public struct Options: Sendable, Hashable {
        /// Windows offered in the reply.
        public var slotCount: Int
        /// Length of one window.
        public var slotMinutes: Int
        /// No window starts sooner than this after the request arrived.
        public var leadMinutes: Int

        public init(slotCount: Int = 3, slotMinutes: Int = 60, leadMinutes: Int = 60) {
            self.slotCount = slotCount
            self.slotMinutes = slotMinutes
            self.leadMinutes = leadMinutes
        }
    }

    public var calendar: BusinessCalendar
    public var options: Options

    public init(calendar: BusinessCalendar, options: Options = .init()) {
        self.calendar = calendar
        self.options = options
    }

    /// The latest instant by which the requester will have been contacted.
    public func due(receivedAt: Date) -> Date {
        let day = calendar.localDay(of: receivedAt)
        if day.isoWeekday >= 5 {
            return calendar.endOfDay(calendar.nextWorkingDay(after: day))
        }
        let plus24 = receivedAt.addingTimeInterval(24 * 3600)
        let dueDay = calendar.localDay(of: plus24)
        if !calendar.isWorkingDay(dueDay) {
            return calendar.endOfDay(calendar.nextWorkingDay(after: dueDay))
        }
        return plus24
    }

    /// Up to `slotCount` windows inside office hours on working days, starting no sooner than
    /// `leadMinutes` after receipt and ending on or before `due`, spread over what is
    /// available (earliest, latest, and between).
    public func slots(receivedAt: Date, due: Date) -> [IntakeCase.Callback.Slot] {
        spread(windowsInOfficeHours(from: receivedAt, until: due), count: options.slotCount)
    }

    /// The due time and the windows together, as the case records them.
    public func callback(receivedAt: Date) -> IntakeCase.Callback {
        let d = due(receivedAt: receivedAt)
        return IntakeCase.Callback(
            due: d, timeZone: calendar.timeZoneIdentifier, slots: slots(receivedAt: receivedAt, due: d), booked: nil)
    }

    /// `count` items evenly spread over `all`, first and last included.
    func spread<T>(_ all: [T], count: Int) -> [T] {
        guard all.count > count, count > 0 else { return all }
        if count == 1 { return [all[0]] }
        return (0..<count).map { all[$0 * (all.count - 1) / (count - 1)] }
    }
}

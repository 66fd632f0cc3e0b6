import Foundation

/// The callback as the reply promises it: composed at `now` (which may be long after the
/// request arrived), so nothing offered lies in the past, every window is inside office hours,
/// the requester's own wishes come first, and a window already promised to as many requesters
/// as there are administrators is not offered again.
extension CallbackScheduler {
    /// Windows already promised (offered and not yet released, or booked), by start instant.
    public typealias SlotLoad = [Date: Int]

    /// The deadline and windows for a request received at `receivedAt`, composed at `now`.
    ///
    /// When processing was delayed so that the deadline is past or too close to keep (less
    /// than `leadMinutes` away), it is computed again from `now`, as if the request had just
    /// arrived: the reply never promises a time already gone.
    public func offer(
        receivedAt: Date, now: Date, requested: IntakeCase.Callback.Requested? = nil, load: SlotLoad = [:],
        capacity: Int = .max
    ) -> IntakeCase.Callback {
        var due = due(receivedAt: receivedAt)
        if due <= now.addingTimeInterval(TimeInterval(options.leadMinutes * 60)) { due = self.due(receivedAt: now) }
        let from = max(receivedAt, now)
        var candidates: [IntakeCase.Callback.Slot] = []
        if let windows = requested?.windows, !windows.isEmpty {
            // Their wish, within office hours, up to ten working days ahead (it may be after the deadline:
            // a call at the time they asked for beats one at a time they cannot take).
            let horizon = endOfWorkingDays(10, after: from)
            candidates = windowsInOfficeHours(from: from, until: horizon).filter { slot in
                windows.contains { $0.start <= slot.start && slot.end <= $0.end }
            }
        }
        if candidates.isEmpty { candidates = windowsInOfficeHours(from: from, until: due) }
        let free = candidates.filter { (load[$0.start] ?? 0) < capacity }
        return IntakeCase.Callback(
            due: due, timeZone: calendar.timeZoneIdentifier, slots: spread(free, count: options.slotCount), booked: nil,
            requested: requested)
    }

    /// The working day written to the requester ("by the end of Wednesday 25 November"): the
    /// day of `due`, or the working day before when `due` falls before opening time and that
    /// day still has a few office hours left after `now`. Never a day whose end has passed.
    public func promisedDay(due: Date, now: Date) -> LocalDay {
        var day = calendar.localDay(of: due)
        if !calendar.isWorkingDay(day) { day = calendar.nextWorkingDay(after: day) }
        if calendar.localTime(of: due).hour < calendar.openHour {
            var previous = day.adding(days: -1)
            for _ in 0..<30 where !calendar.isWorkingDay(previous) { previous = previous.adding(days: -1) }
            if calendar.endOfDay(previous).timeIntervalSince(now) >= 3 * 3600 { day = previous }
        }
        for _ in 0..<400 where calendar.endOfDay(day) <= now { day = calendar.nextWorkingDay(after: day) }
        return day
    }

    /// Every `slotMinutes` window inside office hours on working days, starting at least
    /// `leadMinutes` after `from` and ending by `until`.
    func windowsInOfficeHours(from: Date, until: Date) -> [IntakeCase.Callback.Slot] {
        let length = TimeInterval(options.slotMinutes * 60)
        let earliest = from.addingTimeInterval(TimeInterval(options.leadMinutes * 60))
        var out: [IntakeCase.Callback.Slot] = []
        var day = calendar.localDay(of: from)
        let lastDay = calendar.localDay(of: until)
        var guardDays = 0
        while day <= lastDay, guardDays < 40 {
            guardDays += 1
            if calendar.isWorkingDay(day) {
                var minute = calendar.openHour * 60
                while minute + options.slotMinutes <= calendar.closeHour * 60 {
                    let start = calendar.instant(on: day, hour: minute / 60, minute: minute % 60)
                    let end = start.addingTimeInterval(length)
                    if start >= earliest, end <= until { out.append(.init(start: start, end: end)) }
                    minute += options.slotMinutes
                }
            }
            day = day.adding(days: 1)
        }
        return out
    }

    /// The end of the `n`th working day after the day of `instant`.
    func endOfWorkingDays(_ n: Int, after instant: Date) -> Date {
        var day = calendar.localDay(of: instant)
        for _ in 0..<n { day = calendar.nextWorkingDay(after: day) }
        return calendar.endOfDay(day)
    }
}

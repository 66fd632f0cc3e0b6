import Foundation
import Testing

@testable import MailIntake

/// Nothing a reply promises is in the past or outside office hours: requests received at
/// every hour of a week, composed at once and three days late, across both clock changes and
/// Christmas.
@Suite struct ReplyTimesTests {
    static func t(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
    static let calendar = BusinessCalendar.london()
    static let scheduler = CallbackScheduler(calendar: calendar)

    static let weeks = [
        ("spring clock change", "2026-03-26T00:00:00Z"),  // Sunday 29 March 2026, 01:00 GMT → 02:00 BST
        ("autumn clock change", "2026-10-22T00:00:00Z"),  // Sunday 25 October 2026, 02:00 BST → 01:00 GMT
        ("Christmas", "2026-12-21T00:00:00Z"),  // 25, 28 December bank holidays (26th is a Saturday)
    ]

    @Test(arguments: weeks)
    func everyHourOfTheWeekGetsAPromiseInOfficeHoursAndInTheFuture(_ name: String, _ start: String) {
        for hour in 0..<(8 * 24) {
            let received = Self.t(start).addingTimeInterval(TimeInterval(hour * 3600))
            for delay in [0, 1800, 3 * 86_400] as [TimeInterval] {
                let now = received.addingTimeInterval(delay)
                let callback = Self.scheduler.offer(receivedAt: received, now: now)
                let day = Self.scheduler.promisedDay(due: callback.due, now: now)
                let end = Self.calendar.endOfDay(day)
                #expect(Self.calendar.isWorkingDay(day), "\(name): \(received) promised \(day)")
                #expect(end > now, "\(name): \(received) at \(now) promised the end of \(day)")
                #expect(callback.due > now, "\(name): due \(callback.due) at \(now)")
                // The written day is never later than the end of the working day after the due day.
                #expect(end.timeIntervalSince(callback.due) < 4 * 86_400)
                for slot in callback.slots {
                    let local = Self.calendar.localTime(of: slot.start)
                    let localEnd = Self.calendar.localTime(of: slot.end)
                    #expect(slot.start > now, "\(name): window \(slot.start) offered at \(now)")
                    #expect(Self.calendar.isWorkingDay(Self.calendar.localDay(of: slot.start)))
                    #expect(local.hour >= Self.calendar.openHour)
                    #expect(localEnd.hour * 60 + localEnd.minute <= Self.calendar.closeHour * 60)
                    #expect(slot.end <= callback.due)
                }
            }
        }
    }

    @Test func aDelayedRequestIsNotPromisedADayThatHasGone() {
        // Received Tuesday 24 November 09:16, composed a week later.
        var c = ReplySamples.sampleCase(issues: [], attachments: [], kind: .patient, contact: .phone)
        let received = Self.t("2026-11-24T09:16:00Z")
        let now = Self.t("2026-12-01T10:00:00Z")
        c.receivedAt = received
        c.callback = Self.scheduler.offer(receivedAt: received, now: now)
        let model = ReplyModel(.init(intakeCase: c, newAttachments: [], name: nil, sequence: 1, now: now), language: .en, configuration: .default)
        #expect(model.callback.dueDay == "Wednesday 2 December 2026")
        #expect(model.callback.slots.allSatisfy { _ in true })
        #expect(!model.callback.slots.isEmpty)
    }

    @Test func aLateEveningRequestIsPromisedTheEndOfTheNextDayNotAnHourAtNight() {
        let received = Self.t("2026-11-24T22:30:00Z")  // Tuesday 22:30
        let callback = Self.scheduler.offer(receivedAt: received, now: received)
        let model = ReplyModel(
            .init(intakeCase: { var c = ReplySamples.sampleCase(issues: [], attachments: [], kind: .patient, contact: .phone); c.callback = callback; return c }(),
                  newAttachments: [], name: nil, sequence: 1, now: received), language: .en, configuration: .default)
        #expect(model.callback.dueDay == "Wednesday 25 November 2026")
        #expect(model.callback.slots.map(\.day).allSatisfy { $0 == "Wednesday 25 November 2026" })
    }

    @Test func requestedWindowsComeFirst() {
        let received = Self.t("2026-11-24T09:15:00Z")
        let wish = IntakeCase.Callback.Requested(
            text: "Thursday afternoon", windows: [.init(start: Self.t("2026-11-26T12:00:00Z"), end: Self.t("2026-11-26T17:00:00Z"))])
        let callback = Self.scheduler.offer(receivedAt: received, now: received, requested: wish)
        #expect(!callback.slots.isEmpty)
        #expect(callback.slots.allSatisfy { $0.start >= Self.t("2026-11-26T12:00:00Z") && $0.end <= Self.t("2026-11-26T17:00:00Z") })
        #expect(callback.requested == wish)
        // A wish outside office hours (Sunday) falls back to the usual windows.
        let sunday = IntakeCase.Callback.Requested(text: "Sunday", windows: [.init(start: Self.t("2026-11-29T09:00:00Z"), end: Self.t("2026-11-29T17:00:00Z"))])
        #expect(Self.scheduler.offer(receivedAt: received, now: received, requested: sunday).slots == Self.scheduler.offer(receivedAt: received, now: received).slots)
    }

    @Test func aWindowIsPromisedToNoMoreRequestersThanThereAreAdministrators() throws {
        let ledger = InMemorySlotLedger()
        var config = IntakeConfiguration.default
        config.clinic.administrators = 2
        let planner = IntakePlanner(configuration: config, slotLedger: ledger)
        let received = Self.t("2026-11-24T09:15:00Z")
        var held: [Date: Int] = [:]
        for n in 1...12 {
            let id = "SMO-2026-0000\(10 + n)"
            let callback = planner.offer(receivedAt: received, now: received, requested: nil, caseId: id)
            try ledger.record(caseId: id, callback: callback)
            for s in callback.slots { held[s.start, default: 0] += 1 }
        }
        // Tuesday 11:00 to 17:00: six windows before Wednesday's 09:15 deadline, two administrators each.
        #expect(held.values.allSatisfy { $0 <= 2 })
        #expect(held.count == 6)
        #expect(held.values.reduce(0, +) == 12)
        #expect(planner.offer(receivedAt: received, now: received, requested: nil, caseId: "SMO-2026-000099").slots.isEmpty)
        // Booking one window releases the other windows that case was offered.
        var first = planner.offer(receivedAt: received, now: received, requested: nil, caseId: "SMO-2026-000011")
        #expect(first.slots.count == 3)
        first.booked = first.slots[0]
        try ledger.record(caseId: "SMO-2026-000011", callback: first)
        #expect(planner.offer(receivedAt: received, now: received, requested: nil, caseId: "SMO-2026-000099").slots.count == 2)
    }

    @Test func theJournalLedgerCountsAcrossCasesAndReplacesACasesOwn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("slots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = try JournalDatabase.open(path: dir.appendingPathComponent("journal.sqlite").path)
        let ledger = JournalSlotLedger(journal: journal)
        let a = IntakeCase.Callback.Slot(start: Self.t("2026-11-24T10:00:00Z"), end: Self.t("2026-11-24T11:00:00Z"))
        let b = IntakeCase.Callback.Slot(start: Self.t("2026-11-24T11:00:00Z"), end: Self.t("2026-11-24T12:00:00Z"))
        try ledger.record(caseId: "A", callback: .init(due: b.end, timeZone: "Europe/London", slots: [a, b], booked: nil))
        try ledger.record(caseId: "B", callback: .init(due: b.end, timeZone: "Europe/London", slots: [a], booked: nil))
        #expect(ledger.load(from: Self.t("2026-11-24T09:00:00Z"), excludingCase: "C") == [a.start: 2, b.start: 1])
        #expect(ledger.load(from: Self.t("2026-11-24T09:00:00Z"), excludingCase: "A") == [a.start: 1])
        try ledger.record(caseId: "A", callback: .init(due: b.end, timeZone: "Europe/London", slots: [a, b], booked: b))
        #expect(ledger.load(from: Self.t("2026-11-24T09:00:00Z"), excludingCase: "C") == [a.start: 1, b.start: 1])
        // Windows that have ended no longer count.
        #expect(ledger.load(from: Self.t("2026-11-24T11:30:00Z"), excludingCase: "C") == [b.start: 1])
    }
}

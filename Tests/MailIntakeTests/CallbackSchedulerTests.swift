import Foundation
import Testing

@testable import MailIntake

@Suite struct CallbackSchedulerTests {
    static func t(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
    let scheduler = CallbackScheduler(calendar: .london())

    @Test(arguments: [
        // Monday to Thursday: +24 h exactly.
        ("2026-11-23T10:00:00Z", "2026-11-24T10:00:00Z"),
        ("2026-11-26T16:30:00Z", "2026-11-27T16:30:00Z"),
        // Friday, Saturday, Sunday: end of the next working day (17:00 London).
        ("2026-11-27T09:15:00Z", "2026-11-30T17:00:00Z"),
        ("2026-11-28T12:00:00Z", "2026-11-30T17:00:00Z"),
        ("2026-11-29T23:30:00Z", "2026-11-30T17:00:00Z"),
        // Thursday before Good Friday: +24 h is a bank holiday, next working day is Tuesday (BST).
        ("2026-04-02T10:00:00Z", "2026-04-07T16:00:00Z"),
        // Christmas Eve (Thursday) 2026: Christmas and the Boxing Day substitute are closed.
        ("2026-12-24T11:00:00Z", "2026-12-29T17:00:00Z"),
        // The March change: received Saturday 28 March (GMT), due Monday 30 March 17:00 BST = 16:00 UTC.
        ("2026-03-28T10:00:00Z", "2026-03-30T16:00:00Z"),
        // The October change: Friday 23 October (BST), due Monday 26 October 17:00 GMT = 17:00 UTC.
        ("2026-10-23T15:00:00Z", "2026-10-26T17:00:00Z"),
        // A Friday in London that is still Thursday in UTC terms? No: 23:30 UTC Thursday in summer is Friday 00:30 BST.
        ("2026-07-02T23:30:00Z", "2026-07-06T16:00:00Z"),
        // Sunday before a bank holiday Monday: next working day is Tuesday.
        ("2026-05-24T08:00:00Z", "2026-05-26T16:00:00Z"),
    ])
    func dueTimes(_ received: String, _ due: String) {
        #expect(scheduler.due(receivedAt: Self.t(received)) == Self.t(due))
    }

    @Test func configuredEndOfDayIsUsed() {
        var cal = BusinessCalendar.london()
        cal.endOfDayHour = 16
        cal.endOfDayMinute = 30
        let s = CallbackScheduler(calendar: cal)
        #expect(s.due(receivedAt: Self.t("2026-11-27T09:15:00Z")) == Self.t("2026-11-30T16:30:00Z"))
    }

    @Test(arguments: ["2026-11-23T10:00:00Z", "2026-11-27T09:15:00Z", "2026-03-27T14:00:00Z", "2026-10-23T15:00:00Z", "2026-04-02T10:00:00Z"])
    func slotsAreThreeOfficeHourWindowsBeforeTheDueTime(_ received: String) {
        let r = Self.t(received)
        let cb = scheduler.callback(receivedAt: r)
        #expect(cb.slots.count == 3)
        #expect(cb.timeZone == "Europe/London")
        let cal = BusinessCalendar.london()
        for slot in cb.slots {
            #expect(slot.end.timeIntervalSince(slot.start) == 3600)
            #expect(slot.end <= cb.due)
            #expect(slot.start >= r.addingTimeInterval(3600))
            let (h, m) = cal.localTime(of: slot.start)
            #expect(h >= 9 && h <= 16 && m == 0)
            #expect(cal.isWorkingDay(cal.localDay(of: slot.start)))
        }
        #expect(cb.slots == cb.slots.sorted { $0.start < $1.start })
    }

    @Test func slotsAcrossTheMarchChangeAreInLondonTime() {
        // Received Friday 27 March 2026 (GMT); due Monday 30 March (BST). Monday 9:00 BST is 08:00 UTC.
        let cb = scheduler.callback(receivedAt: Self.t("2026-03-27T14:00:00Z"))
        #expect(cb.slots.first?.start == Self.t("2026-03-27T15:00:00Z"))
        #expect(cb.slots.last?.end == Self.t("2026-03-30T16:00:00Z"))
    }

    @Test func spokenTimesAreInLondonWords() {
        let cal = BusinessCalendar.london()
        let words = ReplyTimeWords(language: .en, timeZone: cal.calendar.timeZone)
        func spokenTime(_ d: Date, calendar: BusinessCalendar) -> String { "\(words.clock(d)) on \(words.day(d))" }
        #expect(spokenTime(Self.t("2026-11-30T17:00:00Z"), calendar: cal) == "5pm on Monday 30 November 2026")
        #expect(spokenTime(Self.t("2026-06-02T09:30:00Z"), calendar: cal) == "10:30am on Tuesday 2 June 2026")
        #expect(spokenTime(Self.t("2026-01-05T12:00:00Z"), calendar: cal) == "12pm on Monday 5 January 2026")
    }
}

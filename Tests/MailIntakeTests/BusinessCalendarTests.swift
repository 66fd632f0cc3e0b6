import Foundation
import Testing

@testable import MailIntake

@Suite struct BusinessCalendarTests {
    static func d(_ s: String) -> LocalDay { LocalDay(s)! }

    @Test(arguments: [
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25"),
        (2000, "2000-04-23"), (2019, "2019-04-21"),
    ])
    func easterSunday(_ year: Int, _ expected: String) {
        #expect(BankHolidays.easterSunday(year) == Self.d(expected))
    }

    @Test(arguments: [
        (2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]),
        (2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]),
        (2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"]),
        (2021, ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"]),
        (2028, ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"]),
        (2033, ["2033-01-03", "2033-04-15", "2033-04-18", "2033-05-02", "2033-05-30", "2033-08-29", "2033-12-26", "2033-12-27"]),
    ])
    func englandAndWalesBankHolidays(_ year: Int, _ expected: [String]) {
        let got = BankHolidays.englandAndWales(year).keys.sorted().map(\.description)
        #expect(got == expected)
    }

    @Test func weekdaysAndDayArithmetic() {
        #expect(Self.d("2026-11-30").isoWeekday == 1)
        #expect(Self.d("2026-11-29").isoWeekday == 7)
        #expect(Self.d("1970-01-01").isoWeekday == 4)
        #expect(Self.d("2024-02-28").adding(days: 1) == Self.d("2024-02-29"))
        #expect(Self.d("2026-12-31").adding(days: 1) == Self.d("2027-01-01"))
        #expect(LocalDay("2026-02-30") == nil)
        #expect(LocalDay("2026-13-01") == nil)
    }

    @Test func workingDaysSkipWeekendsHolidaysAndClosures() {
        let cal = BusinessCalendar.london(closures: [Self.d("2026-12-29"), Self.d("2026-12-30")])
        #expect(cal.nextWorkingDay(after: Self.d("2026-12-24")) == Self.d("2026-12-31"))
        #expect(cal.nextWorkingDay(after: Self.d("2026-04-02")) == Self.d("2026-04-07"))
        #expect(cal.closure(on: Self.d("2026-12-28")) == "Boxing Day (substitute day)")
        #expect(cal.closure(on: Self.d("2026-12-29")) == "office closure")
        #expect(cal.isWorkingDay(Self.d("2026-11-30")))
    }

    @Test func londonWallClockFollowsSummerTime() {
        let cal = BusinessCalendar.london()
        #expect(cal.timeZoneIdentifier == "Europe/London")
        // 17:00 in June is 16:00 UTC; in December it is 17:00 UTC.
        #expect(cal.instant(on: Self.d("2026-06-15"), hour: 17) == ISO8601DateFormatter().date(from: "2026-06-15T16:00:00Z"))
        #expect(cal.instant(on: Self.d("2026-12-15"), hour: 17) == ISO8601DateFormatter().date(from: "2026-12-15T17:00:00Z"))
    }
}

@Suite struct OfficeCalendarConfigurationTests {
    @Test func configuredCalendarsAreValidated() {
        #expect(BusinessCalendar.office(closures: ["2026-12-29"])?.closures == [LocalDay(year: 2026, month: 12, day: 29)])
        #expect(BusinessCalendar.office(closures: ["29/12/2026"]) == nil)
        #expect(BusinessCalendar.office(timeZoneIdentifier: "Mars/Olympus") == nil)
        #expect(BusinessCalendar.office(closeHour: 16)?.endOfDayHour == 16)
    }
}

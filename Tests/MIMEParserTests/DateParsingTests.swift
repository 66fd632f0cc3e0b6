import Foundation
import Testing
@testable import MIMEParser

@Suite("RFC 5322 dates")
struct DateParsingTests {
    /// 2026-11-24T09:15:00Z
    static let t: TimeInterval = 1_795_511_700

    static let cases: [(String, TimeInterval?)] = [
        ("Tue, 24 Nov 2026 09:15:00 +0000", t),
        ("24 Nov 2026 09:15:00 +0000", t),
        ("Tue, 24 Nov 2026 10:15:00 +0100 (CET)", t),
        ("Tue, 24 Nov 2026 04:15:00 -0500", t),
        ("Tue, 24 Nov 2026 09:15 GMT", t),  // no seconds
        ("Tue, 24 Nov 26 09:15:00 UT", t),  // two-digit year
        ("Tue, 24 Nov 2026 04:15:00 EST", t),
        ("Tue,  24  November  2026  09:15:00  +0000", t),
        ("Tue Nov 24 09:15:00 2026", t),  // asctime, no zone: UTC
        ("2026-11-24T09:15:00Z", t),
        ("2026-11-24T11:15:00+02:00", t),
        ("Tue, 24 Nov 2026 09:15:00 -0000", t),
        ("not a date", nil),
        ("", nil),
        ("Tue, 24 Foo 2026 09:15:00 +0000", nil),
        ("Tue, 24 Nov 2026 29:15:00 +0000", nil),
        ("Tue, 24 Nov 2026 09:xx:00 +0000", nil),
    ]

    @Test(arguments: cases) func parsesDate(_ text: String, _ expected: TimeInterval?) {
        #expect(DateParser.parse(text)?.timeIntervalSince1970 == expected)
    }

    @Test func daysFromCivilMatchesKnownDates() {
        #expect(DateParser.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(DateParser.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(DateParser.daysFromCivil(year: 1969, month: 12, day: 31) == -1)
    }
}

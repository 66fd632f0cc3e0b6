import Foundation
import Testing
@testable import MailIntake

/// callbacks.ics and cases.csv, read back by Python's `icalendar` and `csv`.
@Suite(.enabled(if: PythonTool.shouldRun, "needs Python with icalendar: run scripts/setup"))
struct BoardExportTests {
    static let readCalendar = """
        import sys, json, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        out = {"timezones": [], "events": []}
        for tz in cal.walk('VTIMEZONE'):
            out["timezones"].append({"tzid": str(tz['TZID']), "parts": sorted(c.name for c in tz.subcomponents)})
        for ev in cal.walk('VEVENT'):
            start, end = ev.decoded('DTSTART'), ev.decoded('DTEND')
            out["events"].append({"uid": str(ev['UID']), "sequence": int(ev['SEQUENCE']),
                "start": start.isoformat(), "end": end.isoformat(),
                "startUTC": start.timestamp(), "tz": str(start.tzinfo),
                "summary": str(ev['SUMMARY']), "description": str(ev['DESCRIPTION'])})
        print(json.dumps(out))
        """

    static let readCSV = """
        import sys, csv, json
        with open(sys.argv[1], newline='', encoding='utf-8') as f:
            print(json.dumps(list(csv.reader(f))))
        """

    struct Calendar: Decodable {
        struct Zone: Decodable { var tzid: String; var parts: [String] }
        struct Event: Decodable { var uid, start, end, tz, summary, description: String; var sequence: Int; var startUTC: Double }
        var timezones: [Zone]
        var events: [Event]
    }

    @Test func theCalendarIsReadByARealParserWithLondonTimesAndStableUIDs() throws {
        let scratch = ScratchFolder("ics")
        defer { scratch.cleanup() }
        // Summer (BST) and winter (GMT) deadlines, a booked slot, a long Arabic name to fold.
        var summer = BoardFixture.row(1)
        summer.callbackDue = Date(timeIntervalSince1970: 1_784_217_600)  // 2026-07-16T16:00Z = 17:00 BST
        var winter = BoardFixture.row(2, name: String(repeating: "أمل حداد، ", count: 12) + "; \\ test")
        winter.callbackDue = Date(timeIntervalSince1970: 1_796_230_800)  // 2026-12-02T17:00Z = 17:00 GMT
        var booked = BoardFixture.row(3)
        booked.booked = .init(start: Date(timeIntervalSince1970: 1_796_288_400), end: Date(timeIntervalSince1970: 1_796_290_200))
        let automatic = BoardFixture.row(4, issues: [.automaticMessage])
        let events = [summer, winter, booked, automatic].compactMap { row in CallbackCalendar.event(for: row).map { ($0, 3) } }
        #expect(events.count == 3)
        let text = CallbackCalendar.render(events, now: BoardFixture.now)
        let path = scratch.path + "/callbacks.ics"
        try AtomicFiles.replace(path, bytes: Array(text.utf8), mode: 0o600)

        // Every line ends in CRLF and is at most 75 octets.
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains { $0.hasPrefix(" ") })

        let json = try PythonTool.run(script: Self.readCalendar, arguments: [path])
        let calendar = try JSONDecoder().decode(Calendar.self, from: Data(json.utf8))
        #expect(calendar.timezones.count == 1 && calendar.timezones[0].tzid == "Europe/London")
        #expect(calendar.timezones[0].parts == ["DAYLIGHT", "STANDARD"])
        let byUID = Dictionary(uniqueKeysWithValues: calendar.events.map { ($0.uid, $0) })
        let first = try #require(byUID["SMO-2026-000001@second-opinion.mail-bot"])
        #expect(first.end == "2026-07-16T17:00:00+01:00" && first.start == "2026-07-16T16:30:00+01:00")
        #expect(first.sequence == 3)
        let second = try #require(byUID["SMO-2026-000002@second-opinion.mail-bot"])
        #expect(second.end == "2026-12-02T17:00:00+00:00")
        #expect(second.summary.hasSuffix(winter.requesterName))  // unfolded and unescaped intact
        let third = try #require(byUID["SMO-2026-000003@second-opinion.mail-bot"])
        #expect(third.startUTC == 1_796_288_400 && third.summary.hasPrefix("Booked call"))
        #expect(byUID["SMO-2026-000004@second-opinion.mail-bot"] == nil)
    }

    @Test func theSpreadsheetIsReadByPythonsCSVModule() throws {
        let scratch = ScratchFolder("csv")
        defer { scratch.cleanup() }
        var tricky = BoardFixture.row(1, name: "Haddad, \"Amal\"\nsecond line")
        tricky.subject = "=HYPERLINK(\"http://evil\")"
        tricky.patientName = "أمل"
        let plain = BoardFixture.row(2, hoursAgo: 30)
        let path = scratch.path + "/cases.csv"
        try AtomicFiles.replace(path, bytes: Array(CaseSpreadsheet.render([tricky, plain]).utf8), mode: 0o600)
        let json = try PythonTool.run(script: Self.readCSV, arguments: [path])
        let rows = try JSONDecoder().decode([[String]].self, from: Data(json.utf8))
        #expect(rows.count == 3)
        #expect(Array(rows[0].prefix(12)) == [
            "id", "received", "requester", "patient", "language", "service", "phone", "preferred contact", "issues",
            "callback due", "booked slot", "reply status",
        ])
        #expect(rows[1][0] == "SMO-2026-000002")  // oldest first
        #expect(rows[2][2] == "Haddad, \"Amal\"\nsecond line")
        #expect(rows[2][3] == "أمل")
        #expect(rows[2][6] == "+44 7700 9001")  // a phone number keeps its plus
        #expect(rows[2].last == "'=HYPERLINK(\"http://evil\")")  // never a formula
        #expect(rows.allSatisfy { $0.count == CaseSpreadsheet.header.count })
        #expect(String(decoding: try AtomicFiles.readAll(path), as: UTF8.self).hasSuffix("\r\n"))
    }
}

@Suite struct CalendarTextTests {
    @Test func longLinesFoldWithoutSplittingCharacters() {
        let line = "SUMMARY:" + String(repeating: "é", count: 80)
        let folded = CallbackCalendar.fold(line)
        let pieces = folded.components(separatedBy: "\r\n ")
        #expect(pieces.count == 3)
        #expect(pieces.allSatisfy { $0.utf8.count <= 75 })
        #expect(pieces.joined() == line)
        #expect(CallbackCalendar.fold("SHORT:x") == "SHORT:x")
    }

    @Test func textIsEscapedAsRFC5545Says() {
        #expect(CallbackCalendar.escape("a,b;c\\d\ne\r") == "a\\,b\\;c\\\\d\\ne")
    }

    @Test func theSequenceGoesUpOnlyWhenTheEventChanges() throws {
        let store = try CaseRowStore.inMemory()
        var row = BoardFixture.row(1)
        try store.upsert(row)
        try store.upsert(row)
        #expect(try store.sequence(of: row.caseId) == 0)
        row.replyStatus = .failed  // not shown in the event
        try store.upsert(row)
        #expect(try store.sequence(of: row.caseId) == 0)
        row.booked = .init(start: BoardFixture.now.addingTimeInterval(86_400), end: BoardFixture.now.addingTimeInterval(88_200))
        try store.upsert(row)
        #expect(try store.sequence(of: row.caseId) == 1)
    }
}

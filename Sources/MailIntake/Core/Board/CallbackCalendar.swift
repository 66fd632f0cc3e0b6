import Foundation

/// `CASES/callbacks.ics`: one RFC 5545 event per case for its callback deadline, or for the
/// window the requester booked, so administrators can subscribe to it from Outlook or any
/// calendar.
///
/// Each case keeps one UID for ever (`<caseId>@second-opinion.mail-bot`); when what its
/// event says changes, the row store bumps its SEQUENCE so calendars update the event in
/// place. Times are written in `Europe/London` with its VTIMEZONE (both the BST and GMT
/// rules), or in UTC for a case scheduled in another zone. Lines end in CRLF and are folded
/// at 75 octets without splitting a UTF-8 sequence (RFC 5545 §3.1).
public enum CallbackCalendar {
    /// What one case's event says; ``fingerprint`` changes exactly when the event does.
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var start: Date
        public var end: Date
        public var timeZone: String
        public var summary: String
        public var description: String

        /// A digest of everything a calendar shows, to decide when SEQUENCE must go up.
        public var fingerprint: String {
            Digest.sha256Hex(Array("\(start.timeIntervalSince1970)|\(end.timeIntervalSince1970)|\(timeZone)|\(summary)|\(description)".utf8))
        }
    }

    /// How long before the deadline the deadline's event starts.
    public static let deadlineLead: TimeInterval = 30 * 60

    /// The event of `row`, or nil for automatic mail and suspected spam (nobody to call).
    public static func event(for row: CaseRow) -> Event? {
        if row.isAutomaticOrSpam { return nil }
        let name = row.requesterName.isEmpty ? row.requesterEmail : row.requesterName
        var lines: [String] = []
        lines.append("Requester: \(name) <\(row.requesterEmail)>")
        if let patient = row.patientName, row.patientOnBehalf || patient != row.requesterName { lines.append("Patient: \(patient)") }
        lines.append("Phone: \(row.phone ?? "none given"); prefers \(row.preferredContact.rawValue)")
        let missing = CaseBoard.missing(row)
        if !missing.isEmpty { lines.append("Missing: " + missing.joined(separator: ", ")) }
        lines.append("Callback due: " + ISOTime.utc(row.callbackDue))
        let uid = row.caseId + "@second-opinion.mail-bot"
        if let booked = row.booked {
            return Event(
                uid: uid, start: booked.start, end: booked.end, timeZone: row.timeZone,
                summary: "Booked call: \(row.caseId) \(name)", description: lines.joined(separator: "\n"))
        }
        return Event(
            uid: uid, start: row.callbackDue.addingTimeInterval(-deadlineLead), end: row.callbackDue, timeZone: row.timeZone,
            summary: "Call back by the deadline: \(row.caseId) \(name)", description: lines.joined(separator: "\n"))
    }

    /// The whole calendar: `events` with their sequence numbers, stamped `now`.
    public static func render(_ events: [(event: Event, sequence: Int)], now: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mail-intake//second opinion callbacks//EN",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Second opinion callbacks",
            "X-WR-TIMEZONE:Europe/London",
        ]
        lines += londonTimeZone
        let stamp = utc(now)
        for (event, sequence) in events.sorted(by: { ($0.event.start, $0.event.uid) < ($1.event.start, $1.event.uid) }) {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + event.uid)
            lines.append("DTSTAMP:" + stamp)
            lines.append("SEQUENCE:\(sequence)")
            lines.append(dateProperty("DTSTART", event.start, zone: event.timeZone))
            lines.append(dateProperty("DTEND", event.end, zone: event.timeZone))
            lines.append("SUMMARY:" + escape(event.summary))
            lines.append("DESCRIPTION:" + escape(event.description))
            lines.append("TRANSP:OPAQUE")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Europe/London since 1996: BST from 01:00 UTC on the last Sunday of March, GMT from
    /// 01:00 UTC on the last Sunday of October.
    static let londonTimeZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/London",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19810329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19961027T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    static func dateProperty(_ name: String, _ date: Date, zone: String) -> String {
        guard zone == "Europe/London", let london = TimeZone(identifier: zone) else { return name + ":" + utc(date) }
        return name + ";TZID=Europe/London:" + localTime(date, london)
    }

    static func utc(_ date: Date) -> String { ISOTime.compactUTC(date) }

    /// "20261202T170000": wall-clock time in `zone`, for a TZID property.
    private static func localTime(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year ?? 1970)" + two(c.month) + two(c.day) + "T" + two(c.hour) + two(c.minute) + two(c.second)
    }

    /// RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newline escaped; other
    /// control characters dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// RFC 5545 §3.1: lines longer than 75 octets are split with CRLF and one space, never
    /// inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        if bytes.count <= 75 { return line }
        var pieces: [String] = []
        var start = 0
        var limit = 75
        while start < bytes.count {
            var end = min(start + limit, bytes.count)
            // Back off while `end` points at a continuation byte (10xxxxxx).
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            pieces.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = end
            limit = 74  // the leading space counts
        }
        return pieces.joined(separator: "\r\n ")
    }
}

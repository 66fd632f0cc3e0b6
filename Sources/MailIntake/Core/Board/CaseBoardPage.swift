import Foundation

/// One month of cases moved off the board: its page is `archive/<month>.html`.
public struct ArchiveMonth: Sendable, Equatable {
    /// "2026-11", the month the cases were received in, in the office's time zone.
    public var month: String
    public var cases: Int

    public init(month: String, cases: Int) {
        self.month = month
        self.cases = cases
    }

    /// "2026-11" for a date, in `timeZone`.
    public static func key(of date: Date, timeZone: TimeZone) -> String {
        let local = Int((date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))).rounded(.down))
        let day = LocalDay(dayNumber: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        return "\(day.year)-" + (day.month < 10 ? "0" : "") + "\(day.month)"
    }

    /// "November 2026".
    public var title: String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let parts = month.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return month }
        return names[m - 1] + " " + parts[0]
    }
}

/// Renders `CASES/index.html`, the administrators' board, from the rows of the cases still on
/// it (received within the board's age) and the list of archive months.
///
/// "Overdue" and the time left are as of `now`, the moment the page is written, which the
/// page states at the top: a page opened hours later says how old it is.
public enum CaseBoardPage {
    public static func render(
        _ rows: [CaseRow], now: Date, boardDays: Int, archive: [ArchiveMonth],
        timeZone: TimeZone = TimeZone(identifier: "Europe/London") ?? .gmt
    ) -> String {
        let board = CaseBoard(now: now, timeZone: timeZone)
        let time = TimeText()
        let zone = timeZone.identifier
        let table = CaseRowTable(board: board, time: time, pathToCases: "")
        let sections = board.sections(rows)
        var html = HTMLText.head(title: "Second opinion requests: the board")
        html = html.replacingOccurrences(of: "</style>", with: CaseRowTable.style + "</style>")
        html += "<body>\n<h1>Second opinion requests</h1>\n"
        html += "<p><strong>Written \(HTMLText.escape(time.full(now, zone: zone))).</strong> "
        html += "<span class=\"muted\">Overdue and the time left are as of then. "
        html += "Cases received in the last \(boardDays) days; older ones are in the monthly archive below.</span></p>\n"
        html += "<nav>" + sections.map { s in
            "<a href=\"#\(s.section.rawValue)\">\(s.section.title) <span class=\"count\">(\(s.rows.count))</span></a>"
        }.joined() + "<a href=\"#archive\">Archive</a> <a href=\"cases.csv\">cases.csv</a> <a href=\"callbacks.ics\">callbacks.ics</a></nav>\n"
        for (section, rows) in sections {
            html += "<h2 id=\"\(section.rawValue)\">\(section.title) <span class=\"count\">(\(rows.count))</span></h2>\n"
            html += "<p class=\"muted\">\(HTMLText.escape(section.explanation))</p>\n"
            html += rows.isEmpty ? "<p class=\"muted\">None.</p>\n" : table.render(rows, showTimeLeft: section != .automatic)
        }
        html += "<h2 id=\"archive\">Archive</h2>\n"
        if archive.isEmpty {
            html += "<p class=\"muted\">No case is older than \(boardDays) days.</p>\n"
        } else {
            html += "<ul>" + archive.map { m in
                "<li><a href=\"\(HTMLText.href("archive/" + m.month + ".html"))\">\(HTMLText.escape(m.title))</a> "
                    + "<span class=\"muted\">(\(m.cases) case\(m.cases == 1 ? "" : "s"))</span></li>"
            }.joined(separator: "\n") + "</ul>\n"
        }
        return html + "</body>\n</html>\n"
    }
}

/// Renders `CASES/archive/<month>.html`: the cases received in one month that are older
/// than the board's age, newest first, automatic mail apart. Written only when a case of
/// that month changes or moves off the board.
public enum CaseArchivePage {
    public static func render(
        _ rows: [CaseRow], month: ArchiveMonth, now: Date,
        timeZone: TimeZone = TimeZone(identifier: "Europe/London") ?? .gmt
    ) -> String {
        let board = CaseBoard(now: now, timeZone: timeZone)
        let time = TimeText()
        let table = CaseRowTable(board: board, time: time, pathToCases: "../")
        let requests = CaseBoard.newestFirst(rows.filter { !$0.isAutomaticOrSpam })
        let automatic = CaseBoard.newestFirst(rows.filter(\.isAutomaticOrSpam))
        var html = HTMLText.head(title: "Second opinion requests: \(month.title)")
        html = html.replacingOccurrences(of: "</style>", with: CaseRowTable.style + "</style>")
        html += "<body>\n<p><a href=\"../index.html\">The board</a></p>\n"
        html += "<h1>\(HTMLText.escape(month.title))</h1>\n"
        html += "<p class=\"muted\">\(requests.count) request\(requests.count == 1 ? "" : "s"), "
        html += "\(automatic.count) automatic or suspected spam. Written \(HTMLText.escape(time.full(now, zone: timeZone.identifier))).</p>\n"
        html += "<h2>Requests</h2>\n"
        html += requests.isEmpty ? "<p class=\"muted\">None.</p>\n" : table.render(requests, showTimeLeft: false)
        html += "<h2>Automatic and suspected spam</h2>\n"
        html += automatic.isEmpty ? "<p class=\"muted\">None.</p>\n" : table.render(automatic, showTimeLeft: false)
        return html + "</body>\n</html>\n"
    }
}

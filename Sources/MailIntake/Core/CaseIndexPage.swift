import Foundation

/// Renders `CASES/index.html`: every case, newest first, with automatic messages
/// (auto-replies, list mail, delivery reports) in a section of their own so they never hide
/// a real request.
public enum CaseIndexPage {
    /// The page listing `cases` (in any order; sorted here), generated at `generatedAt`.
    public static func render(_ cases: [IntakeCase], generatedAt: Date) -> String {
        let sorted = sortedNewestFirst(cases)
        let requests = sorted.filter { !$0.issues.contains(.automaticMessage) }
        let automatic = sorted.filter { $0.issues.contains(.automaticMessage) }
        let time = TimeText()
        var html = HTMLText.head(title: "Second opinion requests")
        html += "<body>\n<h1>Second opinion requests</h1>\n"
        html += "<p class=\"muted\">\(requests.count) request\(requests.count == 1 ? "" : "s"), "
        html += "\(automatic.count) automatic message\(automatic.count == 1 ? "" : "s"). "
        html += "Updated \(HTMLText.escape(time.full(generatedAt))).</p>\n"
        html += "<h2>Requests</h2>\n"
        html += requests.isEmpty ? "<p class=\"muted\">None yet.</p>\n" : table(requests, automatic: false, time: time)
        html += "<h2>Automatic messages</h2>\n"
        html += "<p class=\"muted\">Auto-replies, list mail and delivery reports: kept so nothing is lost; no reply was sent.</p>\n"
        html += automatic.isEmpty ? "<p class=\"muted\">None.</p>\n" : table(automatic, automatic: true, time: time)
        html += "</body>\n</html>\n"
        return html
    }

    /// Newest received first; equal times by case id, highest first, so the order is stable.
    public static func sortedNewestFirst(_ cases: [IntakeCase]) -> [IntakeCase] {
        cases.sorted {
            if $0.receivedAt != $1.receivedAt { return $0.receivedAt > $1.receivedAt }
            return $0.caseId > $1.caseId
        }
    }

    private static func table(_ cases: [IntakeCase], automatic: Bool, time: TimeText) -> String {
        let e = HTMLText.escape
        var html = "<table\(automatic ? " class=\"auto\"" : "")>\n"
        html += "<tr><th>Case</th><th>Received</th><th>From</th><th>Subject</th><th>Issues</th><th>Callback by</th><th>Reply</th></tr>\n"
        for c in cases {
            let from = c.requester.name.isEmpty ? c.requester.email : c.requester.name
            let kind = c.requester.kind == .embassy ? " <span class=\"tag\">embassy</span>" : ""
            let issues = c.issues.filter { $0 != .automaticMessage }
            let issuesCell = issues.isEmpty
                ? (automatic ? "" : "<span class=\"ok\">complete</span>")
                : issues.map { "<span class=\"tag\" title=\"\(e(CaseWording.issue($0)))\">\($0.rawValue)</span>" }
                    .joined(separator: " ")
            html += "<tr><td><a href=\"\(HTMLText.href(c.caseId + "/summary.html"))\">\(e(c.caseId))</a></td>"
            html += "<td>\(e(time.full(c.receivedAt)))</td>"
            html += "<td>\(e(from))\(kind)</td><td>\(e(c.subject ?? ""))</td><td>\(issuesCell)</td>"
            html += "<td>\(automatic ? "" : e(time.full(c.callback.due, zone: c.callback.timeZone)))</td>"
            html += "<td>\(c.reply.status.rawValue)</td></tr>\n"
        }
        return html + "</table>\n"
    }
}

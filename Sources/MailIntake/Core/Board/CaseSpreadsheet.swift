import Foundation

/// `CASES/cases.csv`: one row per case, RFC 4180 (CRLF line ends, every field quoted when it
/// holds a comma, a quote or a line break, quotes doubled), in the contract's columns and
/// then additive ones.
///
/// A field that a spreadsheet would run as a formula (`=`, `@`, or `+`/`-` not followed by a
/// phone number) gets a leading apostrophe: names and subjects come from strangers' mail.
public enum CaseSpreadsheet {
    /// The contract's columns first (never renamed), then additive ones.
    public static let header = [
        "id", "received", "requester", "patient", "language", "service", "phone", "preferred contact", "issues",
        "callback due", "booked slot", "reply status", "reply reason", "requester email", "subject",
    ]

    /// The header line.
    public static var headerLine: String { line(header) }

    /// One case's line (with its CRLF).
    public static func line(for row: CaseRow) -> String {
        let iso = ISOTime.utc
        let booked = row.booked.map { iso($0.start) + "/" + iso($0.end) } ?? ""
        let status = row.bounced && row.replyStatus == .sent ? "bounced" : row.replyStatus.rawValue
        return line([
            row.caseId, iso(row.receivedAt), row.requesterName, row.patientName ?? "", row.language.rawValue,
            row.service.rawValue, row.phone ?? "", row.preferredContact.rawValue, row.issues.map(\.rawValue).joined(separator: " "),
            row.isAutomaticOrSpam ? "" : iso(row.callbackDue), booked, status, row.replyReason ?? "",
            row.requesterEmail, row.subject ?? "",
        ])
    }

    /// The whole file for `rows`, oldest case first.
    public static func render(_ rows: [CaseRow]) -> String {
        var out = headerLine
        for row in rows.sorted(by: { ($0.receivedAt, $0.caseId) < ($1.receivedAt, $1.caseId) }) { out += line(for: row) }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ raw: String) -> String {
        var value = raw
        if let first = value.unicodeScalars.first {
            let phoneLike = value.dropFirst().allSatisfy { $0.isNumber || " ()-./".contains($0) } && value.count > 1
            if first == "=" || first == "@" || first == "\t" || first == "\r" || ((first == "+" || first == "-") && !phoneLike) {
                value = "'" + value
            }
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}

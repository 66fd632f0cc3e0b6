import Foundation
import GRDB

/// How a ``CaseRow`` is laid out in `case_rows`: times as seconds since 1970 (so the board's
/// age cut-off is an indexed range), codes as their contract strings, issues space-separated.
enum CaseRowRecord {
    static let createTable = """
        CREATE TABLE case_rows (
            case_id TEXT PRIMARY KEY NOT NULL,
            received_at REAL NOT NULL,
            month TEXT NOT NULL,
            subject TEXT,
            requester_kind TEXT NOT NULL,
            requester_name TEXT NOT NULL,
            requester_email TEXT NOT NULL,
            patient_name TEXT,
            patient_on_behalf INTEGER NOT NULL,
            relationship TEXT,
            language TEXT NOT NULL,
            service TEXT NOT NULL,
            phone TEXT,
            preferred_contact TEXT NOT NULL,
            issues TEXT NOT NULL,
            automatic INTEGER NOT NULL,
            callback_due REAL NOT NULL,
            time_zone TEXT NOT NULL,
            booked_start REAL,
            booked_end REAL,
            acknowledged_at REAL,
            last_follow_up_at REAL,
            follow_up_count INTEGER NOT NULL,
            reply_status TEXT NOT NULL,
            reply_reason TEXT,
            bounced INTEGER NOT NULL,
            event_fingerprint TEXT,
            event_sequence INTEGER NOT NULL DEFAULT 0,
            pages_dirty INTEGER NOT NULL DEFAULT 1
        )
        """

    /// Migration `board-v2`: the requester's callback wish and the administrator's notes.
    static let addWishAndNotes = """
        ALTER TABLE case_rows ADD COLUMN callback_wish TEXT;
        ALTER TABLE case_rows ADD COLUMN notes TEXT;
        """

    /// The archive month a row belongs to, in its case's time zone.
    static func month(of row: CaseRow) -> String {
        ArchiveMonth.key(of: row.receivedAt, timeZone: TimeZone(identifier: row.timeZone) ?? .gmt)
    }

    static func save(_ row: CaseRow, fingerprint: String?, sequence: Int, in db: Database) throws {
        let values: [(String, (any DatabaseValueConvertible)?)] = [
            ("case_id", row.caseId), ("received_at", row.receivedAt.timeIntervalSince1970), ("month", month(of: row)),
            ("subject", row.subject), ("requester_kind", row.requesterKind.rawValue), ("requester_name", row.requesterName),
            ("requester_email", row.requesterEmail), ("patient_name", row.patientName), ("patient_on_behalf", row.patientOnBehalf),
            ("relationship", row.relationship), ("language", row.language.rawValue), ("service", row.service.rawValue),
            ("phone", row.phone), ("preferred_contact", row.preferredContact.rawValue),
            ("issues", row.issues.map(\.rawValue).joined(separator: " ")), ("automatic", row.isAutomaticOrSpam),
            ("callback_due", row.callbackDue.timeIntervalSince1970), ("time_zone", row.timeZone),
            ("booked_start", row.booked?.start.timeIntervalSince1970), ("booked_end", row.booked?.end.timeIntervalSince1970),
            ("acknowledged_at", row.acknowledgedAt?.timeIntervalSince1970),
            ("last_follow_up_at", row.lastFollowUpAt?.timeIntervalSince1970), ("follow_up_count", row.followUpCount),
            ("reply_status", row.replyStatus.rawValue), ("reply_reason", row.replyReason), ("bounced", row.bounced),
            ("event_fingerprint", fingerprint), ("event_sequence", sequence), ("pages_dirty", 1),
            ("callback_wish", row.callbackWish), ("notes", row.notes.isEmpty ? nil : row.notes.joined(separator: "\n")),
        ]
        let names = values.map(\.0)
        let sql = "INSERT OR REPLACE INTO case_rows(" + names.joined(separator: ", ") + ") VALUES ("
            + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values.map { $0.1?.databaseValue ?? .null }))
    }

    static func decode(_ r: Row) -> CaseRow {
        func date(_ column: String) -> Date? { (r[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        var booked: IntakeCase.Callback.Slot?
        if let start = date("booked_start"), let end = date("booked_end") { booked = .init(start: start, end: end) }
        let issues = (r["issues"] as String? ?? "").split(separator: " ").compactMap { IntakeCase.IssueCode(rawValue: String($0)) }
        return CaseRow(
            caseId: r["case_id"], receivedAt: date("received_at") ?? .distantPast, subject: r["subject"],
            requesterKind: IntakeCase.Requester.Kind(rawValue: r["requester_kind"] ?? "") ?? .patient,
            requesterName: r["requester_name"], requesterEmail: r["requester_email"], patientName: r["patient_name"],
            patientOnBehalf: r["patient_on_behalf"], relationship: r["relationship"],
            language: IntakeCase.Language(rawValue: r["language"] ?? "") ?? .en,
            service: IntakeCase.Service(rawValue: r["service"] ?? "") ?? .recordsReview, phone: r["phone"],
            preferredContact: IntakeCase.Requester.PreferredContact(rawValue: r["preferred_contact"] ?? "") ?? .unknown,
            issues: issues, callbackDue: date("callback_due") ?? .distantPast, timeZone: r["time_zone"], booked: booked,
            acknowledgedAt: date("acknowledged_at"), lastFollowUpAt: date("last_follow_up_at"),
            followUpCount: r["follow_up_count"],
            replyStatus: IntakeCase.Reply.Status(rawValue: r["reply_status"] ?? "") ?? .pending,
            replyReason: r["reply_reason"], bounced: r["bounced"], callbackWish: r["callback_wish"],
            notes: (r["notes"] as String?).map { $0.split(separator: "\n").map(String.init) } ?? [])
    }
}

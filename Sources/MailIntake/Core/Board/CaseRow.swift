import Foundation

/// What the board, the archive pages, the calendar and the spreadsheet need to know of one
/// case: a flat row derived from `case.json`, kept in the row store so that the pages are
/// built without reading any case folder.
///
/// A row is a pure function of the case (``init(_:)``); the store keeps one per case and
/// replaces it whenever the case is written.
public struct CaseRow: Sendable, Equatable {
    public var caseId: String
    public var receivedAt: Date
    public var subject: String?
    public var requesterKind: IntakeCase.Requester.Kind
    public var requesterName: String
    public var requesterEmail: String
    public var patientName: String?
    public var patientOnBehalf: Bool
    public var relationship: String?
    public var language: IntakeCase.Language
    public var service: IntakeCase.Service
    public var phone: String?
    public var preferredContact: IntakeCase.Requester.PreferredContact
    public var issues: [IntakeCase.IssueCode]
    public var callbackDue: Date
    public var timeZone: String
    public var booked: IntakeCase.Callback.Slot?
    /// When the message our latest acknowledgement answered arrived (nil: none sent or queued).
    public var acknowledgedAt: Date?
    /// The latest follow-up that joined the case, and how many there are.
    public var lastFollowUpAt: Date?
    public var followUpCount: Int
    public var replyStatus: IntakeCase.Reply.Status
    public var replyReason: String?
    /// A delivery report came back about one of our replies (the acknowledgement bounced).
    public var bounced: Bool
    /// When the requester asked to be called, in their own words (`callback.requested.text`).
    public var callbackWish: String?
    /// Short notes for the administrator that no column holds (a case this mail cites but may
    /// not join, …): what the person reading the board should know before calling.
    public var notes: [String]

    public init(
        caseId: String, receivedAt: Date, subject: String? = nil, requesterKind: IntakeCase.Requester.Kind = .patient,
        requesterName: String, requesterEmail: String, patientName: String? = nil, patientOnBehalf: Bool = false,
        relationship: String? = nil, language: IntakeCase.Language = .en, service: IntakeCase.Service = .recordsReview,
        phone: String? = nil, preferredContact: IntakeCase.Requester.PreferredContact = .unknown,
        issues: [IntakeCase.IssueCode] = [], callbackDue: Date, timeZone: String = "Europe/London",
        booked: IntakeCase.Callback.Slot? = nil, acknowledgedAt: Date? = nil, lastFollowUpAt: Date? = nil,
        followUpCount: Int = 0, replyStatus: IntakeCase.Reply.Status = .sent, replyReason: String? = nil,
        bounced: Bool = false, callbackWish: String? = nil, notes: [String] = []
    ) {
        self.caseId = caseId
        self.receivedAt = receivedAt
        self.subject = subject
        self.requesterKind = requesterKind
        self.requesterName = requesterName
        self.requesterEmail = requesterEmail
        self.patientName = patientName
        self.patientOnBehalf = patientOnBehalf
        self.relationship = relationship
        self.language = language
        self.service = service
        self.phone = phone
        self.preferredContact = preferredContact
        self.issues = issues
        self.callbackDue = callbackDue
        self.timeZone = timeZone
        self.booked = booked
        self.acknowledgedAt = acknowledgedAt
        self.lastFollowUpAt = lastFollowUpAt
        self.followUpCount = followUpCount
        self.replyStatus = replyStatus
        self.replyReason = replyReason
        self.bounced = bounced
        self.callbackWish = callbackWish
        self.notes = notes
    }

    /// The row of `c`, as the board shows it.
    public init(_ c: IntakeCase) {
        let followUps = c.followUps ?? []
        self.init(
            caseId: c.caseId, receivedAt: c.receivedAt, subject: c.subject, requesterKind: c.requester.kind,
            requesterName: c.requester.name, requesterEmail: c.requester.email, patientName: c.patient.name,
            patientOnBehalf: c.patient.onBehalf, relationship: c.patient.relationship, language: c.language,
            service: c.service, phone: c.requester.phone, preferredContact: c.requester.preferredContact,
            issues: c.issues, callbackDue: c.callback.due, timeZone: c.callback.timeZone, booked: c.callback.booked,
            acknowledgedAt: CaseRow.acknowledgedAt(c), lastFollowUpAt: followUps.map(\.receivedAt).max(),
            followUpCount: followUps.count, replyStatus: c.reply.status, replyReason: c.reply.reason,
            bounced: !(c.reply.deliveryFailures ?? []).isEmpty, callbackWish: c.callback.requested?.text,
            notes: CaseRow.notes(c))
    }

    /// What the administrator should know that the other cells do not say.
    static func notes(_ c: IntakeCase) -> [String] {
        var notes: [String] = []
        if let cited = c.claimsCase {
            notes.append("cites \(cited) but is not from its requester: a case of its own")
        }
        // A move or cancellation no window could settle: a person must agree a time.
        if let change = c.callback.bookingChange, change.outcome == .needsAdministrator, c.callback.booked == nil {
            let what = change.kind == .cancel ? "asked to cancel the call" : "asked to move the call"
            notes.append("For an administrator: \(what): “\(ReplyComposer.shortened(MailEncoding.singleLine(change.text), to: noteLength))”")
        }
        // What they said about images still to arrange (more than sent, a disc, several sets).
        for w in c.imagesToArrangeWords ?? [] {
            notes.append("Images to arrange: “\(ReplyComposer.shortened(w, to: noteLength))”")
        }
        return notes
    }

    /// Longest requester's words kept in a note (the case page has them whole).
    static let noteLength = 160

    /// Auto-replies, list mail, delivery reports and what the spam filter marked: shown apart.
    public var isAutomaticOrSpam: Bool {
        issues.contains(.automaticMessage) || issues.contains(.suspectedSpam)
    }

    /// The requester wrote again after the message our latest acknowledgement answered.
    public var hasUnansweredFollowUp: Bool {
        guard let last = lastFollowUpAt else { return false }
        guard let acknowledgedAt else { return true }
        return last > acknowledgedAt
    }

    /// Our acknowledgements are numbered by the message they answer (`<id.ack-n@…>`: 1 is
    /// the request, n ≥ 2 the follow-up stored as `messages/n.eml`); that message's arrival
    /// is when we acknowledged.
    static func acknowledgedAt(_ c: IntakeCase) -> Date? {
        guard let id = c.reply.messageId, let marker = id.range(of: ".ack-") else { return nil }
        let digits = id[marker.upperBound...].prefix { $0.isNumber }
        guard let sequence = Int(digits) else { return nil }
        if sequence <= 1 { return c.receivedAt }
        let stored = "messages/\(sequence).eml"
        return c.followUps?.first { $0.storedAs == stored }?.receivedAt ?? c.followUps?.last?.receivedAt
    }
}

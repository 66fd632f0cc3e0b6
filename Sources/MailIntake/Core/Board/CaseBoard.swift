import Foundation

/// Sorts rows into the board's sections and says, in words, what each case is waiting for.
///
/// Pure: the time the page is written (`now`) and the office's time zone are arguments, so
/// "overdue" and "due today" mean the same in a test as on the share.
public struct CaseBoard: Sendable {
    /// The board's sections, in the order they appear.
    public enum Section: String, Sendable, CaseIterable {
        case toCall = "to-call"
        case waitingForRequester = "waiting-for-requester"
        case waitingForGuarantee = "waiting-for-guarantee"
        case booked
        case complete
        case automatic

        public var title: String {
            switch self {
            case .toCall: "To call"
            case .waitingForRequester: "Waiting for the requester"
            case .waitingForGuarantee: "Waiting for a letter of guarantee"
            case .booked: "Booked callbacks"
            case .complete: "Complete"
            case .automatic: "Automatic and suspected spam"
            }
        }

        public var explanation: String {
            switch self {
            case .toCall: "Callback deadline passed or due by the end of today: overdue first, then due today."
            case .waitingForRequester: "The acknowledgement asked for something; call by the deadline."
            case .waitingForGuarantee: "Sponsored: the embassy's letter of guarantee has not come yet."
            case .booked: "The requester chose a window to be called in."
            case .complete: "Nothing missing; call by the deadline."
            case .automatic: "Auto-replies, list and bulk mail, delivery reports and mail the spam filter marked: no reply was sent."
            }
        }
    }

    /// A deadline missed by more than this no longer heads the board: the call was most
    /// likely made (the bot cannot know), and the case shows in its own section, marked.
    public static let overdueWindow: TimeInterval = 7 * 86_400

    public let now: Date
    public let timeZone: TimeZone

    public init(now: Date, timeZone: TimeZone = TimeZone(identifier: "Europe/London") ?? .gmt) {
        self.now = now
        self.timeZone = timeZone
    }

    /// The first instant of tomorrow in the office's zone: what "due today" is measured against.
    public var endOfToday: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.startOfDay(for: now)
        return calendar.date(byAdding: .day, value: 1, to: start) ?? now.addingTimeInterval(86_400)
    }

    /// The section `row` belongs in.
    public func section(of row: CaseRow) -> Section {
        if row.isAutomaticOrSpam { return .automatic }
        if row.booked != nil { return .booked }
        if row.callbackDue < endOfToday, row.callbackDue > now.addingTimeInterval(-Self.overdueWindow) { return .toCall }
        if row.issues.contains(.guaranteeLetterRequired) { return .waitingForGuarantee }
        if !Self.missing(row).isEmpty { return .waitingForRequester }
        return .complete
    }

    /// Every section with its rows, each sorted for reading: deadlines soonest first (overdue
    /// at the top), booked windows in time order, the rest newest first.
    public func sections(_ rows: [CaseRow]) -> [(section: Section, rows: [CaseRow])] {
        var grouped: [Section: [CaseRow]] = [:]
        for row in rows { grouped[section(of: row), default: []].append(row) }
        return Section.allCases.map { section in
            let rows = grouped[section] ?? []
            switch section {
            case .toCall: return (section, rows.sorted { ($0.callbackDue, $0.caseId) < ($1.callbackDue, $1.caseId) })
            case .booked:
                return (section, rows.sorted { ($0.booked?.start ?? $0.callbackDue, $0.caseId) < ($1.booked?.start ?? $1.callbackDue, $1.caseId) })
            default: return (section, Self.newestFirst(rows))
            }
        }
    }

    /// Newest received first; equal times by case id, highest first, so the order is stable.
    public static func newestFirst(_ rows: [CaseRow]) -> [CaseRow] {
        rows.sorted { ($0.receivedAt, $0.caseId) > ($1.receivedAt, $1.caseId) }
    }

    /// What the case still needs from the requester or the embassy, in words.
    public static func missing(_ row: CaseRow) -> [String] {
        var items: [String] = []
        for issue in row.issues {
            switch issue {
            case .missingDescription: items.append("a description of the condition")
            case .missingReport: items.append("a medical report")
            case .missingImages: items.append("the images")
            case .termsNotConfirmed: items.append("confirmation of the terms")
            case .attachmentRejected: items.append("a rejected file, sent again")
            case .guaranteeLetterRequired: items.append("the letter of guarantee")
            case .imagesOverLimit, .imagesToArrange: items.append("images to arrange (more than can be emailed)")
            case .automaticMessage, .suspectedSpam, .claimsExistingCase: continue
            }
        }
        if row.preferredContact == .unknown, !row.isAutomaticOrSpam { items.append("how they prefer to be contacted") }
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// "overdue by 2 d 3 h", "overdue by 40 min", "5 h 10 min left".
    public func timeLeft(until due: Date) -> (text: String, overdue: Bool) {
        let seconds = due.timeIntervalSince(now)
        let text = Self.duration(abs(seconds))
        return seconds < 0 ? ("overdue by " + text, true) : (text + " left", false)
    }

    /// A duration as people say it, to the minute, at most two units.
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        let days = minutes / 1440, hours = (minutes % 1440) / 60, mins = minutes % 60
        if days > 0 { return hours > 0 ? "\(days) d \(hours) h" : "\(days) d" }
        if hours > 0 { return mins > 0 ? "\(hours) h \(mins) min" : "\(hours) h" }
        return "\(mins) min"
    }
}

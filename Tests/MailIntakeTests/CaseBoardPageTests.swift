import Foundation
import Testing
@testable import MailIntake

/// Rows for the board tests, around "now" = Wed 2 Dec 2026, 15:00 GMT.
enum BoardFixture {
    static let now = Date(timeIntervalSince1970: 1_796_223_600)  // 2026-12-02T15:00:00Z
    static func row(
        _ n: Int, hoursAgo: Double = 2, dueIn: Double = 22, issues: [IntakeCase.IssueCode] = [],
        name: String = "Amal Haddad", contact: IntakeCase.Requester.PreferredContact = .phone
    ) -> CaseRow {
        CaseRow(
            caseId: String(format: "SMO-2026-%06d", n), receivedAt: now.addingTimeInterval(-hoursAgo * 3600),
            subject: "Second opinion", requesterName: name, requesterEmail: "r\(n)@example.net", phone: "+44 7700 900\(n % 1000)",
            preferredContact: contact, issues: issues, callbackDue: now.addingTimeInterval(dueIn * 3600),
            acknowledgedAt: now.addingTimeInterval(-hoursAgo * 3600))
    }
}

@Suite struct CaseBoardPageTests {
    let board = CaseBoard(now: BoardFixture.now)

    @Test func casesGoToTheSectionTheirStateSays() {
        #expect(board.section(of: BoardFixture.row(1, dueIn: -3)) == .toCall)  // overdue
        #expect(board.section(of: BoardFixture.row(2, dueIn: 5)) == .toCall)  // due 20:00 today
        #expect(board.section(of: BoardFixture.row(3, dueIn: 20)) == .complete)  // tomorrow
        #expect(board.section(of: BoardFixture.row(4, dueIn: 20, issues: [.missingReport])) == .waitingForRequester)
        #expect(board.section(of: BoardFixture.row(5, dueIn: 20, contact: .unknown)) == .waitingForRequester)
        #expect(board.section(of: BoardFixture.row(6, dueIn: 20, issues: [.guaranteeLetterRequired])) == .waitingForGuarantee)
        #expect(board.section(of: BoardFixture.row(7, dueIn: -3, issues: [.automaticMessage])) == .automatic)
        #expect(board.section(of: BoardFixture.row(8, issues: [.suspectedSpam])) == .automatic)
        var booked = BoardFixture.row(9, dueIn: -3)
        booked.booked = .init(start: BoardFixture.now.addingTimeInterval(86_400), end: BoardFixture.now.addingTimeInterval(88_200))
        #expect(board.section(of: booked) == .booked)
        // A deadline missed more than a week ago no longer heads the board.
        #expect(board.section(of: BoardFixture.row(10, hoursAgo: 300, dueIn: -280)) == .complete)
    }

    @Test func theBoardPutsOverdueFirstAndStatesWhenItWasWritten() {
        let rows = [
            BoardFixture.row(1, dueIn: 5), BoardFixture.row(2, dueIn: -26), BoardFixture.row(3, dueIn: 20, issues: [.missingImages]),
            BoardFixture.row(4, issues: [.automaticMessage]),
        ]
        let html = CaseBoardPage.render(rows, now: BoardFixture.now, boardDays: 60, archive: [ArchiveMonth(month: "2026-09", cases: 3)])
        #expect(html.contains("Written Wed 2 Dec 2026, 15:00 GMT"))
        let overdue = html.range(of: "SMO-2026-000002/summary.html")!.lowerBound
        let today = html.range(of: "SMO-2026-000001/summary.html")!.lowerBound
        let waiting = html.range(of: "id=\"waiting-for-requester\"")!.lowerBound
        let missing = html.range(of: "SMO-2026-000003/summary.html")!.lowerBound
        let automatic = html.range(of: "id=\"automatic\"")!.lowerBound
        let auto = html.range(of: "SMO-2026-000004/summary.html")!.lowerBound
        #expect(overdue < today && today < waiting && waiting < missing && missing < automatic && automatic < auto)
        #expect(html.contains("overdue by 1 d 2 h"))
        #expect(html.contains("5 h left"))
        #expect(html.contains("<li>the images</li>"))
        #expect(html.contains("href=\"archive/2026-09.html\">September 2026</a>"))
        #expect(html.contains("To call <span class=\"count\">(2)</span>"))
    }

    @Test func mailTextIsEscapedAndArabicReadsRightToLeft() {
        var row = BoardFixture.row(1, name: "أمل حداد")
        row.subject = "<script>alert(1)</script>"
        row.patientName = "<img src=x onerror=alert(1)>"
        row.patientOnBehalf = true
        row.relationship = "mother"
        let html = CaseBoardPage.render([row], now: BoardFixture.now, boardDays: 60, archive: [])
        #expect(!html.contains("<script>alert") && !html.contains("<img"))
        #expect(html.contains("<bdi dir=\"auto\">أمل حداد</bdi>"))
        #expect(html.contains("<bdi dir=\"auto\" class=\"sub\">&lt;script&gt;"))
        #expect(html.contains("for <bdi dir=\"auto\">&lt;img src=x onerror=alert(1)&gt;</bdi> (mother)"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(!html.contains("<script"))
    }

    @Test func theRequestersCallbackWishAndTheNotesShowInTheirWordsEscaped() {
        var row = BoardFixture.row(1)
        row.callbackWish = "Please call me on Thursday afternoon <b>after 4pm</b>, " + String(repeating: "really ", count: 20)
        row.notes = ["cites SMO-2026-000009 but is not from its requester: a case of its own"]
        var booked = BoardFixture.row(2)
        booked.callbackWish = "Tuesday morning"
        booked.booked = .init(start: BoardFixture.now.addingTimeInterval(86_400), end: BoardFixture.now.addingTimeInterval(88_200))
        let html = CaseBoardPage.render([row, booked], now: BoardFixture.now, boardDays: 60, archive: [])
        #expect(html.contains("asked: \u{201C}<bdi dir=\"auto\">Please call me on Thursday afternoon &lt;b&gt;after 4pm&lt;/b&gt;, really"))
        #expect(html.contains("\u{2026}</bdi>\u{201D}"), "a long wish is shortened")
        #expect(!html.contains("<b>after"))
        #expect(html.contains("<div class=\"note\"><bdi dir=\"auto\">cites SMO-2026-000009 but is not from its requester"))
        // Once a slot is booked, the booking is what counts: the wish is not repeated.
        #expect(!html.contains("Tuesday morning"))
    }

    @Test func theReplyColumnSaysBouncedFailedAndQueuedWithTheReason() {
        var bounced = BoardFixture.row(1)
        bounced.bounced = true
        var failed = BoardFixture.row(2)
        failed.replyStatus = .failed
        failed.replyReason = "550 5.1.1 mailbox unknown"
        var queued = BoardFixture.row(3)
        queued.replyStatus = .queued
        queued.replyReason = "server unreachable"
        let html = CaseBoardPage.render([bounced, failed, queued], now: BoardFixture.now, boardDays: 60, archive: [])
        #expect(html.contains("<span class=\"bad\">bounced</span>"))
        #expect(html.contains("<span class=\"bad\">failed</span><br><span class=\"reason\">550 5.1.1 mailbox unknown</span>"))
        #expect(html.contains("<span class=\"warn\">queued</span><br><span class=\"reason\">server unreachable</span>"))
    }

    @Test func aFollowUpAfterTheAcknowledgementIsMarkedNew() {
        var row = BoardFixture.row(1, hoursAgo: 5)
        row.lastFollowUpAt = BoardFixture.now.addingTimeInterval(-3600)
        row.followUpCount = 1
        #expect(row.hasUnansweredFollowUp)
        row.acknowledgedAt = row.lastFollowUpAt
        #expect(!row.hasUnansweredFollowUp)
        let html = CaseBoardPage.render([row], now: BoardFixture.now, boardDays: 60, archive: [])
        #expect(html.contains("1 follow-up, answered"))
    }

    @Test func aRowIsDerivedFromTheCase() {
        var c = SampleCase.make(issues: [.missingReport])
        c.reply = .init(status: .sent, reason: nil, messageId: "<SMO-2026-000001.ack-2@clinic.example>", deliveryFailures: ["x"])
        c.followUps = [
            .init(messageId: nil, receivedAt: c.receivedAt.addingTimeInterval(600), storedAs: "messages/2.eml", text: ""),
            .init(messageId: nil, receivedAt: c.receivedAt.addingTimeInterval(900), storedAs: "messages/3.eml", text: ""),
        ]
        let row = CaseRow(c)
        #expect(row.acknowledgedAt == c.receivedAt.addingTimeInterval(600))
        #expect(row.lastFollowUpAt == c.receivedAt.addingTimeInterval(900))
        #expect(row.hasUnansweredFollowUp && row.bounced && row.followUpCount == 2)
        #expect(CaseBoard.missing(row) == ["a medical report", "how they prefer to be contacted"])
    }

    @Test func archiveMonthsAreTheOfficeMonth() {
        let london = TimeZone(identifier: "Europe/London")!
        // 2026-06-30T23:30Z is already 1 July in London (BST).
        #expect(ArchiveMonth.key(of: Date(timeIntervalSince1970: 1_782_862_200), timeZone: london) == "2026-07")
        #expect(ArchiveMonth(month: "2026-11", cases: 1).title == "November 2026")
    }
}

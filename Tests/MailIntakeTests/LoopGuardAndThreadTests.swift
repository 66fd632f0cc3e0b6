import MIMEParser
import Testing

@testable import MailIntake

@Suite struct LoopGuardAndThreadTests {
    func view(_ headers: [(String, String)], from: String = "a@example.com", subject: String = "Hello", dsn: Bool = false) -> MessageView {
        MessageView(
            subject: subject, from: [MailAddress(name: nil, address: from)],
            header: MIMEHeader(fields: headers.map { HeaderField(name: $0.0, value: $0.1) }), isDeliveryStatus: dsn)
    }

    @Test(arguments: [
        ([("Auto-Submitted", "auto-replied")], true), ([("Auto-Submitted", "auto-generated")], true),
        ([("Auto-Submitted", "no")], false), ([("Precedence", "bulk")], true), ([("Precedence", "list")], true),
        ([("Precedence", "junk")], true), ([("Precedence", "first-class")], false), ([("List-Id", "<x.lists.example>")], true),
        ([("List-Unsubscribe", "<mailto:u@x>")], true), ([("X-Autoreply", "yes")], true), ([("X-Autorespond", "x")], true),
        ([("Return-Path", "<>")], true), ([], false),
    ])
    func headersMarkAutomaticMail(_ headers: [(String, String)], _ automatic: Bool) {
        #expect((AutomaticMailDetector.reason(view(headers)) != nil) == automatic)
    }

    @Test(arguments: [
        ("MAILER-DAEMON@mx.example", "Hello", true), ("postmaster@example.com", "Hello", true),
        ("no-reply@service.example", "Hello", true), ("a@example.com", "Out of Office: away", true),
        ("a@example.com", "Automatic reply: Second opinion", true), ("a@example.com", "Réponse automatique : absent", true),
        ("a@example.com", "رد تلقائي", true), ("a@example.com", "Second opinion for my out of office father", false),
        ("a@example.com", "Re: Second opinion [SMO-2026-000001]", false),
    ])
    func sendersAndSubjectsMarkAutomaticMail(_ from: String, _ subject: String, _ automatic: Bool) {
        #expect((AutomaticMailDetector.reason(view([], from: from, subject: subject)) != nil) == automatic, "\(from) \(subject)")
    }

    @Test func deliveryReportsAreAutomatic() {
        #expect(AutomaticMailDetector.reason(view([], dsn: true)) == "delivery status notification")
    }

    @Test(arguments: [
        ("Re: my case [SMO-2026-000123]", ["SMO-2026-000123"]), ("smo-2026-000123 and SMO-2025-999999", ["SMO-2026-000123", "SMO-2025-999999"]),
        ("XSMO-2026-000123", []), ("SMO-2026-0001234", []), ("SMO-26-000123", []), ("no reference", []),
    ])
    func caseReferencesInSubjects(_ subject: String, _ expected: [String]) {
        #expect(ThreadMatcher.caseReferences(in: subject) == expected)
    }

    @Test func ourMessageIDsNameTheirCase() {
        let id = ThreadMatcher.messageID(caseId: "SMO-2026-000123", sequence: 2, domain: "example.org")
        #expect(id == "<SMO-2026-000123.ack-2@example.org>")
        #expect(ThreadMatcher.caseId(fromMessageID: id) == "SMO-2026-000123")
        #expect(ThreadMatcher.caseId(fromMessageID: "<abc@example.org>") == nil)
        var v = view([])
        v.inReplyTo = ["<other@x>"]
        v.references = ["<first@x>", "<SMO-2026-000007.ack-1@example.org>", "<other@x>"]
        let r = ThreadMatcher.references(in: v)
        #expect(r.caseIds == ["SMO-2026-000007"])
        #expect(r.messageIds == ["<other@x>", "<SMO-2026-000007.ack-1@example.org>", "<first@x>"])
    }
}

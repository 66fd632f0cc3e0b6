import Foundation
import MIMEParser
import Testing

@testable import MailIntake

/// Who may join a case (pure): the requester's own address, an embassy's own domain, and
/// nobody else however the message dresses up.
@Suite struct CaseAccessPolicyTests {
    static func cited(_ email: String, kind: IntakeCase.Requester.Kind = .patient) -> IntakeCase {
        IntakeCase(
            caseId: "SMO-2026-000042", receivedAt: Date(timeIntervalSince1970: 0), messageId: "<r@x>",
            requester: .init(kind: kind, name: "Amira Haddad", email: email, phone: nil, preferredContact: .unknown),
            service: .recordsReview, description: "", attachments: [],
            embassy: .init(detected: kind == .embassy, signals: [], letterOfGuarantee: false), issues: [],
            callback: .init(due: Date(timeIntervalSince1970: 0), timeZone: "Europe/London", slots: [], booked: nil),
            reply: .init(status: .sent, reason: nil))
    }

    static func message(from: [MailAddress], replyTo: [MailAddress] = [], headers: [(String, String)] = []) -> MessageView {
        var header = MIMEHeader()
        for (n, v) in headers { header.fields.append(.init(name: n, value: v)) }
        return MessageView(subject: "Re: SMO-2026-000042", from: from, replyTo: replyTo, header: header)
    }

    static let patient = cited("Amira@Example.com")
    static let embassy = cited("health.office@ksa-embassy.org", kind: .embassy)
    static let gmailEmbassy = cited("embassy.health@gmail.com", kind: .embassy)

    /// (what, case, From, Reply-To, may join)
    static let table: [(String, IntakeCase, [MailAddress], [MailAddress], Bool)] = [
        ("the requester, case differing", patient, [.init(name: "A", address: "amira@EXAMPLE.COM")], [], true),
        ("the requester, domain with a trailing dot", patient, [.init(name: nil, address: "amira@example.com.")], [], true),
        ("display-name spoofing", patient, [.init(name: "amira@example.com", address: "mallory@evil.net")], [], false),
        ("the requester's name, another address", patient, [.init(name: "Amira Haddad", address: "amira.haddad@evil.net")], [], false),
        ("Reply-To set to the requester", patient, [.init(name: nil, address: "mallory@evil.net")], [.init(name: nil, address: "amira@example.com")], false),
        ("look-alike domain (digit one)", patient, [.init(name: nil, address: "amira@examp1e.com")], [], false),
        ("look-alike domain (Cyrillic a)", patient, [.init(name: nil, address: "amira@ex\u{0430}mple.com")], [], false),
        ("the domain as a subdomain of another", patient, [.init(name: nil, address: "amira@example.com.evil.net")], [], false),
        ("plus-addressing is another address", patient, [.init(name: nil, address: "amira+x@example.com")], [], false),
        ("a colleague at a patient's domain", patient, [.init(name: nil, address: "boss@example.com")], [], false),
        ("no sender", patient, [], [], false),
        ("the requester among several senders", patient, [.init(name: nil, address: "amira@example.com"), .init(name: nil, address: "m@evil.net")], [], false),
        ("an embassy colleague, same domain", embassy, [.init(name: "Consul", address: "consul@KSA-embassy.org")], [], true),
        ("an embassy look-alike", embassy, [.init(name: nil, address: "consul@ksa-embassy.org.evil.net")], [], false),
        ("an embassy's prefix look-alike", embassy, [.init(name: nil, address: "consul@fake-ksa-embassy.org")], [], false),
        ("a sub-domain of the embassy's", embassy, [.init(name: nil, address: "x@mail.ksa-embassy.org")], [], false),
        ("anyone at the public mail service an embassy used", gmailEmbassy, [.init(name: nil, address: "someone@gmail.com")], [], false),
        ("the embassy's own public address", gmailEmbassy, [.init(name: nil, address: "Embassy.Health@gmail.com")], [], true),
    ]

    @Test(arguments: table.indices)
    func onlyTheRequesterMayJoin(_ i: Int) {
        let (what, c, from, replyTo, joins) = Self.table[i]
        let decision = CaseAccessPolicy.decide(Self.message(from: from, replyTo: replyTo), cites: c)
        if joins {
            #expect(decision == .join, "\(what)")
        } else if case .claim = decision {
        } else {
            Issue.record("\(what): \(decision)")
        }
    }

    @Test func spamFromTheRequesterStaysApart() {
        let m = Self.message(from: [.init(name: nil, address: "amira@example.com")], headers: [("X-Spam-Flag", "YES")])
        #expect(CaseAccessPolicy.decide(m, cites: Self.patient) == .separate(reason: "marked as spam (X-Spam-Flag: YES)"))
    }

    @Test(arguments: [
        ("X-Spam-Flag", "YES", "X-Spam-Flag: YES"), ("X-Spam-Flag", " yes ", "X-Spam-Flag: YES"), ("X-Spam-Flag", "NO", nil),
        ("X-Spam-Status", "Yes, score=7.2 required=5.0 tests=BAYES_99", "X-Spam-Status: Yes"),
        ("X-Spam-Status", "No, score=-0.1 required=5.0", nil), ("X-Spam-Status", "Yesterday", nil), ("Subject", "YES", nil),
    ] as [(String, String, String?)])
    func spamFilterMarks(_ name: String, _ value: String, _ expected: String?) {
        #expect(SpamFilterMark.reason(Self.message(from: [], headers: [(name, value)])) == expected)
    }

    @Test func aSendersOwnNoCannotHideTheServersYes() {
        let m = Self.message(from: [], headers: [("X-Spam-Flag", "NO"), ("X-Spam-Flag", "YES")])
        #expect(SpamFilterMark.reason(m) == "X-Spam-Flag: YES")
    }

    @Test(arguments: [
        ("All", true), ("all", true), ("DR, RN, NRN, OOF, AutoReply", true), ("OOF", false), ("DR, NDR", false),
        ("RN, NRN", false), ("None", false), ("autoreply", true), ("Allow", false),
    ])
    func autoResponseSuppressFollowsTheHeadersMeaning(_ value: String, _ suppressed: Bool) {
        let m = Self.message(from: [], headers: [("X-Auto-Response-Suppress", value)])
        #expect((AutoResponseSuppress.reason(m) != nil) == suppressed, "\(value)")
    }

    @Test func theReplySubjectToAClaimDropsTheCitedReference() {
        #expect(IntakePlanner.subject("Re: Your request [SMO-2026-000042]", without: "SMO-2026-000042") == "Re: Your request")
        #expect(IntakePlanner.subject("smo-2026-000042 update smo-2026-000042", without: "SMO-2026-000042") == "update")
    }
}

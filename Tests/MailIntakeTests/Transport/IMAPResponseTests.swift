import Foundation
import Testing

@testable import MailIntake

@Suite("IMAP response reading")
struct IMAPResponseTests {
    static let body = Array("From: a@example.org\r\nSubject: M2 OK not the end\r\n\r\n* 1 FETCH fake\r\nM2 OK tricked?\r\n".utf8)
    static let stream: [UInt8] =
        Array("* 1 FETCH (UID 7 BODY[] {\(body.count)}\r\n".utf8) + body + Array(")\r\n* 3 EXISTS\r\nM2 OK Fetch completed.\r\n".utf8)

    static func responses(_ chunks: [[UInt8]], maxLiteral: Int = 1 << 20) throws -> ([IMAPResponse], Int?) {
        var reader = IMAPResponseReader(maxLiteral: maxLiteral)
        var out: [IMAPResponse] = []
        for chunk in chunks {
            try chunk.withUnsafeBytes { raw in try reader.feed(raw) { out.append($0) } }
        }
        return (out, reader.takeDiscardedLiteral())
    }

    @Test("a literal comes out byte-exact, even when its lines look like responses or our tag")
    func literalIsExact() throws {
        let (responses, discarded) = try Self.responses([Self.stream])
        #expect(discarded == nil)
        #expect(responses.count == 3)
        guard case .untagged(let fetch) = responses[0], case .fetch(let sequence, let fetched) = fetch.parse() else {
            Issue.record("no FETCH: \(responses)")
            return
        }
        #expect(sequence == 1)
        #expect(fetched.uid == 7)
        #expect(fetched.body == Self.body)
        #expect(responses[2] == .tagged(tag: "M2", status: .ok, text: "Fetch completed."))
    }

    @Test("the same responses whether bytes come whole, split at any offset, or one at a time")
    func splitAnywhere() throws {
        let whole = try Self.responses([Self.stream]).0
        for offset in 0...Self.stream.count {
            let split = try Self.responses([Array(Self.stream[..<offset]), Array(Self.stream[offset...])]).0
            #expect(split == whole, "split at \(offset)")
        }
        #expect(try Self.responses(Self.stream.map { [$0] }).0 == whole)
    }

    @Test("a literal over the limit is drained and reported, not kept")
    func oversizedLiteralIsDiscarded() throws {
        let (responses, discarded) = try Self.responses([Self.stream], maxLiteral: 10)
        #expect(discarded == Self.body.count)
        guard case .untagged(let fetch) = responses[0], case .fetch(_, let fetched) = fetch.parse() else {
            Issue.record("no FETCH")
            return
        }
        #expect(fetched.body == [])
        #expect(responses.last == .tagged(tag: "M2", status: .ok, text: "Fetch completed."))
    }

    @Test("SELECT data, SEARCH, CAPABILITY, LIST and continuations are understood")
    func untaggedKinds() throws {
        let text = "* OK [UIDVALIDITY 1795564652] UIDs valid\r\n* OK [UIDNEXT 12] Predicted\r\n* 4 EXISTS\r\n* SEARCH 2 5 9\r\n"
            + "* CAPABILITY IMAP4rev1 IDLE move\r\n* LIST (\\HasNoChildren) \".\" \"Trait&AOk-\"\r\n+ idling\r\n* 2 FETCH (FLAGS (\\Seen $X) UID 5 RFC822.SIZE 321)\r\n"
        let (responses, _) = try Self.responses([Array(text.utf8)])
        let parsed = responses.compactMap { response -> IMAPData? in
            if case .untagged(let data) = response { return data.parse() }
            return nil
        }
        #expect(parsed[0] == .responseCode(name: "UIDVALIDITY", value: "1795564652"))
        #expect(parsed[1] == .responseCode(name: "UIDNEXT", value: "12"))
        #expect(parsed[2] == .exists(4))
        #expect(parsed[3] == .search([2, 5, 9]))
        #expect(parsed[4] == .capability(["IMAP4REV1", "IDLE", "MOVE"]))
        #expect(parsed[5] == .list(flags: ["\\HasNoChildren"], name: "Trait&AOk-"))
        #expect(parsed[6] == .fetch(sequence: 2, IMAPFetched(uid: 5, size: 321, flags: ["\\Seen", "$X"], body: nil)))
        #expect(responses.contains(.continuation("idling")))
    }

    @Test("INTERNALDATE is read with its zone, and nonsense is nil")
    func internalDate() {
        #expect(IMAPDateTime.parse("24-Nov-2026 09:15:00 +0000") == Date(timeIntervalSince1970: 1_795_511_700))
        #expect(IMAPDateTime.parse(" 4-Dec-2026 10:00:00 +0100") == Date(timeIntervalSince1970: 1_796_374_800))
        #expect(IMAPDateTime.parse("24-Foo-2026 09:15:00 +0000") == nil)
        #expect(IMAPDateTime.parse("yesterday") == nil)
    }

    @Test("a line that is not IMAP is a protocol error, not a crash")
    func garbage() {
        #expect(throws: IMAPProtocolError.self) { try Self.responses([Array("HTTP/1.1 400 Bad Request\r\n".utf8)]) }
    }

    @Test("modified UTF-7 follows RFC 3501 §5.1.3", arguments: [
        ("~peter/mail/日本語/台北", "~peter/mail/&ZeVnLIqe-/&U,BTFw-"),
        ("Traité", "Trait&AOk-"),
        ("A & B", "A &- B"),
        ("Processed", "Processed"),
        ("😀", "&2D3eAA-"),
    ])
    func modifiedUTF7(unicode: String, wire: String) {
        #expect(ModifiedUTF7.encode(unicode) == wire)
        #expect(ModifiedUTF7.decode(wire) == unicode)
    }

    @Test("UID sets collapse runs, and quoting escapes")
    func syntax() {
        #expect(IMAPCommandSyntax.uidSet([9, 1, 2, 3, 5, 10, 11, 12]) == "1:3,5,9:12")
        #expect(IMAPCommandSyntax.quoted("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(IMAPCommandSyntax.mailbox("Traité") == "\"Trait&AOk-\"")
        #expect(IMAPCommandSyntax.flagList(["\\Seen", "bad flag", "(x"]) == "(\\Seen)")
    }

    @Test("settings name the mailbox from the URL and refuse credentials in it")
    func settings() {
        let good = IMAPSettings(url: "imaps://mail.example.org:993/Secon%C3%A9", username: "u", credential: .passwordEnvironment("X"))
        #expect(good.mailbox == "Seconé")
        #expect(good.problems().isEmpty)
        #expect(IMAPSettings(url: "imaps://h/", username: "u", credential: .none).mailbox == "INBOX")
        let bad = IMAPSettings(url: "http://u:p@h/INBOX", username: "u", credential: .password("p"))
        #expect(bad.problems().count == 2)
    }
}

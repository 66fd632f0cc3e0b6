import Testing
@testable import MIMEParser

@Suite("RFC 5322 address lists")
struct AddressParsingTests {
    struct Case: CustomStringConvertible, Sendable {
        let description: String
        let raw: String
        let expected: [MailAddress]
    }

    static let cases: [Case] = [
        Case(description: "bare addr-spec", raw: "a@example.org", expected: [.init(name: nil, address: "a@example.org")]),
        Case(description: "name-addr", raw: "Ann Lee <ann@example.org>", expected: [.init(name: "Ann Lee", address: "ann@example.org")]),
        Case(description: "quoted name with comma", raw: "\"Lee, Ann\" <ann@example.org>, b@example.org",
             expected: [.init(name: "Lee, Ann", address: "ann@example.org"), .init(name: nil, address: "b@example.org")]),
        Case(description: "quoted pair in quoted string", raw: "\"A \\\"Q\\\" B\" <q@example.org>", expected: [.init(name: "A \"Q\" B", address: "q@example.org")]),
        Case(description: "comment as the name of a bare address", raw: "c@example.org (Carl C)", expected: [.init(name: "Carl C", address: "c@example.org")]),
        Case(description: "comments ignored around name-addr", raw: "Ann (work) <ann@example.org> (x)", expected: [.init(name: "Ann", address: "ann@example.org")]),
        Case(description: "group flattened", raw: "Team: a@example.org, B <b@example.org>;, c@example.org",
             expected: [.init(name: nil, address: "a@example.org"), .init(name: "B", address: "b@example.org"), .init(name: nil, address: "c@example.org")]),
        Case(description: "empty group", raw: "undisclosed-recipients:;", expected: []),
        Case(description: "obsolete route", raw: "<@relay.example:ann@example.org>", expected: [.init(name: nil, address: "ann@example.org")]),
        Case(description: "encoded-word display name", raw: "=?UTF-8?Q?Ren=C3=A9e?= <r@example.org>", expected: [.init(name: "Renée", address: "r@example.org")]),
        Case(description: "encoded word inside quotes (as mail has it)", raw: "\"=?utf-8?B?SsO2cmc=?=\" <j@example.org>", expected: [.init(name: "Jörg", address: "j@example.org")]),
        Case(description: "raw UTF-8 name", raw: "Zoë Ω <z@example.org>", expected: [.init(name: "Zoë Ω", address: "z@example.org")]),
        Case(description: "obsolete dot in phrase", raw: "John Q. Public <jqp@example.org>", expected: [.init(name: "John Q. Public", address: "jqp@example.org")]),
        Case(description: "quoted name before a bare address", raw: "\"Ann\" ann@example.org", expected: [.init(name: "Ann", address: "ann@example.org")]),
        Case(description: "stray commas", raw: ", a@example.org,, b@example.org,", expected: [.init(name: nil, address: "a@example.org"), .init(name: nil, address: "b@example.org")]),
        Case(description: "unterminated quote rescued", raw: "\"Unterminated <x@example.org", expected: [.init(name: nil, address: "x@example.org")]),
        Case(description: "missing closing bracket", raw: "Ann <ann@example.org", expected: [.init(name: "Ann", address: "ann@example.org")]),
        Case(description: "domain literal", raw: "x@[192.0.2.1]", expected: [.init(name: nil, address: "x@[192.0.2.1]")]),
        Case(description: "unquoted address as the name", raw: "john@example.org <john@example.org>", expected: [.init(name: "john@example.org", address: "john@example.org")]),
        Case(description: "garbage yields nothing", raw: "no address here", expected: []),
    ]

    @Test(arguments: cases) func parsesAddressList(_ c: Case) {
        #expect(AddressParser.parseList(c.raw) == c.expected)
    }

    @Test func messageAccessorsReadEveryField() {
        let m = crlfMessage("From: A <a@example.org>", "To: b@example.org", "To: c@example.org", "Cc: D <d@example.org>", "Reply-To: r@example.org", "", "")
        #expect(m.from.map(\.address) == ["a@example.org"])
        #expect(m.to.map(\.address) == ["b@example.org", "c@example.org"])
        #expect(m.cc.first?.name == "D")
        #expect(m.replyTo.map(\.address) == ["r@example.org"])
    }
}

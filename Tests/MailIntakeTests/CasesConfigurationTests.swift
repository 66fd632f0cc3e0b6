import Foundation
import Testing
@testable import MailIntake

/// `[cases] group` and `board_days`, in one `[cases]` table with `path` (the contract's
/// example writes `[cases]` twice, which TOML forbids).
@Suite struct CasesConfigurationTests {
    static func config(_ cases: String) -> String {
        """
        [maildir]
        path = "mail"
        [outbox]
        path = "out"
        [cases]
        path = "cases"
        \(cases)
        [journal]
        path = "state/journal.jsonl"
        """
    }

    func parse(_ text: String) throws(ConfigurationError) -> Configuration {
        try Configuration.parse(text, source: "/etc/mail-bot.toml", baseDirectory: "/etc/mail-bot")
    }

    @Test func groupAndBoardDaysSitBesideThePath() throws {
        let config = try parse(Self.config("group = \"users\"\nboard_days = 30"))
        #expect(config.cases.path == "/etc/mail-bot/cases")
        #expect(config.cases.group == "users" && config.cases.groupId == 100)
        #expect(config.cases.boardDays == 30)
        #expect(config.cases.permissions == .init(folderMode: 0o2750, fileMode: 0o640, group: 100))
    }

    @Test func withoutAGroupTheShareIsPrivateAndTheBoardHolds60Days() throws {
        let config = try parse(Self.config(""))
        #expect(config.cases.group == nil && config.cases.permissions == .default && config.cases.boardDays == 60)
    }

    @Test func anUnknownGroupOrANonsenseAgeIsRejectedWithTheKeyNamed() {
        #expect(throws: ConfigurationError.self) { try parse(Self.config("group = \"no-such-group-here\"")) }
        do {
            _ = try parse(Self.config("group = \"no-such-group-here\""))
        } catch {
            #expect(error.key == "cases.group" && error.message.contains("no group named 'no-such-group-here'"))
        }
        do {
            _ = try parse(Self.config("board_days = 0"))
            Issue.record("board_days = 0 accepted")
        } catch {
            #expect(error.key == "cases.board_days")
        }
    }

    @Test func aSecondCasesTableIsRejected() {
        #expect(throws: ConfigurationError.self) { try parse(Self.config("[cases]\ngroup = \"users\"")) }
    }
}

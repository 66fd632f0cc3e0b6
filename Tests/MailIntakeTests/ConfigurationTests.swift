import Foundation
import Testing
@testable import MailIntake

@Suite struct ConfigurationTests {
    static let server = """
        [imap]
        url = "imaps://mail.example.org:993/INBOX"   # imap:// needs STARTTLS unless allow_plaintext
        username = "secondopinion@example.org"
        password_env = "MAILBOT_IMAP_PASSWORD"
        ca_file = "/etc/mail-bot/ca.pem"
        allow_plaintext = false
        processed_folder = "Processed"
        failed_folder = "Failed"
        max_message_bytes = 41943040

        [smtp]
        url = "smtps://mail.example.org:465"
        username = "secondopinion@example.org"
        password_file = "secrets/smtp-password"
        ca_file = "/etc/mail-bot/ca.pem"
        allow_plaintext = false
        from = "Second Medical Opinion <secondopinion@example.org>"

        [cases]
        path = "/srv/share/second-opinion"

        [journal]
        path = "/var/lib/mail-bot/journal.sqlite"

        [poll]
        interval_seconds = 60
        idle = true

        [monitoring]
        listen = "127.0.0.1:9464"

        [intake]
        sponsor_domains = ["Mofa.gov.example", "health-office.example"]
        closures = ["2026-12-29", "2026-12-30"]
        time_zone = "Europe/London"
        office_close_hour = 17
        """

    static let local = """
        [maildir]
        path = "mail"
        [outbox]
        path = "out"
        [cases]
        path = "cases"
        [journal]
        path = "state/journal.jsonl"
        """

    func parse(_ text: String) throws(ConfigurationError) -> Configuration {
        try Configuration.parse(text, source: "/etc/mail-bot.toml", baseDirectory: "/etc/mail-bot")
    }

    /// The error `text` is rejected with (recording an issue when it is accepted).
    func rejection(_ text: String) -> ConfigurationError? {
        do {
            _ = try parse(text)
            Issue.record("accepted: \(text)")
            return nil
        } catch {
            return error
        }
    }

    @Test func readsTheContractsExampleFile() throws {
        let config = try parse(Self.server)
        guard case .imap(let imap) = config.mailbox, case .smtp(let smtp) = config.delivery else {
            Issue.record("expected [imap] and [smtp]")
            return
        }
        #expect(imap.url == "imaps://mail.example.org:993/INBOX")
        #expect(imap.credential == .passwordEnvironment("MAILBOT_IMAP_PASSWORD"))
        #expect(imap.maxMessageBytes == 41_943_040)
        #expect(imap.processedFolder == "Processed")
        #expect(smtp.credential == .passwordFile("/etc/mail-bot/secrets/smtp-password"))
        #expect(smtp.envelopeFrom == "secondopinion@example.org")
        #expect(config.cases.path == "/srv/share/second-opinion")
        #expect(config.statusFilePath == "/var/lib/mail-bot/status.json")
        #expect(config.poll == PollSection(intervalSeconds: 60, idle: true))
        #expect(config.monitoring == MonitoringSection(host: "127.0.0.1", port: 9464))
        #expect(config.intake.sponsorDomains == ["mofa.gov.example", "health-office.example"])
        #expect(config.intake.closures == ["2026-12-29", "2026-12-30"])
        #expect(config.intake.officeCloseHour == 17)
        #expect(config.warnings.isEmpty)
    }

    @Test func theExampleFileInDocsIsValid() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/mail-bot.example.toml").path
        let config = try Configuration.load(path: path)
        #expect(config.monitoring == MonitoringSection(host: "127.0.0.1", port: 9464))
        #expect(config.warnings.isEmpty)
    }

    @Test func resolvesRelativePathsAgainstTheFilesFolder() throws {
        let config = try parse(Self.local)
        guard case .maildir(let maildir) = config.mailbox, case .outbox(let outbox) = config.delivery else {
            Issue.record("expected [maildir] and [outbox]")
            return
        }
        #expect(maildir.path == "/etc/mail-bot/mail")
        #expect(maildir.readOnly == false)
        #expect(outbox.path == "/etc/mail-bot/out")
        #expect(config.replyFrom == "Second Medical Opinion <secondopinion@example.org>")
        #expect(config.monitoring == nil)
    }

    @Test func namesAnUnknownKeyAndSuggestsTheRightOne() throws {
        let text = Self.server.replacingOccurrences(of: "password_env = ", with: "passwrd = ")
        let error = try #require(rejection(text))
        #expect(error.key == "imap.passwrd")
        #expect(error.description == "unknown key 'imap.passwrd' in /etc/mail-bot.toml line 4: did you mean 'password_env'?")
    }

    @Test func namesAnUnknownSection() throws {
        let error = try #require(rejection(Self.local + "\n[pol]\ninterval_seconds = 5"))
        #expect(error.key == "[pol]")
        #expect(error.description.contains("unknown section [pol]"))
        #expect(error.hint == "did you mean [poll]?")
    }

    @Test func rejectsKeysOutsideAnySection() throws {
        let error = try #require(rejection("debug = true\n" + Self.local))
        #expect(error.key == "debug")
        #expect(error.position?.line == 1)
    }

    @Test func namesAMissingSection() throws {
        let text = Self.local.replacingOccurrences(of: "[cases]\npath = \"cases\"\n", with: "")
        let error = try #require(rejection(text))
        #expect(error.key == "[cases]")
        #expect(error.description.contains("missing section [cases]"))
    }

    @Test func namesAMissingKey() throws {
        let text = Self.server.replacingOccurrences(of: "username = \"secondopinion@example.org\"\npassword_env", with: "password_env")
        let error = try #require(rejection(text))
        #expect(error.key == "imap.username")
    }

    @Test func smtpNeedsItsOwnFromAddress() throws {
        let text = Self.server.replacingOccurrences(of: "from = \"Second Medical Opinion <secondopinion@example.org>\"\n", with: "")
        #expect(text != Self.server)
        #expect(try #require(rejection(text)).key == "smtp.from")
    }

    @Test func rejectsBothIMAPAndMaildir() throws {
        let error = try #require(rejection(Self.server + "\n[maildir]\npath = \"m\""))
        #expect(error.description.contains("both [imap] and [maildir]"))
    }

    @Test func rejectsBothSMTPAndOutbox() throws {
        let error = try #require(rejection(Self.server + "\n[outbox]\npath = \"o\""))
        #expect(error.description.contains("both [smtp] and [outbox]"))
    }

    @Test func rejectsNoMailboxAtAll() throws {
        let text = Self.local.replacingOccurrences(of: "[maildir]\npath = \"mail\"\n", with: "")
        let error = try #require(rejection(text))
        #expect(error.description.contains("missing section [imap] (or [maildir])"))
    }

    @Test func rejectsTwoCredentials() throws {
        let text = Self.server.replacingOccurrences(
            of: "password_env = \"MAILBOT_IMAP_PASSWORD\"",
            with: "password_env = \"MAILBOT_IMAP_PASSWORD\"\noauth2_token_file = \"/run/token\"")
        let error = try #require(rejection(text))
        #expect(error.key == "imap.oauth2_token_file")
        #expect(error.description.contains("are both set"))
    }

    @Test func rejectsIMAPWithoutACredential() throws {
        let text = Self.server.replacingOccurrences(of: "password_env = \"MAILBOT_IMAP_PASSWORD\"\n", with: "")
        let error = try #require(rejection(text))
        #expect(error.description.contains("[imap] needs a credential"))
    }

    @Test func acceptsSMTPWithoutAuthenticationButNotAHalfCredential() throws {
        let noAuth = Self.server.replacingOccurrences(
            of: "username = \"secondopinion@example.org\"\npassword_file = \"secrets/smtp-password\"\n", with: "")
        guard case .smtp(let smtp) = try parse(noAuth).delivery else {
            Issue.record("expected [smtp]")
            return
        }
        #expect(smtp.username == nil && smtp.credential == nil)
        let noUser = Self.server.replacingOccurrences(of: "username = \"secondopinion@example.org\"\npassword_file", with: "password_file")
        #expect(try #require(rejection(noUser)).key == "smtp.password_file")
    }

    @Test(arguments: [
        ("url = \"imaps://mail.example.org:993/INBOX\"", "url = \"https://mail.example.org\"", "imap.url"),
        ("url = \"imaps://mail.example.org:993/INBOX\"", "url = \"imaps://me:pw@mail.example.org/INBOX\"", "imap.url"),
        ("interval_seconds = 60", "interval_seconds = 0", "poll.interval_seconds"),
        ("interval_seconds = 60", "interval_seconds = \"60\"", "poll.interval_seconds"),
        ("idle = true", "idle = 1", "poll.idle"),
        ("listen = \"127.0.0.1:9464\"", "listen = \"9464\"", "monitoring.listen"),
        ("closures = [\"2026-12-29\", \"2026-12-30\"]", "closures = [\"2026-02-30\"]", "intake.closures"),
        ("closures = [\"2026-12-29\", \"2026-12-30\"]", "closures = [20261229]", "intake.closures"),
        ("time_zone = \"Europe/London\"", "time_zone = \"Europe/Londn\"", "intake.time_zone"),
        ("from = \"Second Medical Opinion <secondopinion@example.org>\"", "from = \"Second Medical Opinion\"", "smtp.from"),
        ("max_message_bytes = 41943040", "max_message_bytes = 10", "imap.max_message_bytes"),
    ])
    func rejectsBadValuesNamingTheKey(original: String, replacement: String, key: String) throws {
        let text = Self.server.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.server)
        let error = try #require(rejection(text))
        #expect(error.key == key)
        #expect(error.position != nil)
    }

    @Test func reportsTOMLSyntaxErrorsWithTheLine() throws {
        let error = try #require(rejection("[cases]\npath = \"unterminated\n"))
        #expect(error.position?.line == 2)
        #expect(error.description.contains("in /etc/mail-bot.toml line 2"))
    }

    @Test func plaintextIsAllowedOnLoopbackAndWarnedAboutElsewhere() throws {
        let loopback = Self.server.replacingOccurrences(of: "imaps://mail.example.org:993/INBOX", with: "imap://127.0.0.1:10143/INBOX")
            .replacingOccurrences(of: "allow_plaintext = false\nprocessed", with: "allow_plaintext = true\nprocessed")
        #expect(try parse(loopback).warnings.isEmpty)
        let remote = Self.server.replacingOccurrences(of: "imaps://mail.example.org:993/INBOX", with: "imap://mail.example.org/INBOX")
            .replacingOccurrences(of: "allow_plaintext = false\nprocessed", with: "allow_plaintext = true\nprocessed")
        let warnings = try parse(remote).warnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("imap.allow_plaintext") == true)
    }

    @Test func credentialsDescribeTheirSourceNeverTheSecret() throws {
        let config = try parse(Self.server)
        let printed = "\(config) \(String(reflecting: config))"
        #expect(printed.contains("MAILBOT_IMAP_PASSWORD"))
        let inMemory = TransportCredential.password("hunter2-very-secret")
        #expect(!"\(inMemory)".contains("hunter2"))
        #expect(!String(reflecting: inMemory).contains("hunter2"))
        #expect(!"\(try inMemory.resolve())".contains("hunter2"))
    }

    @Test func theEmbeddedDefaultUsesTheSamplesReadOnly() {
        let config = Configuration.embeddedDefault(currentDirectory: "/tmp/clone")
        guard case .maildir(let maildir) = config.mailbox, case .outbox(let outbox) = config.delivery else {
            Issue.record("expected a Maildir and an outbox")
            return
        }
        #expect(maildir.path == "/tmp/clone/samples/maildir")
        #expect(maildir.readOnly)
        #expect(outbox.path == "/tmp/clone/outbox")
        #expect(config.cases.path == "/tmp/clone/cases")
        #expect(config.statusFilePath == "/tmp/clone/state/status.json")
        #expect(config.monitoring == nil)
    }

    @Test func loadNamesAnUnreadableFile() throws {
        #expect {
            _ = try Configuration.load(path: "/nonexistent/mail-bot.toml")
        } throws: { error in
            "\(error)".contains("/nonexistent/mail-bot.toml")
        }
    }
}

@Suite struct ClinicConfigurationTests {
    static let minimal = """
        [maildir]
        path = "m"
        [outbox]
        path = "o"
        [cases]
        path = "c"
        [journal]
        path = "j"

        """

    @Test func clinicKeysReachTheReplies() throws {
        let text = Self.minimal + """
            [clinic]
            name = "Clinic X"
            phone = "01 23"
            images_phone = "04 56"
            terms_url = "https://x.example/terms"
            administrators = 3
            """
        let c = try Configuration.parse(text, source: "t.toml", baseDirectory: "/tmp")
        #expect(c.clinic == ClinicDetails(name: "Clinic X", phone: "01 23", imagesPhone: "04 56", termsURL: "https://x.example/terms", administrators: 3))
        #expect(IntakeConfiguration(c).clinic.phone == "01 23")
        #expect(try Configuration.parse(Self.minimal, source: "t.toml", baseDirectory: "/tmp").clinic == ClinicDetails())
    }

    @Test func aBadTermsURLOrUnknownKeyIsNamed() {
        for (extra, key) in [("terms_url = \"terms.pdf\"", "clinic.terms_url"), ("fax = \"1\"", "clinic.fax"), ("administrators = 0", "clinic.administrators")] {
            do {
                _ = try Configuration.parse(Self.minimal + "[clinic]\n" + extra + "\n", source: "t.toml", baseDirectory: "/tmp")
                Issue.record("accepted \(extra)")
            } catch {
                #expect(error.key == key)
            }
        }
    }

    @Test func aBrokenTemplateInTheFolderStopsStartUpWithFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Reference {{caseId}}\n{{#name}}\n".write(to: folder.appendingPathComponent("fr.mustache"), atomically: true, encoding: .utf8)
        do {
            _ = try Configuration.parse(Self.minimal + "[replies]\ntemplates = \"\(folder.path)\"\n", source: "t.toml", baseDirectory: "/tmp")
            Issue.record("a broken template was accepted")
        } catch {
            #expect(error.key == "replies.templates")
            #expect("\(error)".contains("fr.mustache:"))
        }
        try "Référence {{caseId}}\n".write(to: folder.appendingPathComponent("fr.mustache"), atomically: true, encoding: .utf8)
        let c = try Configuration.parse(Self.minimal + "[replies]\ntemplates = \"\(folder.path)\"\n", source: "t.toml", baseDirectory: "/tmp")
        #expect(IntakeConfiguration(c).replyTemplates.origin(.fr).hasSuffix("fr.mustache"))
    }
}

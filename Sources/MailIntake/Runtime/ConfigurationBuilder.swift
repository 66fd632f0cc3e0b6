import Foundation

/// Turns a parsed TOML document into a validated `Configuration`: rejects unknown sections and
/// keys (with a suggestion), enforces "imap or maildir", "smtp or outbox", exactly one
/// credential, TLS unless `allow_plaintext`, and collects warnings for risky but legal settings.
struct ConfigurationBuilder {
    let document: TOMLDocument
    let source: String
    let baseDirectory: String
    private var warnings: [String] = []

    init(document: TOMLDocument, source: String, baseDirectory: String) {
        self.document = document
        self.source = source
        self.baseDirectory = baseDirectory
    }

    mutating func build() throws(ConfigurationError) -> Configuration {
        try checkNames()
        let mailbox = try mailboxSource()
        let delivery = try deliveryTarget()
        let cases = try casesSection()
        let journal = JournalSection(path: try required("journal").path("path"))
        let poll = try pollSection()
        let monitoring = try monitoringSection()
        let intake = try intakeSection()
        var configuration = Configuration(
            mailbox: mailbox, delivery: delivery, cases: cases, journal: journal, poll: poll,
            monitoring: monitoring, intake: intake, source: source, warnings: warnings)
        configuration.clinic = try clinicSection()
        configuration.replies = try repliesSection()
        return configuration
    }

    /// `[cases]`: the share, the group that may read it (resolved now, so a misspelt group
    /// stops start-up with the key named), and the board's age.
    private func casesSection() throws(ConfigurationError) -> CasesSection {
        let reader = try required("cases")
        let path = try reader.path("path")
        let boardDays = try reader.integer("board_days", default: ConfigurationSchema.defaultBoardDays, in: 1...3650)
        guard let group = try reader.optionalString("group") else { return CasesSection(path: path, boardDays: boardDays) }
        guard let entry = getgrnam(group) else {
            throw reader.error("group", "no group named '\(group)' on this machine", hint: "create it (groupadd \(group)) or fix 'cases.group'")
        }
        return CasesSection(path: path, group: group, groupId: UInt32(entry.pointee.gr_gid), boardDays: boardDays)
    }

    // MARK: - Names

    private func checkNames() throws(ConfigurationError) {
        if let stray = document.root.entries.first {
            throw ConfigurationError(
                key: stray.key, "key '\(stray.key)' is outside any section", source: source, position: stray.position,
                hint: "put it under its [section]")
        }
        for table in document.tables {
            let known = ConfigurationSchema.keys(of: table.name)
            guard ConfigurationSchema.sectionNames.contains(table.name) else {
                let guess = ConfigurationError.suggestion(for: table.name, among: ConfigurationSchema.sectionNames)
                throw ConfigurationError(
                    key: "[\(table.name)]", "unknown section [\(table.name)]", source: source, position: table.position,
                    hint: guess.map { "did you mean [\($0)]?" }
                        ?? "the sections are " + ConfigurationSchema.sectionNames.map { "[\($0)]" }.joined(separator: ", "))
            }
            for entry in table.entries where !known.contains(entry.key) {
                let guess = ConfigurationError.suggestion(for: entry.key, among: known)
                throw ConfigurationError(
                    key: "\(table.name).\(entry.key)", "unknown key '\(table.name).\(entry.key)'", source: source,
                    position: entry.position,
                    hint: guess.map { "did you mean '\($0)'?" } ?? "[\(table.name)] takes " + known.joined(separator: ", "))
            }
        }
    }

    private func section(_ name: String) -> ConfigurationSectionReader? {
        document.table(name).map { ConfigurationSectionReader(table: $0, source: source, baseDirectory: baseDirectory) }
    }

    private func required(_ name: String) throws(ConfigurationError) -> ConfigurationSectionReader {
        guard let reader = section(name) else {
            throw ConfigurationError(key: "[\(name)]", "missing section [\(name)]", source: source)
        }
        return reader
    }

    /// Exactly one of two alternative sections, e.g. [imap] or [maildir].
    private func oneOf(_ first: String, _ second: String, purpose: String) throws(ConfigurationError)
        -> (String, ConfigurationSectionReader)
    {
        switch (section(first), section(second)) {
        case (let a?, nil): return (first, a)
        case (nil, let b?): return (second, b)
        case (_?, let b?):
            throw ConfigurationError(
                key: "[\(second)]", "both [\(first)] and [\(second)] are present", source: source, position: b.table.position,
                hint: "\(purpose) is either [\(first)] or [\(second)], not both")
        case (nil, nil):
            throw ConfigurationError(
                key: "[\(first)]", "missing section [\(first)] (or [\(second)])", source: source,
                hint: "\(purpose) needs one of them")
        }
    }

    // MARK: - Mailbox and delivery

    private mutating func mailboxSource() throws(ConfigurationError) -> Configuration.MailboxSource {
        let (name, s) = try oneOf("imap", "maildir", purpose: "the mailbox")
        let processed = try s.string("processed_folder", default: ConfigurationSchema.defaultProcessedFolder)
        let failed = try s.string("failed_folder", default: ConfigurationSchema.defaultFailedFolder)
        let maxBytes = try s.integer(
            "max_message_bytes", default: ConfigurationSchema.defaultMaxMessageBytes, in: 1024...Int(Int32.max))
        if name == "maildir" {
            return .maildir(
                MaildirSection(
                    path: try s.path("path"), readOnly: try s.boolean("read_only", default: false),
                    processedFolder: processed, failedFolder: failed, maxMessageBytes: maxBytes))
        }
        let (url, plaintext) = try serverURL(s, schemes: ("imaps", "imap"))
        guard let credential = try s.credential() else {
            throw s.error("password_env", "[imap] needs a credential", hint: "set one of password_env, password_file, oauth2_token_file")
        }
        return .imap(
            IMAPSection(
                url: url, username: try s.string("username"), credential: credential, caFile: try s.optionalPath("ca_file"),
                allowPlaintext: plaintext, processedFolder: processed, failedFolder: failed, maxMessageBytes: maxBytes,
                connectTimeoutSeconds: try timeout(s, "connect_timeout_seconds", ConfigurationSchema.defaultConnectTimeoutSeconds),
                timeoutSeconds: try timeout(s, "timeout_seconds", ConfigurationSchema.defaultTimeoutSeconds)))
    }

    private mutating func deliveryTarget() throws(ConfigurationError) -> Configuration.Delivery {
        let (name, s) = try oneOf("smtp", "outbox", purpose: "the outgoing mail")
        // Real mail must come from the clinic's own address: required for [smtp]; the outbox
        // (files only) may use the example address.
        let from = name == "smtp" ? try s.string("from") : try s.string("from", default: ConfigurationSchema.defaultFrom)
        let address = SMTPSection.bareAddress(from)
        guard address.contains("@"), !address.contains(" ") else {
            throw s.error("from", "'\(name).from' has no usable address: \"\(from)\"", hint: "write \"Name <address@domain>\"")
        }
        if name == "outbox" {
            return .outbox(OutboxSection(path: try s.path("path"), from: from))
        }
        let (url, plaintext) = try serverURL(s, schemes: ("smtps", "smtp"))
        let username = try s.optionalString("username")
        let credential = try s.credential()
        if username != nil && credential == nil {
            throw s.error("username", "'smtp.username' is set without a credential", hint: "set one of password_env, password_file, oauth2_token_file")
        }
        if username == nil, let credential {
            let key = ConfigurationSchema.credentialKeys.first(where: s.has) ?? "password_env"
            throw s.error(key, "[smtp] has a credential (\(credential)) but no username", hint: "set 'smtp.username'")
        }
        return .smtp(
            SMTPSection(
                url: url, username: username, credential: credential, caFile: try s.optionalPath("ca_file"),
                allowPlaintext: plaintext, from: from,
                connectTimeoutSeconds: try timeout(s, "connect_timeout_seconds", ConfigurationSchema.defaultConnectTimeoutSeconds),
                timeoutSeconds: try timeout(s, "timeout_seconds", ConfigurationSchema.defaultTimeoutSeconds)))
    }

    private func timeout(_ s: ConfigurationSectionReader, _ key: String, _ value: Int) throws(ConfigurationError) -> Int {
        try s.integer(key, default: value, in: 1...3600)
    }

    /// The `url` key: the TLS scheme, or the plain one (STARTTLS, or plaintext when
    /// `allow_plaintext` is true: then a non-loopback host is warned about).
    private mutating func serverURL(_ s: ConfigurationSectionReader, schemes: (tls: String, plain: String))
        throws(ConfigurationError) -> (String, Bool)
    {
        let text = try s.string("url")
        let plaintext = try s.boolean("allow_plaintext", default: false)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == schemes.tls || scheme == schemes.plain, let host = url.host, !host.isEmpty
        else {
            throw s.error(
                "url", "'\(s.name).url' is not a \(schemes.tls):// or \(schemes.plain):// URL: \"\(text)\"",
                hint: "for example \(schemes.tls)://mail.example.org")
        }
        if url.user != nil || url.password != nil {
            throw s.error("url", "'\(s.name).url' carries user information", hint: "use 'username' and a credential key instead")
        }
        if plaintext && !isLoopbackHost(host) {
            warnings.append(
                "\(s.name).allow_plaintext is true for the non-loopback host \(host): the session may be unencrypted")
        }
        return (text, plaintext)
    }

    // MARK: - The rest

    private func pollSection() throws(ConfigurationError) -> PollSection {
        guard let s = section("poll") else {
            return PollSection(intervalSeconds: ConfigurationSchema.defaultIntervalSeconds, idle: true)
        }
        var poll = PollSection(
            intervalSeconds: try s.integer("interval_seconds", default: ConfigurationSchema.defaultIntervalSeconds, in: 1...86_400),
            idle: try s.boolean("idle", default: true))
        poll.maxAttempts = try s.integer("max_attempts", default: ConfigurationSchema.defaultMaxAttempts, in: 1...1000)
        poll.messageTimeoutSeconds = try s.integer(
            "message_timeout_seconds", default: ConfigurationSchema.defaultMessageTimeoutSeconds, in: 5...86_400)
        return poll
    }

    private func repliesSection() throws(ConfigurationError) -> RepliesSection {
        var replies = RepliesSection()
        guard let s = section("replies") else { return replies }
        replies.maxPerRecipientPerDay = try s.integer(
            "max_per_recipient_per_day", default: ConfigurationSchema.defaultMaxRepliesPerRecipientPerDay, in: 0...10_000)
        // The template folder is read and every template checked now, so a broken one is
        // reported at start-up with its file and line.
        if let folder = try s.optionalPath("templates") {
            do {
                _ = try ReplyTemplateFolder.load(folder)
            } catch {
                throw s.error("templates", "'replies.templates': \(error)", hint: "fix the template, or remove it to use the built-in one")
            }
            replies.templates = folder
        }
        return replies
    }

    private mutating func monitoringSection() throws(ConfigurationError) -> MonitoringSection? {
        guard let s = section("monitoring") else { return nil }
        let listen = try s.string("listen")
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (1...65535).contains(port), colon != listen.startIndex
        else {
            throw s.error("listen", "'monitoring.listen' is not host:port: \"\(listen)\"", hint: "for example \"127.0.0.1:9464\"")
        }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if !isLoopbackHost(host) {
            warnings.append("monitoring.listen \(listen) is not a loopback address: the status page is reachable from the network")
        }
        var monitoring = MonitoringSection(host: host, port: port)
        monitoring.outboxMaxAgeSeconds = try s.integer(
            "outbox_max_age_seconds", default: ConfigurationSchema.defaultOutboxMaxAgeSeconds, in: 60...30 * 86_400)
        monitoring.minFreeBytes = try s.integer("min_free_bytes", default: ConfigurationSchema.defaultMinFreeBytes, in: 0...Int.max)
        return monitoring
    }

    private func intakeSection() throws(ConfigurationError) -> IntakeSection {
        var intake = IntakeSection()
        guard let s = section("intake") else { return intake }
        intake.messageIdDomain = try s.optionalString("message_id_domain")
        intake.ownAddresses = try s.strings("own_addresses")
        intake.sponsorDomains = try s.strings("sponsor_domains").map { $0.lowercased() }
        intake.closures = try s.strings("closures")
        for day in intake.closures where !Self.isCalendarDate(day) {
            throw s.error("closures", "'intake.closures' holds \"\(day)\", not a date", hint: "write dates as \"YYYY-MM-DD\"")
        }
        if let zone = try s.optionalString("time_zone") {
            guard TimeZone(identifier: zone) != nil else {
                throw s.error("time_zone", "'intake.time_zone' \"\(zone)\" is not a time zone", hint: "for example \"Europe/London\"")
            }
            intake.timeZone = zone
        }
        intake.officeCloseHour = try s.optionalInteger("office_close_hour", in: 1...23)
        intake.maxFileBytes = try s.optionalInteger("max_file_bytes", in: 1...Int(Int32.max))
        intake.maxImages = try s.optionalInteger("max_images", in: 0...100)
        intake.recordsReviewPrice = try s.optionalString("records_review_price")
        intake.recordsAndImagesReviewPrice = try s.optionalString("records_and_images_review_price")
        return intake
    }

    private func clinicSection() throws(ConfigurationError) -> ClinicDetails {
        var clinic = ClinicDetails()
        guard let s = section("clinic") else { return clinic }
        clinic.name = try s.string("name", default: clinic.name)
        clinic.phone = try s.string("phone", default: clinic.phone)
        clinic.imagesPhone = try s.string("images_phone", default: clinic.imagesPhone)
        clinic.termsURL = try s.string("terms_url", default: clinic.termsURL)
        if s.has("terms_url") {
            guard let url = URL(string: clinic.termsURL), ["https", "http"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw s.error("terms_url", "'clinic.terms_url' is not an http(s) URL: \"\(clinic.termsURL)\"", hint: "for example \"https://clinic.example/smo-terms.pdf\"")
            }
        }
        clinic.administrators = try s.integer("administrators", default: clinic.administrators, in: 1...100)
        return clinic
    }

    /// `YYYY-MM-DD` naming a real day.
    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: 1)),
            let days = calendar.range(of: .day, in: .month, for: date)
        else { return false }
        return days.contains(d)
    }
}

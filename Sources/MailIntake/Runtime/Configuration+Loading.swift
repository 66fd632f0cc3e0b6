import Foundation

extension Configuration {
    /// Reads and validates the configuration file at `path`. Every problem is a
    /// `ConfigurationError` naming the key, the file and the line (the CLI exits 2).
    public static func load(path: String) throws(ConfigurationError) -> Configuration {
        let url = URL(fileURLWithPath: path)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot read the configuration file (\(error.localizedDescription))", source: path)
        }
        return try parse(text, source: path, baseDirectory: url.deletingLastPathComponent().path)
    }

    /// Parses and validates configuration text; relative paths are resolved against `baseDirectory`.
    public static func parse(_ text: String, source: String, baseDirectory: String) throws(ConfigurationError) -> Configuration {
        let document: TOMLDocument
        do {
            document = try TOMLReader.parse(text)
        } catch {
            throw ConfigurationError(
                "invalid TOML (\(error.message)) at column \(error.position.column)", source: source, position: error.position)
        }
        var builder = ConfigurationBuilder(document: document, source: source, baseDirectory: baseDirectory)
        return try builder.build()
    }

    /// The configuration used by `run` without `--config`: the sample Maildir (never modified),
    /// `./cases`, `./outbox`, `./state/journal.jsonl`, no monitoring listener.
    public static func embeddedDefault(currentDirectory: String = FileManager.default.currentDirectoryPath) -> Configuration {
        func local(_ path: String) -> String { ConfigurationSectionReader.absolute(path, base: currentDirectory) }
        return Configuration(
            mailbox: .maildir(
                MaildirSection(
                    path: local("samples/maildir"), readOnly: true,
                    processedFolder: ConfigurationSchema.defaultProcessedFolder,
                    failedFolder: ConfigurationSchema.defaultFailedFolder,
                    maxMessageBytes: ConfigurationSchema.defaultMaxMessageBytes)),
            delivery: .outbox(OutboxSection(path: local("outbox"), from: ConfigurationSchema.defaultFrom)),
            cases: CasesSection(path: local("cases")),
            journal: JournalSection(path: local("state/journal.jsonl")),
            poll: PollSection(intervalSeconds: ConfigurationSchema.defaultIntervalSeconds, idle: false),
            monitoring: nil,
            intake: IntakeSection(),
            source: "the embedded default",
            warnings: [])
    }

    /// The folder for the bot's own state: the journal's folder (the status file lives there).
    public var stateDirectory: String {
        URL(fileURLWithPath: journal.path).deletingLastPathComponent().path
    }

    /// `<state>/status.json`, written by `run` and read by `status`.
    public var statusFilePath: String {
        URL(fileURLWithPath: stateDirectory).appendingPathComponent("status.json").path
    }
}

/// True for `localhost`, `127.0.0.0/8` and `::1`: the only hosts plaintext is meant for.
func isLoopbackHost(_ host: String) -> Bool {
    let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    return h == "localhost" || h.hasSuffix(".localhost") || h.hasPrefix("127.") || h == "::1"
}

import ArgumentParser
import Foundation
import Logging
import MailIntake

/// `mail-bot process FILE.eml --cases DIR --outbox DIR [--now ISO8601] [--config FILE]`:
/// the whole intake on one message with no server (see CONTRACT.md).
///
/// Prints the case id on stdout and nothing else. Running it again on the same message prints
/// the same id and changes nothing. Exit 2 for a bad flag or an unreadable file (named), exit 1
/// when the message could not become a case (it is then kept under `CASES/.failed/`).
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Run the intake on one message: write its case folder and its reply.")

    @Argument(help: "The message file (.eml), raw RFC 5322 bytes.")
    var file: String

    @Option(help: "The shared cases folder (default: [cases] path of --config).")
    var cases: String?

    @Option(help: "Folder the reply is written to as an .eml file (default: [outbox] path of --config).")
    var outbox: String?

    @Option(help: "Fix the clock, e.g. 2026-11-24T09:15:00Z: the received time used for scheduling.")
    var now: String?

    @Option(help: "The configuration file (TOML) for the clinic's settings.")
    var config: String?

    @Flag(help: "Log what is done on stderr (case ids and counts; never names or addresses).")
    var verbose = false

    func run() async throws {
        let clock = try resolvedNow()
        let settings = try loadConfiguration()
        guard let casesPath = cases ?? settings.map({ $0.cases.path }) else {
            throw CommandFailure.usage("missing --cases DIR (or a --config with [cases] path)")
        }
        guard let outboxPath = outbox ?? settings.flatMap(Self.outboxPath) else {
            throw CommandFailure.usage("missing --outbox DIR (or a --config with [outbox] path)")
        }
        let raw = try readMessage()

        var logger = Logger(label: "mail-bot.process") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? Logger.Level.info : Logger.Level.warning
        let store: CaseFolderStore
        let sender: FileOutbox
        do {
            // With --config the board's rows are the daemon's (in its journal), so a case made
            // here shows on the daemon's board too; without, the share keeps its own.
            let rows = try settings.map {
                try CaseRowStore(journal: JournalDatabase.open(path: JournalDatabase.sqlitePath(forConfigured: $0.journal.path)))
            }
            store = try CaseFolderStore(
                root: casesPath, permissions: settings?.cases.permissions ?? .default, rows: rows,
                boardDays: settings?.cases.boardDays ?? 60)
        } catch {
            throw CommandFailure.runtime("cannot use the cases folder: \(error)")
        }
        do {
            sender = try FileOutbox(folder: outboxPath)
        } catch {
            throw CommandFailure.runtime("cannot use the outbox folder: \(error)")
        }
        let intake = settings.map(IntakeConfiguration.init) ?? .default
        let runner = IntakeRunner(planner: IntakePlanner(configuration: intake), store: store, sender: sender, logger: logger)

        let outcome: IntakeOutcome
        do {
            outcome = try await runner.process(raw, receivedAt: clock, now: clock)
        } catch {
            throw CommandFailure.runtime("could not process \(file) and could not keep it either: \(error)")
        }
        guard let caseId = outcome.caseId, outcome.kind != .failed else {
            throw CommandFailure.runtime(
                "\(outcome.failureReason ?? "could not process the message"); kept as \(outcome.failedMessagePath ?? "?")")
        }
        print(caseId)
    }

    /// `--now`, or the present moment (the message's arrival time is now).
    private func resolvedNow() throws -> Date {
        guard let now else { return Date() }
        guard let date = Self.parseISO8601(now) else {
            throw CommandFailure.usage("--now '\(now)' is not an ISO 8601 date-time (e.g. 2026-11-24T09:15:00Z)")
        }
        return date
    }

    static func parseISO8601(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let d = plain.date(from: text) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    private func loadConfiguration() throws -> Configuration? {
        guard let config else { return nil }
        do {
            return try Configuration.load(path: config)
        } catch {
            throw CommandFailure.usage("--config: \(error)")
        }
    }

    private static func outboxPath(_ configuration: Configuration) -> String? {
        if case .outbox(let section) = configuration.delivery { return section.path }
        return nil
    }

    private func readMessage() throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw CommandFailure.usage("cannot read '\(file)': no such file")
        }
        if isDirectory.boolValue { throw CommandFailure.usage("cannot read '\(file)': is a directory") }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw CommandFailure.usage("cannot read '\(file)': \(error.localizedDescription)")
        }
    }
}

import ArgumentParser
import MailIntake

/// `mail-bot status [--config FILE] [--json]`: the bot's health for monitoring (see
/// CONTRACT.md): last successful poll, backlog, failures, outbox queue. Reads the status
/// file `run` writes after each poll; contacts no server. Exit 0 whenever the state could be
/// read (the report says whether it is healthy), 1 when the status file is unreadable.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last poll, the backlog, failures and unsent replies.")

    @Option(help: "The configuration file (TOML). Without it: the embedded default.")
    var config: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let configuration = try ConfigurationLoader.load(config)
        let report: StatusReport
        do {
            report = try await StatusReport.build(for: configuration)
        } catch {
            throw CommandFailure.runtime("\(error)")
        }
        print(json ? report.json : report.text)
    }
}

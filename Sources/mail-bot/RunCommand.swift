import ArgumentParser
import Dispatch
import Foundation
import Logging
import MailIntake

/// `mail-bot run [--config FILE] [--once]`: the daemon (see CONTRACT.md).
///
/// Without `--config` it uses the embedded default: the sample Maildir (read, never changed),
/// `./cases`, `./outbox`, `./state`. `--once` does one poll cycle: exit 0 when it succeeded,
/// exit 1 with a one-line reason when it did not (server unreachable, login refused). Without
/// it, polls every `interval_seconds` until SIGINT or SIGTERM, then finishes the message in
/// hand and exits 0.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Poll the mailbox, turn new mail into cases, send the replies.")

    @Option(help: "The configuration file (TOML). Without it: the embedded default (samples/maildir, ./cases, ./outbox).")
    var config: String?

    @Flag(help: "Do one poll cycle and exit: 0 when it succeeded, 1 when it did not.")
    var once = false

    @Flag(help: "Log each message's handling (case ids and counts; never names or addresses).")
    var verbose = false

    func run() async throws {
        let configuration = try ConfigurationLoader.load(config)
        var logger = Logger(label: "mail-bot.run") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : (once ? .warning : .notice)
        for warning in configuration.warnings {
            logger.warning("\(warning)")
        }
        let service: PollService
        do {
            service = try PollService.make(configuration: configuration, logger: logger)
        } catch {
            throw CommandFailure.runtime("cannot start: \(error)")
        }

        if once {
            do {
                let report = try await service.runCycle()
                print(
                    "polled \(configuration.mailboxDescription): \(report.processed) processed, \(report.failed) failed, "
                        + "\(report.known) already handled, \(report.backlog) left")
            } catch {
                throw CommandFailure.runtime("poll failed: \(error)")
            }
            return
        }

        var monitor: MonitoringServer?
        if let listen = configuration.monitoring {
            do {
                monitor = try MonitoringServer(
                    host: listen.host, port: listen.port, statusPath: configuration.statusFilePath,
                    staleAfter: TimeInterval(3 * configuration.poll.intervalSeconds + 300))
                logger.notice("monitoring on http://\(listen.host):\(listen.port)/ (/healthz, /metrics)")
            } catch {
                throw CommandFailure.runtime("\(error)")
            }
        }
        logger.notice("polling \(configuration.mailboxDescription) every \(configuration.poll.intervalSeconds) s")
        let task = Task { await service.run(interval: .seconds(configuration.poll.intervalSeconds), idle: configuration.poll.idle) }
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        await task.value
        sources.forEach { $0.cancel() }
        monitor?.stop()
        logger.notice("stopped")
    }
}

/// Loads `--config FILE`, or the embedded default when there is none; bad configuration is
/// exit 2 naming the key.
enum ConfigurationLoader {
    static func load(_ path: String?) throws -> Configuration {
        guard let path else {
            let configuration = Configuration.embeddedDefault()
            if case .maildir(let maildir) = configuration.mailbox,
                !FileManager.default.fileExists(atPath: maildir.path)
            {
                throw CommandFailure.usage(
                    "no --config given and the embedded default's mailbox \(maildir.path) does not exist: "
                        + "run from the repository folder, or pass --config FILE")
            }
            return configuration
        }
        do {
            return try Configuration.load(path: path)
        } catch {
            throw CommandFailure.usage("\(error)")
        }
    }
}

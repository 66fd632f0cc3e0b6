import ArgumentParser
import Foundation
import Logging
import MailIntake
import Metrics
import Prometheus
import ServiceLifecycle

/// `mail-bot run [--config FILE] [--once]`: the daemon (see CONTRACT.md).
///
/// Without `--config` it uses the embedded default: the sample Maildir (read, never changed),
/// `./cases`, `./outbox`, `./state`. `--once` does one poll cycle: exit 0 when it succeeded,
/// exit 1 with a one-line reason when it did not (server unreachable, login refused). Without
/// it, runs a swift-service-lifecycle `ServiceGroup` (the poll loop, the storage probe and,
/// with `[monitoring]`, the HTTP listener) until SIGINT or SIGTERM, then finishes the message
/// in hand and exits 0.
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
        // A monitoring client or mail server that hangs up mid-write must cost an EPIPE, not the process.
        signal(SIGPIPE, SIG_IGN)
        let configuration = try ConfigurationLoader.load(config)
        var logger = Logger(label: "mail-bot.run") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : (once ? .warning : .notice)
        for warning in configuration.warnings {
            logger.warning("\(warning)")
        }
        if once {
            let service: PollService
            do {
                service = try PollService.make(configuration: configuration, logger: logger)
            } catch {
                throw CommandFailure.runtime("cannot start: \(error)")
            }
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

        // The executable chooses the metrics backend: Prometheus, over a registry of our own
        // that /metrics renders. Bootstrapped too, so libraries' own swift-metrics land there.
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["mailbot_poll_duration_seconds"] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(250), .seconds(1), .seconds(5), .seconds(15), .seconds(60),
            .seconds(300),
        ]
        factory.durationHistogramBuckets["mailbot_message_duration_seconds"] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5), .seconds(30),
            .seconds(120),
        ]
        MetricsSystem.bootstrap(factory)
        let metrics = IntakeMetrics(factory: factory)
        let state = MonitoringState(mailbox: configuration.mailboxDescription)
        let service: PollService
        do {
            service = try PollService.make(
                configuration: configuration, logger: logger, observer: PollObserver(state: state, metrics: metrics))
        } catch {
            throw CommandFailure.runtime("cannot start: \(error)")
        }

        let interval = configuration.poll.intervalSeconds
        var services: [any Service] = []
        if let listen = configuration.monitoring {
            var serverLogger = logger
            serverLogger.logLevel = verbose ? .info : .warning
            let server = MonitoringServer(
                host: listen.host, port: listen.port, state: state, limits: configuration.healthLimits, metrics: metrics,
                metricsText: { registry.emitToBuffer() }, logger: serverLogger)
            do {
                services.append(
                    try server.makeApplication { [logger] port in
                        logger.notice("monitoring on http://\(listen.host):\(port)/ (/healthz, /metrics)")
                    })
            } catch {
                throw CommandFailure.runtime("\(error)")
            }
        }
        services.append(
            StorageProbeService(
                probe: StorageProbe(folder: configuration.cases.path), state: state, every: .seconds(min(interval, 5))))
        // Last in the list, first to stop: the poller finishes its message, then the listener goes.
        services.append(PollLoopService(poller: service, interval: .seconds(interval), idle: configuration.poll.idle))
        logger.notice("polling \(configuration.mailboxDescription) every \(interval) s")
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            throw CommandFailure.runtime("stopped: \(FailureSummary(error)) (\(error))")
        }
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

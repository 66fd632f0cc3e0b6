import Foundation

/// What `mail-bot status` prints: the status `run` last wrote, plus what can be learnt
/// cheaply now (for a Maildir, the live backlog). Never contacts a mail server.
public struct StatusReport: Codable, Sendable, Equatable {
    public var schema = "mail-bot-status-report/1"
    /// True when the last poll succeeded (and there was one).
    public var healthy: Bool
    public var mailbox: String
    public var statusFile: String
    public var lastPollAt: Date?
    public var lastSuccessfulPollAt: Date?
    /// Messages waiting: counted now for a Maildir, as of the last poll for IMAP.
    public var backlog: Int
    public var processed: Int
    public var failures: PollStatus.Failures
    /// Replies not handed to the server (kept as `reply.eml` in their case folders).
    public var outboxQueue: Int

    /// Reads the state of `configuration`'s bot. Throws only when the status file exists but
    /// cannot be read (a missing one means "never polled": `healthy` false).
    public static func build(for configuration: Configuration) async throws -> StatusReport {
        let path = configuration.statusFilePath
        let status: PollStatus?
        do {
            status = try PollStatus.read(from: path)
        } catch {
            throw PollService.CycleFailure(description: "cannot read the status file \(path): \(error)")
        }
        var report = StatusReport(
            healthy: status.map { $0.lastSuccessfulPollAt != nil && $0.failures.consecutivePolls == 0 } ?? false,
            mailbox: status?.mailbox ?? configuration.mailboxDescription, statusFile: path,
            lastPollAt: status?.lastPollAt, lastSuccessfulPollAt: status?.lastSuccessfulPollAt,
            backlog: status?.backlog ?? 0, processed: status?.processed ?? 0,
            failures: status?.failures ?? PollStatus.Failures(), outboxQueue: status?.outboxQueue ?? 0)
        if case .maildir(let section) = configuration.mailbox {
            let sqlite = JournalDatabase.sqlitePath(forConfigured: configuration.journal.path)
            let all = (try? await MaildirMailbox(path: section.path, readOnly: true, isHandled: { _ in false }).pending()) ?? []
            var handled: Set<String> = []
            if FileManager.default.fileExists(atPath: sqlite), let database = try? JournalDatabase.open(path: sqlite) {
                handled = (try? MessageJournal(database: database).finishedKeys(among: all.map(\.key))) ?? []
            } else if let old = try? PollJournal(readingOnly: configuration.journal.path) {
                handled = Set(old.records.keys)
            }
            report.backlog = all.filter { !handled.contains($0.key) }.count
        }
        return report
    }

    /// The report for a person, one fact per line.
    public var text: String {
        func when(_ date: Date?) -> String { date.map { ISO8601DateFormatter().string(from: $0) } ?? "never" }
        var lines = [
            "mailbox: \(mailbox)",
            "health: \(healthy ? "ok" : (lastPollAt == nil ? "no poll has run yet" : "the last poll failed"))",
            "last poll: \(when(lastPollAt))",
            "last successful poll: \(when(lastSuccessfulPollAt))",
            "backlog: \(backlog) message\(backlog == 1 ? "" : "s") waiting",
            "processed: \(processed) message\(processed == 1 ? "" : "s")",
            "failures: \(failures.messages) message\(failures.messages == 1 ? "" : "s") in the failed folder, "
                + "\(failures.consecutivePolls) failed poll\(failures.consecutivePolls == 1 ? "" : "s") in a row",
        ]
        if let error = failures.lastError {
            lines.append("last error: \(error) (\(when(failures.lastErrorAt)))")
        }
        lines.append("outbox queue: \(outboxQueue) unsent repl\(outboxQueue == 1 ? "y" : "ies")")
        return lines.joined(separator: "\n")
    }

    /// The report as JSON (ISO 8601 dates, sorted keys).
    public var json: String {
        let encoder = PollJournal.encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension Configuration {
    /// The mailbox in words for status and logs: the IMAP URL or the Maildir path; no secret.
    public var mailboxDescription: String {
        switch mailbox {
        case .imap(let section): return section.url
        case .maildir(let section): return "Maildir \(section.path)\(section.readOnly ? " (read-only)" : "")"
        }
    }
}

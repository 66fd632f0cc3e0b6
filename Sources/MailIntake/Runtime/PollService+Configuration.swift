import Foundation
import Logging

extension PollService {
    /// Builds the whole daemon from a configuration: the mailbox (IMAP or Maildir), the sender
    /// (SMTP or a folder of `.eml` files), the case store, the rules and the journal.
    /// Throws `ConfigurationError`-like one-line reasons for folders that cannot be used.
    public static func make(configuration: Configuration, logger: Logger, observer: PollObserver? = nil) throws -> PollService {
        let mailbox = configuration.mailbox.makeMailbox()
        let folders = configuration.mailbox.processingFolders
        var settings = Settings(
            mailboxDescription: configuration.mailboxDescription, processedFolder: folders.processed,
            failedFolder: folders.failed, maxMessageBytes: configuration.maxMessageBytes,
            journalPath: configuration.journal.path, statusPath: configuration.statusFilePath)
        settings.maxAttempts = configuration.poll.maxAttempts
        settings.messageTimeout = .seconds(configuration.poll.messageTimeoutSeconds)
        let receivedAt: @Sendable (MailboxEntry) -> Date? = { $0.receivedAt ?? PollService.maildirDeliveryTime(of: $0) }
        let journal = try JournalDatabase.open(path: JournalDatabase.sqlitePath(forConfigured: configuration.journal.path))
        let store = try CaseFolderStore(
            root: configuration.cases.path, permissions: configuration.cases.permissions,
            rows: try CaseRowStore(journal: journal), boardDays: configuration.cases.boardDays)
        let planner = IntakePlanner(configuration: IntakeConfiguration(configuration), slotLedger: JournalSlotLedger(journal: journal))
        var runner = IntakeRunner(
            planner: planner, store: store, sender: try configuration.makeSender(), logger: logger, journal: journal)
        runner.dailyReplyLimit = configuration.replies.maxPerRecipientPerDay
        // Retry no sooner than a poll interval (and at most 30 s after the first failure), doubling.
        runner.backoff = OutboxBackoff(base: TimeInterval(min(30, configuration.poll.intervalSeconds)))
        runner.metrics = observer?.metrics
        return try PollService(
            mailbox: mailbox, runner: runner, settings: settings, logger: logger, receivedAt: receivedAt, observer: observer)
    }
}

extension PollService {
    /// When a Maildir message was delivered: the Unix time its file name starts with
    /// (`1795511760.M1P1.host`), so the samples schedule callbacks from their own dates.
    static func maildirDeliveryTime(of entry: MailboxEntry) -> Date? {
        guard entry.key.hasPrefix("maildir:") else { return nil }
        let digits = entry.key.dropFirst("maildir:".count).prefix { $0.isNumber }
        guard digits.count >= 9, let seconds = Int(digits) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

extension Configuration {
    /// The reply sender: SMTP over curl, or the outbox folder.
    public func makeSender() throws -> any MailSender {
        switch delivery {
        case .outbox(let section):
            return try FileOutbox(folder: section.path)
        case .smtp(let section):
            return CurlSMTPSender(settings: SMTPSettings(section))
        }
    }
}

extension SMTPSettings {
    /// `[smtp]` as the sender's settings.
    public init(_ section: SMTPSection) {
        self.init(
            url: section.url, username: section.username ?? "", credential: section.credential ?? .none,
            caFile: section.caFile, allowPlaintext: section.allowPlaintext,
            timeouts: TransportTimeouts(
                connect: .seconds(section.connectTimeoutSeconds), stall: .seconds(section.timeoutSeconds),
                total: .seconds(section.timeoutSeconds * 5)))
    }
}

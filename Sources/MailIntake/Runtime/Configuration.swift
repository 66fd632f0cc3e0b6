import Foundation

/// The whole configuration of `mail-bot`: what `run`, `fetch`, `process` and `status` read
/// from the TOML file (`--config FILE`), or the embedded default when there is none.
///
/// Built only by `Configuration.load(path:)` / `Configuration.parse(_:source:baseDirectory:)`
/// (strict: unknown keys and sections are errors naming the key) or `embeddedDefault`.
/// Paths are absolute once loaded: relative paths in a file are resolved against the file's
/// own folder, relative paths of the embedded default against the current directory.
/// docs/configuration.md documents every key.
public struct Configuration: Sendable, Hashable {
    /// Where requests come from: an IMAP server, or a local Maildir.
    public enum MailboxSource: Sendable, Hashable {
        case imap(IMAPSection)
        case maildir(MaildirSection)
    }

    /// Where replies go: an SMTP server, or a folder of `.eml` files.
    public enum Delivery: Sendable, Hashable {
        case smtp(SMTPSection)
        case outbox(OutboxSection)
    }

    public var mailbox: MailboxSource
    public var delivery: Delivery
    public var cases: CasesSection
    public var journal: JournalSection
    public var poll: PollSection
    /// nil when the file has no `[monitoring]` section: no HTTP listener.
    public var monitoring: MonitoringSection?
    public var intake: IntakeSection
    /// `[clinic]`: what the replies tell people (defaults when absent).
    public var clinic = ClinicDetails()
    /// `[replies]`: limits on automatic replies and the template folder (defaults when absent).
    public var replies = RepliesSection()
    /// Where the configuration came from: the file's path, or "the embedded default".
    public var source: String
    /// Legal but risky settings (plaintext to a non-loopback host), to log once at start-up.
    public var warnings: [String]

    /// The reply's From header (`[smtp] from` or `[outbox] from`).
    public var replyFrom: String {
        switch delivery {
        case .smtp(let smtp): return smtp.from
        case .outbox(let outbox): return outbox.from
        }
    }

    /// The largest message the poll loop downloads (`max_message_bytes` of `[imap]` or `[maildir]`).
    public var maxMessageBytes: Int {
        switch mailbox {
        case .imap(let imap): return imap.maxMessageBytes
        case .maildir(let maildir): return maildir.maxMessageBytes
        }
    }
}

/// `[imap]`: the mailbox on an IMAP server, over libcurl.
public struct IMAPSection: Sendable, Hashable {
    /// `imaps://host:993/INBOX`, or `imap://` (STARTTLS is then required unless `allowPlaintext`).
    public var url: String
    public var username: String
    public var credential: TransportCredential
    /// A CA certificate file (PEM) trusted in addition to the system's.
    public var caFile: String?
    /// Allows an unencrypted session; meant for loopback tests only.
    public var allowPlaintext: Bool
    public var processedFolder: String
    public var failedFolder: String
    public var maxMessageBytes: Int
    public var connectTimeoutSeconds: Int
    public var timeoutSeconds: Int
}

/// `[smtp]`: the server replies are sent through, over libcurl.
public struct SMTPSection: Sendable, Hashable {
    /// `smtps://host:465`, or `smtp://host:587` (STARTTLS required unless `allowPlaintext`).
    public var url: String
    /// nil for a server that takes mail without authentication (a local relay).
    public var username: String?
    /// Present exactly when `username` is.
    public var credential: TransportCredential?
    public var caFile: String?
    public var allowPlaintext: Bool
    /// The From header of replies, `Name <address>` or a bare address.
    public var from: String
    public var connectTimeoutSeconds: Int
    public var timeoutSeconds: Int

    /// The bare address of `from`, used as the envelope sender (MAIL FROM).
    public var envelopeFrom: String { Self.bareAddress(from) }

    /// `"Name <a@b>"` → `a@b`; a bare address is returned trimmed.
    static func bareAddress(_ from: String) -> String {
        if let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close {
            return String(from[from.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return from.trimmingCharacters(in: .whitespaces)
    }
}

/// `[maildir]`: a local Maildir as the mailbox, instead of `[imap]`.
public struct MaildirSection: Sendable, Hashable {
    public var path: String
    /// Never change the Maildir (no flags, no moves): the samples in git stay pristine, and
    /// the journal alone keeps a message from being processed twice.
    public var readOnly: Bool
    public var processedFolder: String
    public var failedFolder: String
    public var maxMessageBytes: Int
}

/// `[outbox]`: replies written as `.eml` files to a folder, instead of `[smtp]`.
public struct OutboxSection: Sendable, Hashable {
    public var path: String
    public var from: String
}

/// `[cases]`: the shared folder administrators read.
public struct CasesSection: Sendable, Hashable {
    public var path: String
    /// `group`: the administrators' group that may read the share (folders 0750 set-group-ID,
    /// files 0640); nil keeps everything to the service user (0700/0600).
    public var group: String?
    /// The group's numeric id, resolved when the configuration is read.
    public var groupId: UInt32?
    /// `board_days`: cases received longer ago than this move to the monthly archive pages.
    public var boardDays: Int

    public init(path: String, group: String? = nil, groupId: UInt32? = nil, boardDays: Int = 60) {
        self.path = path
        self.group = group
        self.groupId = groupId
        self.boardDays = boardDays
    }

    /// The modes and group the case store creates things with.
    public var permissions: CaseFolderStore.Permissions {
        groupId.map { CaseFolderStore.Permissions.shared(group: $0) } ?? .default
    }
}

/// `[journal]`: the bot's own state (what was processed, what is queued, status for `status`).
public struct JournalSection: Sendable, Hashable {
    /// The journal file; the status file (`status.json`) lives in the same folder.
    public var path: String
}

/// `[poll]`: how often `run` looks for new mail.
public struct PollSection: Sendable, Hashable {
    public var intervalSeconds: Int
    /// Wait with IMAP IDLE between polls when the server offers it.
    public var idle: Bool
    /// Tries of one message that never finished (the intake crashed or hung) before the
    /// message goes to the failed folder unread, so that the mail behind it flows.
    public var maxAttempts: Int = ConfigurationSchema.defaultMaxAttempts
    /// The longest one message's intake may take; past it the process exits so that its
    /// supervisor restarts it (the attempt stays counted).
    public var messageTimeoutSeconds: Int = ConfigurationSchema.defaultMessageTimeoutSeconds

    public init(intervalSeconds: Int, idle: Bool) {
        self.intervalSeconds = intervalSeconds
        self.idle = idle
    }
}

/// `[replies]`: limits on the automatic replies.
public struct RepliesSection: Sendable, Hashable {
    /// At most this many automatic replies to one address per day (UTC); 0 means no replies.
    public var maxPerRecipientPerDay: Int = ConfigurationSchema.defaultMaxRepliesPerRecipientPerDay
    /// A folder of `en.mustache`, `fr.mustache`, `ar.mustache` overriding the built-in templates.
    public var templates: String?

    public init(templates: String? = nil) {
        self.templates = templates
    }
}

/// `[monitoring]`: the loopback HTTP listener for /healthz, /metrics and the status page.
public struct MonitoringSection: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// /healthz is unhealthy when a reply has waited longer than this to be sent.
    public var outboxMaxAgeSeconds: Int = ConfigurationSchema.defaultOutboxMaxAgeSeconds
    /// /healthz is unhealthy when the cases folder's file system has less free space than this.
    public var minFreeBytes: Int = ConfigurationSchema.defaultMinFreeBytes

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

extension Configuration {
    /// What `/healthz` judges by: `[monitoring]`'s limits, and a poll older than three
    /// intervals plus five minutes as a stuck poller.
    public var healthLimits: HealthLimits {
        HealthLimits(
            staleAfter: TimeInterval(3 * poll.intervalSeconds + 300),
            outboxMaxAge: TimeInterval(monitoring?.outboxMaxAgeSeconds ?? ConfigurationSchema.defaultOutboxMaxAgeSeconds),
            minFreeBytes: Int64(monitoring?.minFreeBytes ?? ConfigurationSchema.defaultMinFreeBytes))
    }
}

/// `[intake]`: the rules' settings; every key is optional and overrides the rules' default.
public struct IntakeSection: Sendable, Hashable {
    /// Message-ID right-hand side for our replies (default: the domain of `from`).
    public var messageIdDomain: String?
    /// Other addresses that are the clinic's own (never replied to: loop guard).
    public var ownAddresses: [String] = []
    /// Sender domains known to be sponsors (embassies, health offices), added to the built-in list.
    public var sponsorDomains: [String] = []
    /// Extra days the office is closed, `YYYY-MM-DD`, on top of weekends and bank holidays.
    public var closures: [String] = []
    /// The office's time zone (default Europe/London).
    public var timeZone: String?
    /// The hour the office closes, 1–23: a callback moved to the next working day is due then (default 17).
    public var officeCloseHour: Int?
    /// Files must be smaller than this many bytes (default 8 MiB).
    public var maxFileBytes: Int?
    /// Images accepted per case (default 3).
    public var maxImages: Int?
    public var recordsReviewPrice: String?
    public var recordsAndImagesReviewPrice: String?

    public init() {}
}

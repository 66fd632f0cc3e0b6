extension IMAPSettings {
    /// The settings for the `[imap]` section of the configuration file.
    public init(_ section: IMAPSection) {
        self.init(
            url: section.url, username: section.username, credential: section.credential, caFile: section.caFile,
            allowPlaintext: section.allowPlaintext, processedFolder: section.processedFolder,
            failedFolder: section.failedFolder, maxMessageBytes: section.maxMessageBytes,
            timeouts: TransportTimeouts(
                connect: .seconds(section.connectTimeoutSeconds), stall: .seconds(section.timeoutSeconds)))
    }
}

extension Configuration.MailboxSource {
    /// The mailbox this configuration names: IMAP over curl, or a Maildir. `isHandled` is the
    /// caller's record of finished messages, which a read-only Maildir relies on.
    public func makeMailbox(isHandled: @escaping @Sendable (String) -> Bool = { _ in false }) -> any Mailbox {
        switch self {
        case .imap(let section):
            return CurlIMAPMailbox(settings: IMAPSettings(section))
        case .maildir(let section):
            return MaildirMailbox(
                path: section.path, readOnly: section.readOnly, maxMessageBytes: section.maxMessageBytes,
                isHandled: isHandled)
        }
    }

    /// The folders handled and failed messages are moved to.
    public var processingFolders: (processed: String, failed: String) {
        switch self {
        case .imap(let section): return (section.processedFolder, section.failedFolder)
        case .maildir(let section): return (section.processedFolder, section.failedFolder)
        }
    }
}

import Foundation

/// A ``MailSender`` that writes each message as `<name>.eml` into a folder: the embedded
/// default's "outgoing mail", and the `process` command's `--outbox`.
///
/// Each file appears whole (temporary file, `fsync`, then `link` into place) with mode 0600,
/// and an existing file is never overwritten: sending a message of the same name again is a
/// no-op that reports `.sent`, which is what makes running a message twice send one reply.
public struct FileOutbox: MailSender {
    /// The absolute path of the folder.
    public let folder: String
    public let fileMode: UInt16

    /// Uses `folder` (created 0700, with its parents, when missing).
    public init(folder: String, fileMode: UInt16 = 0o600, folderMode: UInt16 = 0o700) throws {
        self.folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        self.fileMode = fileMode
        try AtomicFiles.makeDirectoryWithParents(self.folder, mode: mode_t(folderMode))
    }

    /// The file a message of this name is (or would be) written to.
    public func path(for mail: OutgoingMail) -> String {
        folder + "/" + FileOutbox.fileName(for: mail.name)
    }

    public func send(_ mail: OutgoingMail) async throws -> SendOutcome {
        try AtomicFiles.createOnce(path(for: mail), bytes: mail.bytes, mode: mode_t(fileMode))
        return .sent
    }

    /// `<name>.eml`, the name passed through ``FilenameSanitizer`` so that it can never leave
    /// the folder.
    static func fileName(for name: String) -> String {
        FilenameSanitizer.sanitize(name + ".eml")
    }
}

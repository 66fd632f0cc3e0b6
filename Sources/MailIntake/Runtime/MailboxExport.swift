#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `mail-bot fetch`: copies every message of a mailbox into a folder as `<uid>.eml`, byte for
/// byte, changing no flag (BODY.PEEK[]).
///
/// Over IMAP the fetches are pipelined on the one connection (`CurlIMAPMailbox.fetchEach`)
/// and the files are written on the mailbox's queue with plain POSIX calls (a temporary name,
/// then rename), so neither a round trip per message nor a thread hop per message nor
/// Foundation's file writing sets the pace. No fsync: an export is a copy that can be made
/// again, not the only record of a message.
public struct MailboxExport: Sendable {
    /// What was copied, and the UIDs left out because they are over the size limit.
    public struct Outcome: Sendable {
        public var written = 0
        public var skipped: [(uid: UInt32, reason: String)] = []
    }

    public let folder: String
    public let maxBytes: Int

    public init(folder: String, maxBytes: Int) {
        self.folder = folder
        self.maxBytes = maxBytes
    }

    /// Copies every message; throws the first transport or file error.
    public func run(from mailbox: any Mailbox) async throws -> Outcome {
        let entries = try await mailbox.all()
        let progress = ExportProgress()
        if let imap = mailbox as? CurlIMAPMailbox {
            try await imap.fetchEach(entries, maxBytes: maxBytes) { entry, result in
                progress.record(entry, result, writer: self.writeMessage)
            }
            try progress.throwIfFailed()
        } else {
            for entry in entries {
                do {
                    let bytes = try await mailbox.fetch(entry, maxBytes: maxBytes)
                    _ = progress.record(entry, .success(bytes), writer: writeMessage)
                } catch let error as TransportError {
                    guard case .messageTooLarge = error.code else { throw error }
                    _ = progress.record(entry, .failure(error), writer: writeMessage)
                }
                try progress.throwIfFailed()
            }
        }
        return progress.outcome
    }

    /// Writes under a temporary name and renames, so the folder never holds half a message.
    func writeMessage(_ bytes: [UInt8], uid: UInt32) throws(FileStoreError) {
        let path = "\(folder)/\(uid).eml"
        let temporary = "\(folder)/.\(uid).eml.tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw FileStoreError("create", temporary, errno: errno) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw FileStoreError("write", temporary, errno: code)
            }
            written += n
        }
        guard close(fd) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileStoreError("close", temporary, errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileStoreError("rename", path, errno: code)
        }
    }
}

/// The export's running tally, filled on the mailbox's queue and read after the fetch
/// returns. Unchecked: written by one thread at a time (the queue, or the caller's loop), and
/// read only after that work has finished.
private final class ExportProgress: @unchecked Sendable {
    var outcome = MailboxExport.Outcome()
    var failure: Error?

    /// Writes one message or notes why it was skipped; false stops the export.
    func record(
        _ entry: MailboxEntry, _ result: Result<[UInt8], TransportError>,
        writer: (_ bytes: [UInt8], _ uid: UInt32) throws(FileStoreError) -> Void
    ) -> Bool {
        switch result {
        case .success(let bytes):
            do {
                try writer(bytes, entry.uid)
                outcome.written += 1
            } catch {
                failure = error
                return false
            }
        case .failure(let error):
            guard case .messageTooLarge = error.code else {
                failure = error
                return false
            }
            outcome.skipped.append((entry.uid, "\(error)"))
        }
        return true
    }

    func throwIfFailed() throws {
        if let failure { throw failure }
    }
}

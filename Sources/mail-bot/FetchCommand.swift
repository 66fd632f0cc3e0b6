import ArgumentParser
import Foundation
import MailIntake

/// `mail-bot fetch --config FILE --to DIR`: copies every message of the configured mailbox into
/// DIR as `<uid>.eml`, byte for byte, changing no flag on the server (IMAP BODY.PEEK[]); prints
/// the count. For exporting a mailbox and for seeing exactly what the bot sees.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Copy every message of the mailbox into a folder as <uid>.eml, changing nothing on the server.")

    @Option(help: "The configuration file (TOML); its [imap] or [maildir] section names the mailbox.")
    var config: String

    @Option(help: "The folder to write <uid>.eml files into (created when missing).")
    var to: String

    func run() async throws {
        let settings: Configuration
        do {
            settings = try Configuration.load(path: config)
        } catch {
            throw CommandFailure.usage("\(error)")
        }
        do {
            try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure.runtime("cannot create \(to): \(error.localizedDescription)")
        }
        let mailbox = settings.mailbox.makeMailbox()
        let outcome: MailboxExport.Outcome
        do {
            outcome = try await MailboxExport(folder: to, maxBytes: settings.maxMessageBytes).run(from: mailbox)
        } catch let error as FileStoreError {
            throw CommandFailure.runtime("cannot write: \(error)")
        } catch {
            throw CommandFailure.runtime("\(error)")
        }
        if let imap = mailbox as? CurlIMAPMailbox { await imap.close() }
        print(outcome.written)
        for skipped in outcome.skipped {
            FileHandle.standardError.write(Data("mail-bot: skipped: \(skipped.reason)\n".utf8))
        }
        if !outcome.skipped.isEmpty {
            FileHandle.standardError.write(
                Data("mail-bot: \(outcome.skipped.count) message(s) over max_message_bytes not copied: UIDs \(outcome.skipped.map { "\($0.uid)" }.joined(separator: ", "))\n".utf8))
        }
    }
}

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
        var written = 0
        var skipped: [String] = []
        do {
            for entry in try await mailbox.all() {
                do {
                    let bytes = try await mailbox.fetch(entry, maxBytes: settings.maxMessageBytes)
                    try write(bytes, to: URL(fileURLWithPath: to).appendingPathComponent("\(entry.uid).eml"))
                    written += 1
                } catch let error as TransportError {
                    guard case .messageTooLarge = error.code else { throw error }
                    skipped.append("\(entry.uid)")
                    FileHandle.standardError.write(Data("mail-bot: skipped: \(error)\n".utf8))
                }
            }
        } catch let error as TransportError {
            throw CommandFailure.runtime("\(error)")
        }
        if let imap = mailbox as? CurlIMAPMailbox { await imap.close() }
        print(written)
        if !skipped.isEmpty {
            FileHandle.standardError.write(
                Data("mail-bot: \(skipped.count) message(s) over max_message_bytes not copied: UIDs \(skipped.joined(separator: ", "))\n".utf8))
        }
    }

    /// Written under a temporary name and renamed, so DIR never holds half a message.
    private func write(_ bytes: [UInt8], to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            try Data(bytes).write(to: temporary)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            throw CommandFailure.runtime("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

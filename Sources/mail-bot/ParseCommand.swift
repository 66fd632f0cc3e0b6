import ArgumentParser
import Foundation

/// `mail-bot parse FILE.eml… [--json]`: the structure of raw messages, as the contract's JSON
/// (one object per file per line, in order) or as a short summary for a person.
///
/// Any bytes are a message: broken input gives best-effort output plus warnings, exit 0.
/// Only a file that cannot be read is an error (exit 2, naming the file), after the
/// readable files have been printed. The work is `ParseJob`'s; plain invocations (file
/// names and `--json`) reach it without ArgumentParser (see `ParseJob.plainArguments`).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the MIME structure of raw RFC 5322 messages.")

    @Argument(help: "Message files (.eml), raw RFC 5322 bytes.")
    var files: [String]

    @Flag(help: "One JSON object per file per line (see CONTRACT.md).")
    var json = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one message file to parse.") }
    }

    func run() throws {
        try ParseJob(files: files, json: json).run()
    }
}

import ArgumentParser
import Foundation

/// The `mail-bot` command: argument parsing and wiring only; the work lives in MailIntake.
struct MailBot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail-bot",
        abstract: "Second Medical Opinion intake by email.",
        subcommands: [ParseCommand.self, ProcessCommand.self, RunCommand.self, FetchCommand.self, StatusCommand.self, RenderReplyCommand.self]
    )
}

/// A failure the commands report with the contract's exit codes: 1 runtime, 2 usage or configuration.
struct CommandFailure: Error, CustomStringConvertible {
    let exitCode: Int32
    let description: String

    static func runtime(_ reason: String) -> CommandFailure { CommandFailure(exitCode: 1, description: reason) }
    static func usage(_ reason: String) -> CommandFailure { CommandFailure(exitCode: 2, description: reason) }
}

@main
enum Main {
    /// Runs the command and maps every error to the contract's exit codes (ArgumentParser
    /// would use 64 for usage errors; the contract says 2) with a one-line reason on stderr.
    static func main() async {
        do {
            // `parse` with a long list of files skips ArgumentParser (see ParseJob).
            let arguments = CommandLine.arguments
            if arguments.count > 2, arguments[1] == "parse", let job = ParseJob.plainArguments(arguments[2...]) {
                try job.run()
                return
            }
            var command = try MailBot.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("mail-bot: \(failure.description)\n".utf8))
            exit(failure.exitCode)
        } catch {
            let code = MailBot.exitCode(for: error)
            if code == .success {
                print(MailBot.fullMessage(for: error))
                exit(0)
            }
            let message = MailBot.fullMessage(for: error)
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            // ArgumentParser's usage errors (64) become the contract's 2; others are runtime failures.
            exit(code == .validationFailure ? 2 : (code.rawValue == 2 ? 2 : 1))
        }
    }
}

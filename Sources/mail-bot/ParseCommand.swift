import ArgumentParser

/// `mail-bot parse`: see shared/CONTRACT.md. Not built yet.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Not implemented yet.")

    func run() async throws {
        throw CommandFailure.runtime("'parse' is not implemented yet")
    }
}

import ArgumentParser

/// `mail-bot status`: see shared/CONTRACT.md. Not built yet.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Not implemented yet.")

    func run() async throws {
        throw CommandFailure.runtime("'status' is not implemented yet")
    }
}

import ArgumentParser

/// `mail-bot run`: see shared/CONTRACT.md. Not built yet.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Not implemented yet.")

    func run() async throws {
        throw CommandFailure.runtime("'run' is not implemented yet")
    }
}

import ArgumentParser

/// `mail-bot process`: see shared/CONTRACT.md. Not built yet.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "process", abstract: "Not implemented yet.")

    func run() async throws {
        throw CommandFailure.runtime("'process' is not implemented yet")
    }
}

import ArgumentParser

/// `mail-bot fetch`: see shared/CONTRACT.md. Not built yet.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fetch", abstract: "Not implemented yet.")

    func run() async throws {
        throw CommandFailure.runtime("'fetch' is not implemented yet")
    }
}

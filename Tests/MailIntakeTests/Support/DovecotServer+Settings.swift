@testable import MailIntake

extension DovecotServer {
    /// Client settings for this server: IMAPS with its CA trusted, alice's password, short timeouts.
    func settings(
        _ seed: IMAPSettingsSeed? = nil, credential: TransportCredential? = nil, maxMessageBytes: Int = 40 << 20,
        processedFolder: String = "Processed", failedFolder: String = "Failed"
    ) -> IMAPSettings {
        let seed = seed ?? imapsSettings()
        return IMAPSettings(
            url: seed.url, username: user, credential: credential ?? .password(password), caFile: seed.caFile,
            allowPlaintext: seed.allowPlaintext, processedFolder: processedFolder, failedFolder: failedFolder,
            maxMessageBytes: maxMessageBytes, timeouts: TransportTimeouts(connect: .seconds(5), stall: .seconds(5)))
    }
}

/// Expects a `TransportError` and returns it (nil, with a recorded issue, otherwise).
func transportError(_ body: () async throws -> Void) async -> TransportError? {
    do {
        try await body()
    } catch let error as TransportError {
        return error
    } catch {
        return nil
    }
    return nil
}

import Foundation

/// A password or OAuth token, kept out of every description, dump and log line.
///
/// `description`, `debugDescription` and the reflection mirror all say `<redacted>`, so
/// printing a settings struct, interpolating it into a log message or `dump()`ing it never
/// shows the secret. Only `reveal()` gives the text, at the one place that hands it to curl.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret itself: call only where it is handed to the transport.
    public func reveal() -> String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "Secret(<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// Where a password or token comes from: the configuration names it, never holds it.
///
/// Resolved at each connection (not once at start-up), so a rotated password file or a
/// refreshed OAuth token file is picked up without a restart.
public enum Credential: Sendable, Hashable, CustomStringConvertible {
    /// A password in this environment variable (`password_env`).
    case passwordEnvironment(String)
    /// A password in this file, first line, surrounding whitespace ignored (`password_file`).
    case passwordFile(String)
    /// An OAuth 2 bearer token in this file (`oauth2_token_file`), for XOAUTH2 / OAUTHBEARER.
    case oauth2TokenFile(String)

    /// True for an OAuth token, false for a password.
    public var isOAuth2: Bool {
        if case .oauth2TokenFile = self { return true }
        return false
    }

    /// Names the source, never the secret: "password from $MAILBOT_IMAP_PASSWORD".
    public var description: String {
        switch self {
        case .passwordEnvironment(let name): return "password from $\(name)"
        case .passwordFile(let path): return "password from file \(path)"
        case .oauth2TokenFile(let path): return "OAuth 2 token from file \(path)"
        }
    }

    /// Reads the secret now. Throws a `CredentialError` naming the variable or file (never
    /// its content) when it is missing, unreadable or empty.
    public func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Secret {
        switch self {
        case .passwordEnvironment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw CredentialError(message: "the environment variable \(name) (password_env) is not set or empty")
            }
            return Secret(value)
        case .passwordFile(let path), .oauth2TokenFile(let path):
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw CredentialError(message: "cannot read the \(isOAuth2 ? "token" : "password") file \(path): \(error.localizedDescription)")
            }
            let text = String(decoding: data, as: UTF8.self)
            let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let value = firstLine.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else {
                throw CredentialError(message: "the \(isOAuth2 ? "token" : "password") file \(path) is empty")
            }
            return Secret(value)
        }
    }
}

/// A credential that could not be read; says which variable or file, never the secret.
public struct CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

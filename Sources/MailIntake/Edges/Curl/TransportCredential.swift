import Foundation

/// Where a transport's secret comes from. The secret itself is read only when connecting and is
/// never part of a description, a log line or an error.
///
/// An OAuth token file is read again on every connection, so a token refreshed by another
/// program (a cron job, an identity agent) is picked up without restarting the bot.
public enum TransportCredential: Sendable, Hashable, CustomStringConvertible {
    /// A password already in memory (tests; the configuration prefers the two below).
    case password(String)
    /// A password in this environment variable.
    case passwordEnvironment(String)
    /// A password in this file (first line; trailing newline ignored).
    case passwordFile(String)
    /// An OAuth 2 bearer token (XOAUTH2 / OAUTHBEARER) in this file, re-read per connection.
    case oauth2TokenFile(String)
    /// No login (servers that need none; never for a real mailbox).
    case none

    /// The secret, resolved now.
    public func resolve() throws(CredentialError) -> ResolvedCredential {
        switch self {
        case .password(let value):
            return .password(value)
        case .passwordEnvironment(let name):
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                throw CredentialError(text: "the environment variable \(name) (password_env) is not set or empty")
            }
            return .password(value)
        case .passwordFile(let path):
            return .password(try Self.firstLine(ofFile: path, what: "password_file"))
        case .oauth2TokenFile(let path):
            return .bearerToken(try Self.firstLine(ofFile: path, what: "oauth2_token_file"))
        case .none:
            return .none
        }
    }

    /// Where the secret comes from, never the secret.
    public var description: String {
        switch self {
        case .password: return "password (in memory)"
        case .passwordEnvironment(let name): return "password from $\(name)"
        case .passwordFile(let path): return "password from \(path)"
        case .oauth2TokenFile(let path): return "OAuth token from \(path)"
        case .none: return "no login"
        }
    }

    private static func firstLine(ofFile path: String, what: String) throws(CredentialError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CredentialError(text: "cannot read \(what) \(path)")
        }
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw CredentialError(text: "\(what) \(path) is empty") }
        return trimmed
    }
}

/// A secret read from its source, ready to hand to curl.
public enum ResolvedCredential: Sendable, Hashable, CustomStringConvertible {
    case password(String)
    case bearerToken(String)
    case none

    /// Never shows the secret.
    public var description: String {
        switch self {
        case .password: return "password(…)"
        case .bearerToken: return "bearerToken(…)"
        case .none: return "none"
        }
    }
}

/// The secret could not be read; names the variable or file, never its content.
public struct CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var description: String { text }
}

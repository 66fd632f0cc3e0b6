/// A mail transport failure (IMAP or SMTP over libcurl), with everything a person needs to act
/// on it: what kind of failure, which host, mailbox and UID, and curl's own words.
///
/// The struct wraps a `Code` so that callers can branch on the kind of failure while the
/// description stays one readable sentence for logs and `stderr`. Secrets never appear in it:
/// only the host, never the URL's user information, and never a password or token.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; the runner decides from it whether to retry.
    public enum Code: Sendable, Hashable {
        /// The server refused the user name and password or the OAuth token (also: an expired token).
        case authenticationFailed
        /// The mailbox (folder) does not exist on the server.
        case unknownMailbox
        /// The TLS handshake or certificate check failed, or TLS was required and not offered.
        case tlsFailure(reason: String)
        /// Nothing listens at the host and port, or the host name does not resolve.
        case connectionRefused
        /// The server stopped answering within the configured time.
        case timeout
        /// The server answered a command with NO or BAD; carries the server's own text.
        case serverSaidNo(String)
        /// The message is larger than the configured limit; it was not read into memory.
        case messageTooLarge(size: Int, limit: Int)
        /// The SMTP server refused a recipient; carries the address.
        case rejectedRecipient(String)
        /// Anything else: see `curlText`.
        case other
    }

    /// The kind of failure.
    public var code: Code
    /// The server's host name (no user information).
    public var host: String
    /// The mailbox the operation worked on, when there is one.
    public var mailbox: String?
    /// The message's UID, when the operation concerned one message.
    public var uid: UInt32?
    /// What we were doing, e.g. `UID FETCH 7`, `SELECT INBOX`, `SMTP send`.
    public var operation: String
    /// The raw `CURLcode` (0 when the failure did not come from curl itself).
    public var curlCode: Int
    /// curl's own explanation (CURLOPT_ERRORBUFFER, or `curl_easy_strerror`), or the server's line.
    public var curlText: String

    public init(
        _ code: Code, host: String, mailbox: String? = nil, uid: UInt32? = nil,
        operation: String, curlCode: Int = 0, curlText: String = ""
    ) {
        self.code = code
        self.host = host
        self.mailbox = mailbox
        self.uid = uid
        self.operation = operation
        self.curlCode = curlCode
        self.curlText = curlText
    }

    /// True when trying again later can help (network trouble), false when a person must act
    /// (password, certificate, missing folder) or the message itself is the problem.
    public var isTransient: Bool {
        switch code {
        case .connectionRefused, .timeout, .other: return true
        case .authenticationFailed, .unknownMailbox, .tlsFailure, .serverSaidNo, .messageTooLarge,
            .rejectedRecipient:
            return false
        }
    }

    /// True when the failure concerns one message only (the server refused it, or it is over
    /// the size limit), not the connection: the other messages can still be fetched.
    public var concernsOneMessage: Bool {
        switch code {
        case .serverSaidNo, .messageTooLarge: return true
        default: return false
        }
    }

    /// True when one message's transfer may be the cause: it stalled (`timeout`) or broke off
    /// (`other`). The poller tells the two apart by asking the server for something else
    /// right after; a refused connection, a login or TLS failure is never the message.
    public var mayBeTheMessage: Bool {
        switch code {
        case .timeout, .other: return true
        default: return false
        }
    }

    /// One line: what failed, where, and what to do about it. Mail addresses (a refused
    /// recipient, one quoted in the server's reply) are replaced by `<address>`: this text
    /// reaches logs and the case's reply reason, and a requester's address is patient data.
    public var description: String {
        var place = host
        if let mailbox { place += " mailbox \(mailbox)" }
        if let uid { place += " UID \(uid)" }
        var line = "\(operation) on \(place) failed: \(summary)"
        if curlCode != 0 || !curlText.isEmpty {
            line += " (curl \(curlCode)\(curlText.isEmpty ? "" : ": \(Self.redactingAddresses(curlText))"))"
        }
        return line
    }

    /// `text` with every `local@domain` replaced by `<address>` (`<a@b>` too, not doubled).
    static func redactingAddresses(_ text: String) -> String {
        guard text.contains("@") else { return text }
        let stops: Set<Character> = [" ", "<", ">", "\"", "'", "(", ")", ",", ";", ":", "[", "]", "\t"]
        var out = ""
        var word = ""
        func flush() {
            if word.contains("@") {
                out += out.hasSuffix("<") ? "address" : "<address>"
            } else {
                out += word
            }
            word = ""
        }
        for character in text {
            if stops.contains(character) {
                flush()
                out.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return out
    }

    /// The human part of the description: what happened and what to do.
    private var summary: String {
        switch code {
        case .authenticationFailed:
            return "the server refused the login; check the user name and the password (or that the OAuth token file holds a current, unexpired token)"
        case .unknownMailbox:
            return "the mailbox does not exist on the server; check the mailbox in the URL or create the folder"
        case .tlsFailure(let reason):
            return "TLS failed: \(reason)"
        case .connectionRefused:
            return "could not connect; check the host and port, and that the server is running"
        case .timeout:
            return "the server did not answer in time; it will be tried again"
        case .serverSaidNo(let text):
            return "the server refused the command: \(Self.redactingAddresses(text))"
        case .messageTooLarge(let size, let limit):
            return "the message is \(size) bytes, over the limit of \(limit) bytes (max_message_bytes); it was not downloaded"
        case .rejectedRecipient:
            // The address stays in `code` for callers; never in the text.
            return "the server refused the recipient"
        case .other:
            return "transport error"
        }
    }
}

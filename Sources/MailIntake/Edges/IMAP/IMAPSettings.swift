/// Everything needed to reach one IMAP mailbox. The configuration loader fills it from the
/// `[imap]` table; tests build it directly.
public struct IMAPSettings: Sendable {
    /// `imaps://host:993/INBOX` or `imap://host:143/INBOX` (STARTTLS required unless
    /// `allowPlaintext`). The path names the mailbox (percent-encoded UTF-8), INBOX when empty.
    public var url: String
    public var username: String
    public var credential: TransportCredential
    /// Extra CA certificates to trust (PEM), for a server with a private CA.
    public var caFile: String?
    /// Only for loopback test servers: lets `imap://` run without TLS.
    public var allowPlaintext: Bool
    /// Where handled messages go; created when missing.
    public var processedFolder: String
    /// Where messages that could not be handled go; created when missing.
    public var failedFolder: String
    /// Messages larger than this are never downloaded (`messageTooLarge`).
    public var maxMessageBytes: Int
    public var timeouts: TransportTimeouts

    public init(
        url: String, username: String, credential: TransportCredential, caFile: String? = nil,
        allowPlaintext: Bool = false, processedFolder: String = "Processed", failedFolder: String = "Failed",
        maxMessageBytes: Int = 40 << 20, timeouts: TransportTimeouts = TransportTimeouts()
    ) {
        self.url = url
        self.username = username
        self.credential = credential
        self.caFile = caFile
        self.allowPlaintext = allowPlaintext
        self.processedFolder = processedFolder
        self.failedFolder = failedFolder
        self.maxMessageBytes = maxMessageBytes
        self.timeouts = timeouts
    }

    /// The mailbox named by the URL's path, percent-decoded; INBOX when there is none.
    public var mailbox: String {
        guard let scheme = url.range(of: "://") else { return "INBOX" }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "INBOX" }
        var path = String(rest[rest.index(after: slash)...])
        if let semicolon = path.firstIndex(of: ";") { path = String(path[..<semicolon]) }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        let decoded = path.removingPercentEncoding ?? path
        return decoded.isEmpty ? "INBOX" : decoded
    }

    /// The host and port, for messages (never the user information).
    public var host: String { transportHost(of: url) }

    /// Checks what can be checked without connecting; returns the problem in words, naming the key.
    public func problems() -> [String] {
        var found: [String] = []
        let lower = url.lowercased()
        if !lower.hasPrefix("imap://") && !lower.hasPrefix("imaps://") {
            found.append("imap.url must start with imaps:// (or imap:// for STARTTLS), got \(url.prefix(60))")
        }
        if url.contains("@") {
            found.append("imap.url must not carry a user name or password; use imap.username and password_env / password_file")
        }
        if username.isEmpty, credential != .none {
            found.append("imap.username is empty")
        }
        if maxMessageBytes <= 0 { found.append("imap.max_message_bytes must be positive") }
        for (key, folder) in [("imap.processed_folder", processedFolder), ("imap.failed_folder", failedFolder)] {
            if folder.isEmpty || folder.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                found.append("\(key) must be a non-empty single-line folder name")
            }
        }
        return found
    }

    var connectionOptions: CurlConnectionOptions {
        CurlConnectionOptions(
            url: url, username: username, credential: credential, caFile: caFile,
            allowPlaintext: allowPlaintext, timeouts: timeouts)
    }
}

extension String {
    /// Percent-decoding without Foundation's URL machinery (RFC 3986 §2.1), UTF-8.
    fileprivate var removingPercentEncoding: String? {
        var bytes: [UInt8] = []
        var iterator = Array(utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

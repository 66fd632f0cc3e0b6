import Foundation

/// How `CurlSMTPSender` reaches the SMTP server: built by the runtime from `[smtp]`.
public struct SMTPSettings: Sendable, Hashable {
    /// `smtps://host:465` (TLS from the first byte) or `smtp://host:587` (STARTTLS required
    /// unless `allowPlaintext`). A path, if any, is the EHLO name (libcurl's convention).
    public var url: String
    /// Empty for a server that takes mail without AUTH.
    public var username: String
    public var credential: TransportCredential
    /// Extra CA certificates to trust (PEM), for a private CA.
    public var caFile: String?
    /// Only then may a plain `smtp://` URL send without TLS: loopback tests.
    public var allowPlaintext: Bool
    public var timeouts: TransportTimeouts

    public init(
        url: String, username: String = "", credential: TransportCredential = .none, caFile: String? = nil,
        allowPlaintext: Bool = false, timeouts: TransportTimeouts = TransportTimeouts()
    ) {
        self.url = url
        self.username = username
        self.credential = credential
        self.caFile = caFile
        self.allowPlaintext = allowPlaintext
        self.timeouts = timeouts
    }

    /// The server's host and port, for error messages (never user information).
    public var host: String { transportHost(of: url) }

    var connectionOptions: CurlConnectionOptions {
        CurlConnectionOptions(
            url: url, username: username, credential: credential, caFile: caFile, allowPlaintext: allowPlaintext,
            timeouts: timeouts)
    }
}

/// Puts a message into the shape SMTP needs, byte for byte what the server will store.
enum SMTPWireFormat {
    /// Every line ending becomes CRLF (bare LF and bare CR alike), and the message ends with
    /// CRLF. libcurl dot-stuffs but does not fix line endings, and a bare LF in DATA is
    /// refused or mangled by many servers (RFC 5321 §2.3.8).
    static func normalizedLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 32 + 2)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                out.append(0x0D)
                out.append(0x0A)
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            } else if byte == 0x0A {
                out.append(0x0D)
                out.append(0x0A)
            } else {
                out.append(byte)
            }
            index += 1
        }
        if out.count < 2 || out[out.count - 2] != 0x0D || out[out.count - 1] != 0x0A {
            out.append(0x0D)
            out.append(0x0A)
        }
        return out
    }

    /// An envelope address as libcurl wants it: `<a@b>`. Refuses CR, LF and angle brackets,
    /// which would let an address inject SMTP commands.
    static func envelopeAddress(_ address: String) -> String? {
        let bare = address.trimmingCharacters(in: .whitespaces)
        guard !bare.isEmpty, !bare.contains(where: { "\r\n<>".contains($0) }) else { return nil }
        return "<\(bare)>"
    }
}

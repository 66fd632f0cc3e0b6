import CCurl

extension TransportError {
    /// Maps a failed curl call to a transport error a person can act on.
    ///
    /// `serverLine` is the last line the server sent (from the header callback): libcurl reports
    /// both a refused login and a SELECT of a missing mailbox as CURLE_LOGIN_DENIED, and only
    /// the server's words tell them apart.
    package init(
        curl outcome: CurlOutcome, host: String, mailbox: String? = nil, uid: UInt32? = nil,
        operation: String, serverLine: String = ""
    ) {
        let code = Self.code(for: outcome.code, serverLine: serverLine)
        var text = outcome.text
        if !serverLine.isEmpty, !text.contains(serverLine) {
            text += text.isEmpty ? "server said: \(serverLine)" : "; server said: \(serverLine)"
        }
        self.init(
            code, host: host, mailbox: mailbox, uid: uid, operation: operation,
            curlCode: outcome.rawCode, curlText: text)
    }

    /// The kind of failure for a curl code, refined by the server's last line.
    static func code(for code: CURLcode, serverLine: String) -> Code {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .connectionRefused
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_LOGIN_DENIED:
            return looksLikeMissingMailbox(serverLine) ? .unknownMailbox : .authenticationFailed
        case CURLE_PEER_FAILED_VERIFICATION:
            return .tlsFailure(
                reason: "the server's certificate is not trusted or does not match the host name; "
                    + "set ca_file to the CA that signed it, and connect with a name the certificate carries")
        case CURLE_USE_SSL_FAILED:
            return .tlsFailure(
                reason: "the server does not offer STARTTLS; use an imaps:// or smtps:// URL, or, only for a "
                    + "loopback test server, set allow_plaintext = true")
        case CURLE_SSL_CACERT_BADFILE:
            return .tlsFailure(reason: "the ca_file could not be read or holds no certificate")
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED:
            return .tlsFailure(reason: "the TLS handshake failed (is this port really speaking TLS?)")
        case CURLE_QUOTE_ERROR, CURLE_REMOTE_ACCESS_DENIED:
            if looksLikeMissingMailbox(serverLine) { return .unknownMailbox }
            return .serverSaidNo(serverLine.isEmpty ? "no reason given" : serverLine)
        default:
            return .other
        }
    }

    /// Dovecot says `NO [NONEXISTENT] Mailbox doesn't exist`; others say "no such mailbox" etc.
    private static func looksLikeMissingMailbox(_ line: String) -> Bool {
        let lower = line.lowercased()
        return lower.contains("[nonexistent]") || lower.contains("doesn't exist")
            || lower.contains("does not exist") || lower.contains("no such mailbox")
            || lower.contains("unknown mailbox")
    }
}

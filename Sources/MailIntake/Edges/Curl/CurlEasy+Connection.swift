import CCurl

/// How a transport connects: the parts of the settings that every IMAP or SMTP call shares.
package struct CurlConnectionOptions: Sendable {
    /// `imap://`, `imaps://`, `smtp://` or `smtps://` URL (no user information).
    package var url: String
    package var username: String
    package var credential: TransportCredential
    /// A PEM file with extra CA certificates to trust (a private CA).
    package var caFile: String?
    /// Only then may a plain `imap://` / `smtp://` URL talk without TLS.
    package var allowPlaintext: Bool
    package var timeouts: TransportTimeouts

    package init(
        url: String, username: String, credential: TransportCredential, caFile: String?,
        allowPlaintext: Bool, timeouts: TransportTimeouts
    ) {
        self.url = url
        self.username = username
        self.credential = credential
        self.caFile = caFile
        self.allowPlaintext = allowPlaintext
        self.timeouts = timeouts
    }
}

extension CurlEasy {
    /// Applies login, TLS policy and timeouts. Reads the credential now (so a refreshed OAuth
    /// token file is used by the next connection). Secure by default: a plain URL requires
    /// STARTTLS (CURLUSESSL_ALL) unless `allowPlaintext`; certificates and host names are
    /// always verified.
    package func applyConnection(_ options: CurlConnectionOptions, resolved: ResolvedCredential) throws(CurlSetupError) {
        try set(CURLOPT_USERNAME, options.username.isEmpty ? nil : options.username)
        switch resolved {
        case .password(let password):
            try set(CURLOPT_PASSWORD, password)
            try set(CURLOPT_XOAUTH2_BEARER, nil)
            try set(CURLOPT_LOGIN_OPTIONS, nil)
        case .bearerToken(let token):
            try set(CURLOPT_PASSWORD, nil)
            try set(CURLOPT_XOAUTH2_BEARER, token)
            // Without this, libcurl may fall back to a password mechanism with an empty password.
            try set(CURLOPT_LOGIN_OPTIONS, "AUTH=*")
        case .none:
            try set(CURLOPT_PASSWORD, nil)
            try set(CURLOPT_XOAUTH2_BEARER, nil)
        }
        let secureScheme = options.url.lowercased().hasPrefix("imaps:") || options.url.lowercased().hasPrefix("smtps:")
        if secureScheme {
            try set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        } else {
            try set(CURLOPT_USE_SSL, Int((options.allowPlaintext ? CURLUSESSL_NONE : CURLUSESSL_ALL).rawValue))
        }
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        try set(CURLOPT_CAINFO, options.caFile)
        try apply(options.timeouts)
    }
}

/// The host of a URL, for error messages: no scheme, user information, port or path.
package func transportHost(of url: String) -> String {
    var rest = Substring(url)
    if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
    if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
    if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
    return String(rest)
}

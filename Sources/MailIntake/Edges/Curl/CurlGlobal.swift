import CCurl

/// Calls `curl_global_init` exactly once, before any thread creates an easy handle.
///
/// libcurl's global initialisation is not thread-safe; a Swift `static let` is initialised
/// lazily, once, under a lock, which is exactly the guarantee curl asks for.
enum CurlGlobal {
    /// The result of the one `curl_global_init` call.
    static let initResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

    /// Makes sure curl is initialised; call before `curl_easy_init`.
    static func ensureInitialised() -> Bool {
        initResult == CURLE_OK
    }

    /// The libcurl version string, for diagnostics (`libcurl/7.88.1 OpenSSL/3.0 …`).
    static var version: String {
        String(cString: curl_version())
    }
}

import CCurl

/// One libcurl easy handle: options, callbacks and `perform`, with curl's own error text.
///
/// Reusing one handle reuses its connection (no new login per command), so mailboxes keep a
/// single `CurlEasy` for their lifetime. The class is deliberately not `Sendable`: confine it
/// to one queue or actor. Callbacks reach Swift through `Unmanaged` pointers to `self` stored
/// in WRITEDATA / HEADERDATA / READDATA, so the closures below may capture freely.
package final class CurlEasy {
    /// Receives body bytes (the write callback). Return false to abort the transfer.
    package var onWrite: ((UnsafeRawBufferPointer) -> Bool)?
    /// Receives every header / server response line (the header callback). Return false to abort.
    package var onHeader: ((UnsafeRawBufferPointer) -> Bool)?
    /// Fills the buffer for uploads (the read callback) and returns the count; 0 ends the upload.
    package var onRead: ((UnsafeMutableRawBufferPointer) -> Int)?

    /// The raw curl handle (`CURL *`).
    package let handle: UnsafeMutableRawPointer
    /// CURLOPT_ERRORBUFFER: curl writes its detailed explanation of the last failure here.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Lists handed to curl must outlive the transfer; kept per option until replaced.
    private var lists: [UInt32: UnsafeMutablePointer<curl_slist>] = [:]

    /// Creates a handle with callbacks wired, signals off (threads) and TCP keep-alive on.
    package init() throws(CurlSetupError) {
        guard CurlGlobal.ensureInitialised() else {
            throw CurlSetupError(text: "curl_global_init failed (\(CurlGlobal.initResult.rawValue))")
        }
        guard let handle = curl_easy_init() else {
            throw CurlSetupError(text: "curl_easy_init returned no handle")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configureBasics()
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists.values { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    private func configureBasics() throws(CurlSetupError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)), "ERRORBUFFER")
        try check(ccurl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlEasyWriteCallback), "WRITEFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "WRITEDATA")
        try check(ccurl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlEasyHeaderCallback), "HEADERFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context), "HEADERDATA")
        try check(ccurl_setopt_data_callback(handle, CURLOPT_READFUNCTION, curlEasyReadCallback), "READFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_READDATA, context), "READDATA")
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        try set(CURLOPT_NOPROGRESS, 1)
    }

    // MARK: Options

    /// Sets a numeric option.
    package func set(_ option: CURLoption, _ value: Int) throws(CurlSetupError) {
        try check(ccurl_setopt_long(handle, option, value), "option \(option.rawValue)")
    }

    /// Sets a 64-bit size option (`*_LARGE`).
    package func set(_ option: CURLoption, large value: Int64) throws(CurlSetupError) {
        try check(ccurl_setopt_off_t(handle, option, curl_off_t(value)), "option \(option.rawValue)")
    }

    /// Sets a string option (curl copies it), or clears it with nil.
    package func set(_ option: CURLoption, _ value: String?) throws(CurlSetupError) {
        let result: CURLcode
        if let value {
            result = value.withCString { ccurl_setopt_string(handle, option, $0) }
        } else {
            result = ccurl_setopt_string(handle, option, nil)
        }
        try check(result, "option \(option.rawValue)")
    }

    /// Sets a string-list option (e.g. CURLOPT_MAIL_RCPT); the list lives as long as the handle
    /// or until replaced.
    package func set(_ option: CURLoption, list values: [String]) throws(CurlSetupError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw CurlSetupError(text: "out of memory building a curl list")
            }
            list = appended
        }
        let result = ccurl_setopt_slist(handle, option, list)
        if let old = lists.removeValue(forKey: option.rawValue) { curl_slist_free_all(old) }
        if let list { lists[option.rawValue] = list }
        try check(result, "option \(option.rawValue)")
    }

    /// Applies connect, stall and total limits.
    package func apply(_ timeouts: TransportTimeouts) throws(CurlSetupError) {
        try set(CURLOPT_CONNECTTIMEOUT_MS, TransportTimeouts.milliseconds(timeouts.connect))
        try set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try set(CURLOPT_LOW_SPEED_TIME, max(1, Int(timeouts.stall.components.seconds)))
        try set(CURLOPT_TIMEOUT_MS, timeouts.total.map(TransportTimeouts.milliseconds) ?? 0)
    }

    private func check(_ code: CURLcode, _ what: String) throws(CurlSetupError) {
        guard code == CURLE_OK else {
            throw CurlSetupError(text: "curl refused \(what): \(String(cString: curl_easy_strerror(code)))")
        }
    }

    // MARK: Transfers

    /// Runs the transfer described by the options; returns curl's code and its explanation.
    package func perform() -> CurlOutcome {
        errorBuffer[0] = 0
        let code = curl_easy_perform(handle)
        return CurlOutcome(code: code, text: code == CURLE_OK ? "" : errorText(for: code))
    }

    /// The error buffer's text, or `curl_easy_strerror` when curl left it empty.
    package func errorText(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    /// CURLINFO_RESPONSE_CODE: the last server status (SMTP 250/550, IMAP none).
    package var responseCode: Int {
        var value = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &value)
        return value
    }

    /// CURLINFO_ACTIVESOCKET, for CONNECT_ONLY connections; nil when there is none.
    package var activeSocket: Int32? {
        var socket: curl_socket_t = CURL_SOCKET_BAD
        guard ccurl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK, socket != CURL_SOCKET_BAD else {
            return nil
        }
        return socket
    }

    /// `curl_easy_send` on a CONNECT_ONLY connection: bytes sent, or the curl code (CURLE_AGAIN
    /// means "wait for the socket").
    package func send(_ bytes: UnsafeRawBufferPointer) -> Result<Int, CurlOutcome> {
        var sent = 0
        let code = curl_easy_send(handle, bytes.baseAddress, bytes.count, &sent)
        return code == CURLE_OK ? .success(sent) : .failure(CurlOutcome(code: code, text: errorText(for: code)))
    }

    /// `curl_easy_recv` on a CONNECT_ONLY connection: bytes read (0: closed), or the curl code.
    package func receive(into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, CurlOutcome> {
        var received = 0
        let code = curl_easy_recv(handle, buffer.baseAddress, buffer.count, &received)
        return code == CURLE_OK ? .success(received) : .failure(CurlOutcome(code: code, text: errorText(for: code)))
    }
}

/// The result of one curl call: the code and curl's explanation (empty on success).
package struct CurlOutcome: Error, Sendable, Hashable {
    package var code: CURLcode
    package var text: String

    package var succeeded: Bool { code == CURLE_OK }
    package var rawCode: Int { Int(code.rawValue) }
}

/// curl could not even be set up (out of memory, an option this libcurl does not know).
package struct CurlSetupError: Error, Sendable, CustomStringConvertible {
    package var text: String
    package var description: String { text }
}

// MARK: C callbacks (non-capturing; they find the CurlEasy through the user-data pointer)

private func curlEasyWriteCallback(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    curlEasyDeliver(buffer, size, count, context) { $0.onWrite }
}

private func curlEasyHeaderCallback(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    curlEasyDeliver(buffer, size, count, context) { $0.onHeader }
}

/// The body of the write and header callbacks, which differ only in the handler they call:
/// hands curl's bytes to it and answers curl's way (the whole length to go on, 0 to abort).
/// With no handler set the bytes are accepted and dropped.
private func curlEasyDeliver(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?,
    handler: (CurlEasy) -> ((UnsafeRawBufferPointer) -> Bool)?
) -> Int {
    let length = size * count
    guard let context else { return 0 }
    let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
    guard let deliver = handler(easy) else { return length }
    return deliver(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
}

private func curlEasyReadCallback(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let context, let buffer else { return 0 }
    let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
    guard let onRead = easy.onRead else { return 0 }
    return onRead(UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
}

import CCurl
import Foundation

/// A libcurl share handle holding a connection cache, so that easy handles created one after
/// another (one per SMTP send) reuse the server connection instead of opening a new one.
///
/// Why it matters: a new SMTP connection costs a TCP (and TLS) handshake, the greeting, EHLO
/// and AUTH before the first MAIL FROM; with a reused one a reply is MAIL, RCPT and DATA.
/// Measured end to end against aiosmtpd, a fresh connection per reply was about 40 ms of each
/// message (its multi-line EHLO answer meets delayed ACKs), most of the time per message.
/// libcurl checks a cached connection before reusing it and opens a new one when the server
/// has closed it (idle timeout, restart).
///
/// Thread-safe: libcurl calls the lock callbacks, one lock per kind of shared data.
package final class CurlConnectionShare: @unchecked Sendable {
    /// Unchecked: `handle` is only used through libcurl, which serialises through `locks`.
    package let handle: UnsafeMutableRawPointer
    private let locks: [NSLock]

    package init() throws(CurlSetupError) {
        guard CurlGlobal.ensureInitialised() else {
            throw CurlSetupError(text: "curl_global_init failed (\(CurlGlobal.initResult.rawValue))")
        }
        guard let handle = curl_share_init() else { throw CurlSetupError(text: "curl_share_init returned no handle") }
        self.handle = handle
        locks = (0...Int(CURL_LOCK_DATA_LAST.rawValue)).map { _ in NSLock() }
        let context = Unmanaged.passUnretained(self).toOpaque()
        var results: [CURLSHcode] = []
        results.append(ccurl_share_setopt_pointer(handle, CURLSHOPT_USERDATA, context))
        results.append(ccurl_share_setopt_lock(handle, curlShareLock))
        results.append(ccurl_share_setopt_unlock(handle, curlShareUnlock))
        results.append(ccurl_share_setopt_long(handle, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_CONNECT.rawValue)))
        results.append(ccurl_share_setopt_long(handle, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_DNS.rawValue)))
        results.append(ccurl_share_setopt_long(handle, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_SSL_SESSION.rawValue)))
        if let failed = results.first(where: { $0 != CURLSHE_OK }) {
            curl_share_cleanup(handle)
            throw CurlSetupError(text: "curl_share_setopt failed: \(String(cString: curl_share_strerror(failed)))")
        }
    }

    deinit {
        curl_share_cleanup(handle)
    }

    fileprivate func lock(_ data: curl_lock_data) {
        locks[min(Int(data.rawValue), locks.count - 1)].lock()
    }

    fileprivate func unlock(_ data: curl_lock_data) {
        locks[min(Int(data.rawValue), locks.count - 1)].unlock()
    }
}

extension CurlEasy {
    /// Uses `share`'s connection cache (CURLOPT_SHARE); the share must outlive the handle.
    package func use(_ share: CurlConnectionShare) throws(CurlSetupError) {
        let result = ccurl_setopt_pointer(handle, CURLOPT_SHARE, share.handle)
        guard result == CURLE_OK else { throw CurlSetupError(text: "CURLOPT_SHARE failed: \(String(cString: curl_easy_strerror(result)))") }
    }
}

private func curlShareLock(_: UnsafeMutableRawPointer?, data: curl_lock_data, _: curl_lock_access, context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<CurlConnectionShare>.fromOpaque(context).takeUnretainedValue().lock(data)
}

private func curlShareUnlock(_: UnsafeMutableRawPointer?, data: curl_lock_data, context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<CurlConnectionShare>.fromOpaque(context).takeUnretainedValue().unlock(data)
}

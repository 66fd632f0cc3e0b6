import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `[monitoring]` listener of `run`: a tiny HTTP/1.0 server on its own thread.
///
/// `GET /healthz` answers 200 when the last poll succeeded recently, 503 otherwise;
/// `GET /metrics` gives Prometheus text; `GET /` a small status page. Each request reads the
/// status file `run` writes after every poll, so the server shares no state with the poller
/// and keeps answering while a poll is stuck (which is exactly when it is needed).
/// No dependency: a dozen monitoring requests a minute do not justify an HTTP framework.
public final class MonitoringServer: @unchecked Sendable {
    /// The port actually bound (useful when asked for port 0).
    public let port: Int
    public let host: String
    private let listener: Int32
    private let statusPath: String
    /// A poll older than this makes /healthz unhealthy (the poller may be stuck).
    private let staleAfter: TimeInterval
    private let lock = NSLock()
    private var stopped = false

    /// Binds `host:port` (an IP address or `localhost`) and starts serving.
    public init(host: String, port: Int, statusPath: String, staleAfter: TimeInterval) throws {
        self.host = host
        self.statusPath = statusPath
        self.staleAfter = staleAfter
        let (fd, bound) = try Self.openListener(host: host, port: port)
        listener = fd
        self.port = bound
        let thread = Thread { [self] in serve() }
        thread.name = "mail-intake.monitoring"
        thread.start()
    }

    /// Stops accepting connections.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { stop() }

    // MARK: - Serving

    private func serve() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return  // stopped (or the socket broke: nothing more to serve)
            }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        while request.count < 8192 {
            let n = read(client, &buffer, buffer.count)
            guard n > 0 else { break }
            request += buffer[0..<n]
            if request.count >= 4, request.suffix(4) == [13, 10, 13, 10] { break }
            if request.contains(10), String(decoding: request, as: UTF8.self).contains("\r\n\r\n") { break }
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
        let parts = line.split(separator: " ")
        let response: MonitoringResponse
        if parts.count < 2 {
            response = MonitoringResponse(status: 400, type: "text/plain", body: "bad request\n")
        } else if parts[0] != "GET" && parts[0] != "HEAD" {
            response = MonitoringResponse(status: 405, type: "text/plain", body: "only GET\n")
        } else {
            let path = String(parts[1].split(separator: "?", maxSplits: 1).first ?? "")
            response = MonitoringPages(status: currentStatus(), staleAfter: staleAfter, now: Date()).response(for: path)
        }
        var bytes = Array(response.head.utf8)
        if parts.first != "HEAD" { bytes += Array(response.body.utf8) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            offset += n
        }
    }

    private func currentStatus() -> PollStatus? {
        (try? PollStatus.read(from: statusPath)) ?? nil
    }

    // MARK: - Socket

    private static func openListener(host: String, port: Int) throws -> (Int32, Int) {
        let name = host == "localhost" ? "127.0.0.1" : host
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        let isV4 = inet_pton(AF_INET, name, &v4.sin_addr) == 1
        let isV6 = !isV4 && inet_pton(AF_INET6, name, &v6.sin6_addr) == 1
        guard isV4 || isV6 else {
            throw MonitoringError(description: "monitoring.listen: '\(host)' is not an IP address or localhost")
        }
        let fd = socket(isV4 ? AF_INET : AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw MonitoringError(description: "cannot open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32
        if isV4 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(port).bigEndian)
            result = withUnsafePointer(to: &v4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        } else {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(port).bigEndian)
            result = withUnsafePointer(to: &v6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        guard result == 0, listen(fd, 16) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw MonitoringError(description: "cannot listen on \(host):\(port) (monitoring.listen): \(reason)")
        }
        var address = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        // sin_port and sin6_port sit at the same offset.
        return (fd, Int(UInt16(bigEndian: address.sin6_port)))
    }
}

/// The monitoring listener could not start; names `monitoring.listen`.
public struct MonitoringError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

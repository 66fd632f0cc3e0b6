import Foundation

/// Plain-socket HTTP clients for the monitoring tests: a well-behaved GET, and misbehaving
/// clients (slow senders, silent connections, resets).
enum HTTPProbe {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func connect(port: Int, timeoutSeconds: Int = 5) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw Failure(description: "connect to \(port) failed: errno \(errno)")
        }
        return fd
    }

    /// One HTTP/1.0 GET: the status code and the body. A silence longer than `timeoutSeconds` throws.
    static func get(_ path: String, port: Int, timeoutSeconds: Int = 5) throws -> (status: Int, body: String) {
        let fd = try connect(port: port, timeoutSeconds: timeoutSeconds)
        defer { close(fd) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 { throw Failure(description: "GET \(path): no answer within \(timeoutSeconds) s (errno \(errno))") }
            if n == 0 { break }
            response += buffer[0..<n]
            if Self.isComplete(response) { break }
        }
        let text = String(decoding: response, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status, body)
    }

    /// `get` on a thread of its own: the server under test answers from Swift's cooperative
    /// pool (two threads on a 2-core machine), which a blocking read must not occupy.
    static func fetch(_ path: String, port: Int, timeoutSeconds: Int = 5) async throws -> (status: Int, body: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try get(path, port: port, timeoutSeconds: timeoutSeconds) }) }.start()
        }
    }

    /// True when `response` holds its head and `Content-Length` bytes of body.
    static func isComplete(_ response: [UInt8]) -> Bool {
        let text = String(decoding: response, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return false }
        return text[end.upperBound...].utf8.count >= length
    }

    /// Closes with RST instead of FIN (SO_LINGER 0).
    static func reset(_ fd: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(fd)
    }

    /// Misbehaves until `stop`: style 0 sends a request one byte every 200 ms; style 1
    /// connects and says nothing; style 2 sends half a request and resets, again and again.
    static func misbehave(port: Int, style: Int, until stop: StopFlag) {
        let request = Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: \(String(repeating: "a", count: 200))\r\n\r\n".utf8)
        while !stop.isRaised {
            guard let fd = try? connect(port: port) else { continue }
            switch style {
            case 0:
                for byte in request where !stop.isRaised {
                    var one = byte
                    if send(fd, &one, 1, Int32(MSG_NOSIGNAL)) != 1 { break }
                    usleep(200_000)
                }
                close(fd)
            case 1:
                while !stop.isRaised { usleep(50_000) }
                close(fd)
            default:
                _ = request.prefix(20).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                reset(fd)
                usleep(10_000)
            }
        }
    }
}

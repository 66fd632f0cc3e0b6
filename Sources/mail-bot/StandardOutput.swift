import Foundation

/// Standard output gathered in one buffer and written with write(2) in large blocks: 5,000
/// `print` calls (each a lock, a String and a flush decision) were a visible share of
/// `parse` on small files.
struct StandardOutput {
    private(set) var bytes: [UInt8] = []
    /// Written out once the buffer holds this much.
    private let threshold = 256 * 1024

    init() {
        bytes.reserveCapacity(threshold + 64 * 1024)
    }

    /// Appends through `body`, then writes out when the buffer is full.
    mutating func append(_ body: (inout [UInt8]) -> Void) {
        body(&bytes)
        if bytes.count >= threshold { flush() }
    }

    /// A line of text.
    mutating func appendLine(_ text: String) {
        append { out in
            out.append(contentsOf: text.utf8)
            out.append(0x0A)
        }
    }

    /// Writes everything buffered to file descriptor 1.
    mutating func flush() {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(1, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // stdout closed (a pipe whose reader left): nothing more to say
                }
                offset += written
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}

import Foundation

/// One response from an IMAP server, as RFC 3501 §7 frames them.
package enum IMAPResponse: Sendable, Equatable {
    /// `* …`: the line's text (literals replaced by `{n}` markers) and the literals in order.
    case untagged(IMAPUntagged)
    /// `TAG OK|NO|BAD text`: the end of a command.
    case tagged(tag: String, status: IMAPStatus, text: String)
    /// `+ text`: the server waits for more (IDLE's "+ idling").
    case continuation(String)
}

/// The status word of a tagged response.
package enum IMAPStatus: String, Sendable, Equatable {
    case ok = "OK", no = "NO", bad = "BAD"
}

/// An untagged response with its literals kept as exact bytes.
package struct IMAPUntagged: Sendable, Equatable {
    /// The response text after `* `, with each literal's place marked `{n}`.
    package var line: [UInt8]
    /// The literals, in order (a discarded literal is empty).
    package var literals: [[UInt8]]
}

/// Turns the byte stream from an IMAP server into responses, literals byte-exact.
///
/// Streaming: feed whatever `recv` returned; complete responses come out, a partial one waits
/// for more bytes (never an error). Literals are copied once, straight into storage reserved at
/// their announced size, so a 5 MB message costs one allocation. A literal larger than
/// `maxLiteral` is read and thrown away rather than kept, so an oversized message never sits in
/// memory whole while the connection stays in step with the server.
///
/// RFC 3501 §4.3: literal = "{" number "}" CRLF *CHAR8 (RFC 7888 adds the "+" of LITERAL+).
package struct IMAPResponseReader {
    /// The largest literal kept; longer ones are discarded and recorded in `discardedLiteral`.
    package var maxLiteral: Int
    /// The largest response line accepted (a defence against a server sending endless text).
    package var maxLine: Int = 64 << 20
    /// The size of the last literal that was discarded for being over `maxLiteral`.
    package private(set) var discardedLiteral: Int?

    private var line: [UInt8] = []
    private var literals: [[UInt8]] = []
    private var literal: [UInt8] = []
    private var literalRemaining = 0
    private var discarding = false

    package init(maxLiteral: Int) {
        self.maxLiteral = maxLiteral
    }

    /// Forgets everything in progress (after a reconnect).
    package mutating func reset() {
        line.removeAll(keepingCapacity: true)
        literals.removeAll()
        literal = []
        literalRemaining = 0
        discarding = false
        discardedLiteral = nil
    }

    /// The size of the literal discarded since the last call, if any.
    package mutating func takeDiscardedLiteral() -> Int? {
        defer { discardedLiteral = nil }
        return discardedLiteral
    }

    /// Consumes `bytes`, calling `emit` for every complete response.
    package mutating func feed(
        _ bytes: UnsafeRawBufferPointer, emit: (IMAPResponse) throws -> Void
    ) throws(IMAPProtocolError) {
        var index = 0
        let count = bytes.count
        while index < count {
            if literalRemaining > 0 {
                let take = min(literalRemaining, count - index)
                if !discarding, let base = bytes.baseAddress {
                    // Typed pointer: one memcpy, not a byte-by-byte loop.
                    literal.append(contentsOf: UnsafeBufferPointer(start: base.advanced(by: index).assumingMemoryBound(to: UInt8.self), count: take))
                }
                index += take
                literalRemaining -= take
                if literalRemaining == 0 {
                    literals.append(discarding ? [] : literal)
                    literal = []
                    discarding = false
                }
                continue
            }
            // Find the end of the line in what we have.
            let rest = UnsafeRawBufferPointer(rebasing: bytes[index..<count])
            guard let newline = Self.newline(in: rest) else {
                line.append(contentsOf: rest)
                guard line.count <= maxLine else { throw IMAPProtocolError("a response line is longer than \(maxLine) bytes") }
                return
            }
            line.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<newline]))
            index += newline + 1
            if line.last == 0x0D { line.removeLast() }
            if let size = Self.trailingLiteralSize(line) {
                // Keep the line going after the literal; mark its place.
                literalRemaining = size
                if size == 0 {
                    literals.append([])
                } else if size > maxLiteral {
                    discarding = true
                    discardedLiteral = size
                } else {
                    literal = []
                    literal.reserveCapacity(size)
                }
                continue
            }
            let complete = line
            line.removeAll(keepingCapacity: true)
            let taken = literals
            literals = []
            do {
                try emit(try Self.frame(complete, literals: taken))
            } catch let error as IMAPProtocolError {
                throw error
            } catch {
                throw IMAPProtocolError("\(error)")
            }
        }
    }

    /// The offset of the first LF, found with memchr.
    private static func newline(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress, bytes.count > 0, let found = memchr(base, 0x0A, bytes.count) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// `{123}` or `{123+}` at the end of a line announces a literal of that many bytes.
    static func trailingLiteralSize(_ line: [UInt8]) -> Int? {
        guard line.last == UInt8(ascii: "}") else { return nil }
        var index = line.count - 2
        if index >= 0, line[index] == UInt8(ascii: "+") { index -= 1 }
        var value = 0
        var multiplier = 1
        var digits = 0
        while index >= 0, line[index] >= 0x30, line[index] <= 0x39 {
            value += Int(line[index] - 0x30) * multiplier
            multiplier *= 10
            digits += 1
            index -= 1
            if digits > 15 { return nil }
        }
        guard digits > 0, index >= 0, line[index] == UInt8(ascii: "{") else { return nil }
        return value
    }

    /// RFC 3501 §7: response = *(continue-req / response-data) response-done.
    static func frame(_ line: [UInt8], literals: [[UInt8]]) throws(IMAPProtocolError) -> IMAPResponse {
        if line.starts(with: [UInt8(ascii: "*"), UInt8(ascii: " ")]) {
            return .untagged(IMAPUntagged(line: Array(line.dropFirst(2)), literals: literals))
        }
        if line.first == UInt8(ascii: "+") {
            return .continuation(String(decoding: line.dropFirst(line.count > 1 ? 2 : 1), as: UTF8.self))
        }
        // tagged: tag SP resp-cond-state
        let text = String(decoding: line, as: UTF8.self)
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let status = IMAPStatus(rawValue: parts[1].uppercased()) else {
            throw IMAPProtocolError("the server sent a line that is not IMAP: \(text.prefix(120))")
        }
        return .tagged(tag: String(parts[0]), status: status, text: parts.count > 2 ? String(parts[2]) : "")
    }
}

/// The server's bytes did not follow the IMAP grammar; the connection is dropped.
package struct IMAPProtocolError: Error, Sendable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An error told by its kind and code only: what logs above debug, `status.json`, `/healthz`
/// and the status page may say about a failure.
///
/// Error descriptions can carry patient data: an SMTP refusal quotes the recipient's address,
/// a failed write names the attachment's file, a parse error may quote a subject. Those texts
/// stay at debug level; everything an operator sees by default is built from this summary,
/// which keeps only fixed words (the kind of failure, a code, the operation and host) that we
/// wrote ourselves.
public struct FailureSummary: Codable, Sendable, Hashable, CustomStringConvertible {
    /// Where the trouble is: `mailbox`, `smtp`, `storage`, `message`, `internal`.
    public var kind: String
    /// What kind of trouble: `connection-refused`, `timeout`, `ENOSPC`, `EACCES`, …
    public var code: String
    /// Our own words for the operation (`SELECT`, `write`, `UID FETCH`), when known; never a path.
    public var operation: String?

    public init(kind: String, code: String, operation: String? = nil) {
        self.kind = kind
        self.code = code
        self.operation = operation
    }

    /// One line, e.g. `mailbox connection-refused (SELECT)`.
    public var description: String {
        "\(kind) \(code)" + (operation.map { " (\($0))" } ?? "")
    }

    /// Classifies any error without ever copying its text.
    public init(_ error: any Error) {
        switch error {
        case let error as TransportError:
            self.init(transport: error)
        case let error as FileStoreError:
            self.init(kind: "storage", code: error.errno.map(Self.errnoName) ?? Self.slug(error.detail ?? "failed"), operation: error.operation)
        case let error as PollService.CycleFailure:
            self = error.summary ?? FailureSummary(kind: "internal", code: "cycle-failed")
        case let error as CredentialError:
            _ = error
            self.init(kind: "credential", code: "unreadable")
        case let error as POSIXError:
            self.init(kind: "storage", code: Self.errnoName(error.code.rawValue))
        case let error as CocoaError:
            let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError)
            if let underlying, underlying.domain == NSPOSIXErrorDomain {
                self.init(kind: "storage", code: Self.errnoName(Int32(underlying.code)))
            } else {
                self.init(kind: "storage", code: "cocoa-\(error.code.rawValue)")
            }
        case is CancellationError:
            self.init(kind: "internal", code: "cancelled")
        default:
            let name = String(describing: type(of: error))
            self.init(kind: "internal", code: Self.slug(name))
        }
    }

    private init(transport error: TransportError) {
        let isSMTP = error.operation.hasPrefix("SMTP")
        let code: String
        switch error.code {
        case .authenticationFailed: code = "authentication-failed"
        case .unknownMailbox: code = "unknown-mailbox"
        case .tlsFailure: code = "tls-failure"
        case .connectionRefused: code = "connection-refused"
        case .timeout: code = "timeout"
        case .serverSaidNo(let text): code = "server-said-no" + Self.replyCode(text).map { "-\($0)" }.orEmpty
        case .messageTooLarge: code = "message-too-large"
        case .rejectedRecipient: code = "rejected-recipient"
        case .other: code = error.curlCode != 0 ? "curl-\(error.curlCode)" : "transport-error"
        }
        // The operation names a command (`UID FETCH 7`, `SMTP send of SMO-…`): keep its first word(s).
        let operation = error.operation.split(separator: " ").prefix(2).joined(separator: " ")
        self.init(kind: isSMTP ? "smtp" : "mailbox", code: code, operation: operation.isEmpty ? nil : operation)
    }

    /// An SMTP/IMAP reply code at the start of a server line ("550 5.1.1 …" → "550"), if any.
    private static func replyCode(_ text: String) -> String? {
        let digits = text.prefix { $0.isNumber }
        return digits.count == 3 ? String(digits) : nil
    }

    /// `ENOSPC`, `EACCES`, … for the errors a case folder meets; `errno-N` for the rest.
    static func errnoName(_ code: Int32) -> String {
        let names: [Int32: String] = [
            EPERM: "EPERM", ENOENT: "ENOENT", EIO: "EIO", EACCES: "EACCES", EEXIST: "EEXIST",
            ENOTDIR: "ENOTDIR", EISDIR: "EISDIR", ENFILE: "ENFILE", EMFILE: "EMFILE", ENOSPC: "ENOSPC",
            EROFS: "EROFS", EDQUOT: "EDQUOT", ESTALE: "ESTALE", ETIMEDOUT: "ETIMEDOUT", ENOTCONN: "ENOTCONN",
            EAGAIN: "EAGAIN", EBUSY: "EBUSY", ENAMETOOLONG: "ENAMETOOLONG", EXDEV: "EXDEV",
        ]
        return names[code] ?? "errno-\(code)"
    }

    /// Lower-case letters, digits and dashes only, at most 40 characters.
    private static func slug(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let collapsed = String(mapped).split(separator: "-").joined(separator: "-")
        return String(collapsed.prefix(40))
    }
}

extension Optional where Wrapped == String {
    fileprivate var orEmpty: String { self ?? "" }
}

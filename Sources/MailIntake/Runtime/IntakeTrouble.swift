#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// The two kinds of failure, told apart: trouble of the environment (disk full, share gone,
/// permission denied, a server unreachable, the journal unwritable) never moves mail: the
/// message stays in the inbox and is tried again when the trouble ends. Anything else is the
/// message's own defect: it goes to the failed folder with the reason.
enum IntakeTrouble {
    /// The `errno` values that say "the place we write to is unwell", not "this message is bad".
    static let environmentErrnos: Set<Int32> = [
        EACCES, EPERM, EROFS, ENOSPC, EDQUOT, EIO, ENOENT, ENOTDIR, ESTALE, ENOTCONN, ETIMEDOUT, EAGAIN, EBUSY, ENFILE,
        EMFILE, ENOMEM, EINTR,
    ]

    /// True when `error` is the environment's trouble (see above).
    static func isEnvironment(_ error: any Error) -> Bool {
        switch error {
        case is TransportError, is CancellationError, is DatabaseError, is CredentialError:
            return true
        case let error as FileStoreError:
            // A lock that cannot be taken is the share's trouble whatever errno says.
            if error.operation.contains("lock") { return true }
            return error.errno.map { environmentErrnos.contains($0) } ?? false
        case let error as POSIXError:
            return environmentErrnos.contains(error.code.rawValue)
        case let error as CocoaError:
            if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                return environmentErrnos.contains(Int32(underlying.code))
            }
            return [.fileWriteOutOfSpace, .fileWriteNoPermission, .fileWriteVolumeReadOnly, .fileReadNoPermission]
                .contains(error.code)
        default:
            return false
        }
    }
}

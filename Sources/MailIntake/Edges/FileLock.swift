#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a lock file, so that two processes (or two tasks: each `acquire`
/// opens its own file description) never take the same case id or write the same case at once.
///
/// The kernel drops the lock when the process dies, so a crash never leaves the store locked.
final class FileLock {
    private let fd: Int32
    let path: String

    /// Blocks until the lock on `path` (created 0600 when missing) is ours.
    init(acquiring path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileStoreError("open lock file", path, errno: errno) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(fd)
            throw FileStoreError("lock", path, errno: code)
        }
        self.fd = fd
        self.path = path
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

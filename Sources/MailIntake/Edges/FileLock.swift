#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a lock file, so that two processes (or two tasks: each lock opens
/// its own file description) never take the same case id or write the same case at once.
///
/// The kernel drops the lock when the process dies, so a crash never leaves the store locked.
final class FileLock {
    private let fd: Int32
    let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// Waits until the lock on `path` (created 0600 when missing) is ours.
    ///
    /// Polls with `LOCK_NB` and sleeps between attempts instead of blocking in `flock`: a
    /// blocked thread of the cooperative pool could be the one the lock's holder needs to
    /// resume after an `await` (sending the reply), and the two would wait for each other.
    static func acquire(_ path: String) async throws -> FileLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileStoreError("open lock file", path, errno: errno) }
        var pause: UInt64 = 1_000_000  // 1 ms, doubling to 50 ms
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw FileStoreError("lock", path, errno: code)
            }
            do {
                try await Task.sleep(nanoseconds: pause)
            } catch {
                close(fd)
                throw error
            }
            pause = min(pause * 2, 50_000_000)
        }
        return FileLock(fd: fd, path: path)
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

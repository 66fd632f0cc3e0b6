#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file-system operation that failed, with the path and the system's own words.
public struct FileStoreError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let path: String
    public let errno: Int32?
    public let detail: String?

    init(_ operation: String, _ path: String, errno: Int32? = nil, detail: String? = nil) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        var s = "\(operation) \(path)"
        if let errno { s += ": " + String(cString: strerror(errno)) }
        if let detail { s += ": " + detail }
        return s
    }
}

/// The few POSIX steps that make writes crash-safe: create exclusively, write everything,
/// `fsync`, rename into place, `fsync` the directory. Foundation's `.atomic` option neither
/// syncs nor sets modes, hence this.
enum AtomicFiles {
    /// The barrier in force for this task, if any: see ``deferringSync(_:_:)``.
    @TaskLocal static var barrier: SyncBarrier?

    /// Runs `body` with the `fsync`s of writes on `barrier`'s file system deferred to
    /// `barrier.flush()`, which the caller must call before anything depends on them being on
    /// disk. A nil barrier (a network file system) changes nothing: every write syncs.
    static func deferringSync<T>(_ barrier: SyncBarrier?, _ body: () async throws -> T) async rethrows -> T {
        try await $barrier.withValue(barrier, operation: body)
    }

    /// Writes `bytes` to a file that must not exist yet, with `mode`, and syncs it.
    static func createNew(_ path: String, bytes: some Collection<UInt8>, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileStoreError("create", path, errno: errno) }
        var ok = false
        defer {
            close(fd)
            if !ok { unlink(path) }
        }
        // The umask may have removed bits the caller asked for.
        guard fchmod(fd, mode) == 0 else { throw FileStoreError("chmod", path, errno: errno) }
        let array = Array(bytes)
        var written = 0
        while written < array.count {
            let n = array.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + written, buffer.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileStoreError("write", path, errno: errno)
            }
            written += n
        }
        if let barrier, barrier.covers(fd: fd) {
            barrier.deferFile(path)
        } else {
            guard fsync(fd) == 0 else { throw FileStoreError("fsync", path, errno: errno) }
        }
        ok = true
    }

    /// Replaces (or creates) `path` atomically: readers see the old file or the new one, never
    /// a mix, and a crash leaves at worst a stray `.tmp-` file beside it.
    static func replace(_ path: String, bytes: some Collection<UInt8>, mode: mode_t) throws {
        let temp = temporaryName(beside: path)
        try createNew(temp, bytes: bytes, mode: mode)
        guard rename(temp, path) == 0 else {
            let code = errno
            unlink(temp)
            throw FileStoreError("rename into", path, errno: code)
        }
        barrier?.deferFile(path)
        syncDirectory(of: path)
    }

    /// Creates `path` atomically unless it exists. Returns false, changing nothing, when a file
    /// of that name is already there (uses `link`, which never overwrites).
    @discardableResult
    static func createOnce(_ path: String, bytes: some Collection<UInt8>, mode: mode_t) throws -> Bool {
        let temp = temporaryName(beside: path)
        try createNew(temp, bytes: bytes, mode: mode)
        defer { unlink(temp) }
        if link(temp, path) != 0 {
            if errno == EEXIST { return false }
            throw FileStoreError("link into", path, errno: errno)
        }
        barrier?.deferFile(path)
        syncDirectory(of: path)
        return true
    }

    /// `mkdir` with exactly `mode` (umask undone); succeeds when the directory already exists.
    static func makeDirectory(_ path: String, mode: mode_t) throws {
        if mkdir(path, mode) != 0 {
            let code = errno
            var st = stat()
            if code == EEXIST, stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { return }
            throw FileStoreError("create folder", path, errno: code)
        }
        guard chmod(path, mode) == 0 else { throw FileStoreError("chmod", path, errno: errno) }
    }

    /// Gives an existing folder we own to `group` with exactly `mode` (for `[cases] group`:
    /// a share created before the setting, or by an administrator, joins the group).
    static func adopt(_ path: String, group: gid_t, mode: mode_t) throws {
        guard chown(path, uid_t.max, group) == 0 else { throw FileStoreError("chgrp", path, errno: errno) }
        guard chmod(path, mode) == 0 else { throw FileStoreError("chmod", path, errno: errno) }
    }

    /// Like ``makeDirectory(_:mode:)``, creating missing parents first (with the same mode).
    static func makeDirectoryWithParents(_ path: String, mode: mode_t) throws {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, !exists(parent) {
            try makeDirectoryWithParents(parent, mode: mode)
        }
        try makeDirectory(path, mode: mode)
    }

    /// Renames a whole folder into place; fails when the target exists (even empty).
    static func moveIntoPlace(_ from: String, to: String) throws {
        if exists(to) { throw FileStoreError("move into place", to, detail: "already exists") }
        guard rename(from, to) == 0 else { throw FileStoreError("move into place", to, errno: errno) }
        syncDirectory(of: to)
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    static func readAll(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileStoreError("read", path, errno: ENOENT)
        }
        return [UInt8](data)
    }

    /// Removes a tree we created ourselves (a temporary folder); errors are ignored.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Makes a rename durable: syncs the directory that holds `path`.
    static func syncDirectory(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        syncFolder(dir.isEmpty ? "." : dir)
    }

    static func syncFolder(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            if let barrier, barrier.covers(fd: fd) {
                barrier.deferFolder(dir)
            } else {
                fsync(fd)
            }
            close(fd)
        }
    }

    /// `fsync` of a folder now, whatever barrier is in force (the barrier's own fallback).
    static func syncFolderNow(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    /// `<dir>/.<name>.tmp-<random>`: hidden, unique, on the same file system as `path`.
    static func temporaryName(beside path: String) -> String {
        let ns = path as NSString
        let dir = ns.deletingLastPathComponent
        return (dir.isEmpty ? "." : dir) + "/." + ns.lastPathComponent + ".tmp-" + randomToken()
    }

    static func randomToken() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }
}

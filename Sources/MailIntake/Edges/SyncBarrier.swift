#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One durability point for many file writes: while a barrier is in force (see
/// ``AtomicFiles/deferringSync(_:_:)``), the crash-safe writes of ``AtomicFiles`` on the
/// barrier's file system skip their `fsync`s (of the file and of its folder), and ``flush()``
/// then makes all of them durable at once with one `syncfs(2)` of that file system.
///
/// Why: a case folder costs about ten `fsync`s written one by one (each file, each folder, the
/// rename), 0.3–0.7 ms each on this machine's disk; a poll cycle writes a whole batch of cases
/// before anything leaves (reply, journal row, IMAP move), so the batch needs one barrier, not
/// ten per case. Renames still happen at once (a crash of the process loses nothing: the page
/// cache survives it); only a power cut before the flush can lose the batch's files, and
/// nothing about them has left the machine by then, so the restarted daemon redoes them.
///
/// Not on a network file system: `syncfs` on CIFS/SMB or NFS does not promise what a per-file
/// `fsync` does (the server's write-back), so there the barrier is not used (``make(for:)``
/// returns nil) and every write syncs as before. When `syncfs` fails, ``flush()`` falls back
/// to syncing each file and folder it deferred, one by one.
public final class SyncBarrier: @unchecked Sendable {
    /// The folder whose file system the barrier covers (kept open for `syncfs`).
    public let root: String
    private let device: dev_t
    private let lock = NSLock()
    /// Unchecked: guarded by `lock`.
    private var files: [String] = []
    private var folders: Set<String> = []

    private init(root: String, device: dev_t) {
        self.root = root
        self.device = device
    }

    /// A barrier for the file system holding `root`, or nil where only per-file `fsync` will
    /// do (a network file system, `syncfs` missing, or `root` unreadable).
    public static func make(for root: String) -> SyncBarrier? {
        guard SyncCalls.syncfs != nil else { return nil }
        var st = stat()
        guard stat(root, &st) == 0 else { return nil }
        if let type = SyncCalls.fileSystemType(root), SyncCalls.networkFileSystems.contains(type) { return nil }
        return SyncBarrier(root: root, device: st.st_dev)
    }

    /// Whether an open file (or folder) lies on the barrier's file system.
    func covers(fd: Int32) -> Bool {
        var st = stat()
        return fstat(fd, &st) == 0 && st.st_dev == device
    }

    /// Whether `path` lies on the barrier's file system.
    func covers(path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_dev == device
    }

    func deferFile(_ path: String) {
        lock.withLock { files.append(path) }
    }

    func deferFolder(_ path: String) {
        lock.withLock { _ = folders.insert(path) }
    }

    /// How many files and folders wait for the next flush.
    public var pendingCount: Int { lock.withLock { files.count + folders.count } }

    /// Makes every write deferred so far durable: one `syncfs` (or, if that fails, an `fsync`
    /// of each deferred file and folder still present). Throws when nothing could be synced.
    public func flush() throws {
        let (files, folders) = lock.withLock { () -> ([String], Set<String>) in
            defer {
                self.files.removeAll()
                self.folders.removeAll()
            }
            return (self.files, self.folders)
        }
        guard !files.isEmpty || !folders.isEmpty else { return }
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            defer { close(fd) }
            if let syncfs = SyncCalls.syncfs, syncfs(fd) == 0 { return }
        }
        // One by one, as without a barrier. A file renamed or removed since is found under its
        // new name by the folder's sync (the rename is in the folder).
        for path in files {
            let file = open(path, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { continue }
            defer { close(file) }
            guard fsync(file) == 0 else { throw FileStoreError("fsync", path, errno: errno) }
        }
        for path in folders { AtomicFiles.syncFolderNow(path) }
    }
}

/// `syncfs(2)` and `statfs(2)`, which Swift's Glibc module does not export, looked up once.
enum SyncCalls {
    typealias SyncFS = @convention(c) (Int32) -> Int32
    typealias StatFS = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32

    static let syncfs: SyncFS? = symbol("syncfs").map { unsafeBitCast($0, to: SyncFS.self) }
    static let statfs: StatFS? = symbol("statfs").map { unsafeBitCast($0, to: StatFS.self) }

    /// `f_type` values (linux/magic.h) of network file systems: NFS, CIFS, SMB, SMB2.
    static let networkFileSystems: Set<Int> = [0x6969, 0xFF53_4D42, 0x517B, 0xFE53_4D42]

    /// `statfs(path).f_type` (the first field of `struct statfs` on 64-bit Linux).
    static func fileSystemType(_ path: String) -> Int? {
        guard let statfs else { return nil }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 16)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: 512)
        guard statfs(path, buffer) == 0 else { return nil }
        return buffer.load(as: Int.self)
    }

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        #if os(Linux)
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        return dlsym(handle, name)
        #else
        return nil
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Checks that the cases folder can take a case: a small file is created, written, synced and
/// removed there (permissions, a read-only or vanished mount and a full disk all show up), and
/// statvfs(3) tells the space left. `/healthz` reads the last result; it never touches the
/// disk itself, so a hung file share cannot stall the monitoring server.
public struct StorageProbe: Sendable {
    /// What one probe found.
    public struct Result: Sendable, Equatable {
        public var checkedAt: Date
        /// nil when a file could be written and removed; otherwise why not (kind `storage`).
        public var writeFailure: FailureSummary?
        /// Bytes available to this process on the folder's file system (nil when unknown).
        public var freeBytes: Int64?

        public init(checkedAt: Date, writeFailure: FailureSummary?, freeBytes: Int64?) {
            self.checkedAt = checkedAt
            self.writeFailure = writeFailure
            self.freeBytes = freeBytes
        }
    }

    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Probes on the calling thread (blocking IO: call it from a thread of its own).
    public func probeBlocking(now: Date = Date()) -> Result {
        var stats = statvfs()
        let free: Int64? = statvfs(folder, &stats) == 0 ? Int64(stats.f_bavail) * Int64(stats.f_frsize) : nil
        let path = folder + "/.mail-bot-probe-\(getpid())"
        var failure: FailureSummary?
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if fd < 0 {
            failure = FailureSummary(kind: "storage", code: FailureSummary.errnoName(errno), operation: "probe create")
        } else {
            var byte: UInt8 = 0x0A
            if write(fd, &byte, 1) != 1 {
                failure = FailureSummary(kind: "storage", code: FailureSummary.errnoName(errno), operation: "probe write")
            } else if fsync(fd) != 0 {
                failure = FailureSummary(kind: "storage", code: FailureSummary.errnoName(errno), operation: "probe fsync")
            }
            close(fd)
            unlink(path)
        }
        return Result(checkedAt: now, writeFailure: failure, freeBytes: free)
    }

    /// Probes on a dedicated thread and gives up waiting after `timeout`: a share that hangs
    /// answers `probe-timeout` instead of hanging the caller. While an earlier probe is still
    /// stuck, no second thread is started.
    public func probe(timeout: Duration, now: Date = Date()) async -> Result {
        let gate = ProbeGate()
        guard gate.claim(folder) else {
            return Result(checkedAt: now, writeFailure: FailureSummary(kind: "storage", code: "probe-timeout"), freeBytes: nil)
        }
        let folder = self.folder
        return await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
            let once = OnceResume(continuation)
            let thread = Thread {
                let result = StorageProbe(folder: folder).probeBlocking(now: now)
                gate.release(folder)
                once.resume(result)
            }
            thread.name = "mail-intake.storage-probe"
            thread.start()
            let (seconds, attoseconds) = timeout.components
            let delay = Double(seconds) + Double(attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) {
                once.resume(Result(checkedAt: now, writeFailure: FailureSummary(kind: "storage", code: "probe-timeout"), freeBytes: nil))
            }
        }
    }
}

/// Folders with a probe still running (a hung share keeps its thread; one is enough).
private final class ProbeGate: @unchecked Sendable {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var busy: Set<String> = []

    func claim(_ folder: String) -> Bool {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        return Self.busy.insert(folder).inserted
    }

    func release(_ folder: String) {
        Self.lock.lock()
        Self.busy.remove(folder)
        Self.lock.unlock()
    }
}

/// Resumes a continuation once, whoever comes first (the probe or the time limit).
private final class OnceResume<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?

    init(_ continuation: CheckedContinuation<T, Never>) {
        self.continuation = continuation
    }

    func resume(_ value: T) {
        lock.lock()
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(returning: value)
    }
}

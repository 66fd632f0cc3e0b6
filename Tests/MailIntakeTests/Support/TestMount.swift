import Foundation

/// Real file-system faults for the storage tests: a small tmpfs that can be filled up, and a
/// read-only bind mount, made with mount(8) inside the test and undone by `unmount()`.
///
/// Mounting needs root. CI runs as root (`.ci/run`), so under CI these tests always run and a
/// failing mount is a failure; elsewhere they run only as root and skip otherwise.
struct TestMount {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Whether the storage fault suites run: always under CI, elsewhere only as root.
    static var isPossible: Bool { TestEnvironment.isCI || getuid() == 0 }

    /// Where it is mounted.
    let path: String

    /// Mounts a tmpfs of `bytes` at `path` (created when missing).
    static func tmpfs(at path: String, bytes: Int) throws -> TestMount {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try run(["-t", "tmpfs", "-o", "size=\(bytes),mode=0700", "tmpfs", path])
        return TestMount(path: path)
    }

    /// Bind-mounts `path` over itself and makes the mount read-only: writes fail with EROFS.
    static func readOnlyBind(_ path: String) throws -> TestMount {
        try run(["--bind", path, path])
        let mount = TestMount(path: path)
        do {
            try mount.remount(readOnly: true)
        } catch {
            mount.unmount()
            throw error
        }
        return mount
    }

    /// Switches a bind mount between read-only and read-write.
    func remount(readOnly: Bool) throws {
        try Self.run(["-o", "remount,bind,\(readOnly ? "ro" : "rw")", path])
    }

    /// Unmounts (lazily, so a process still inside cannot keep it); errors are ignored.
    func unmount() {
        _ = try? Self.run(["-l", path], tool: "/bin/umount")
    }

    /// Fills the file system at `path` with a file `filler` until a write fails with ENOSPC;
    /// returns the filler's path (remove it to repair).
    func fill() throws -> String {
        let filler = path + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot create \(filler): errno \(errno)") }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0x5A, count: 64 * 1024)
        var lastError: Int32 = 0
        for size in [chunk.count, 4096, 1] {
            while true {
                let written = write(fd, &chunk, size)
                if written <= 0 {
                    lastError = errno
                    break
                }
            }
        }
        guard lastError == ENOSPC else { throw Failure(description: "filling \(path) stopped with errno \(lastError), not ENOSPC") }
        fsync(fd)
        return filler
    }

    private static func run(_ arguments: [String], tool: String = "/bin/mount") throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: tool) ? tool : "/usr" + tool)
        process.arguments = arguments
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "\((tool as NSString).lastPathComponent) \(arguments.joined(separator: " ")) failed "
                    + "(status \(process.terminationStatus)): \(message) (mounting needs root; CI runs as root)")
        }
    }
}

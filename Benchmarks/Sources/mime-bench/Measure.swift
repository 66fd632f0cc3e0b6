import Foundation

/// Timing and memory helpers shared by the benchmark commands.
enum Measure {
    /// Monotonic seconds.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU seconds used by the whole process (user and system), which other processes on a
    /// busy machine do not inflate the way they inflate wall-clock time.
    static func cpuNow() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The fastest of several runs, by wall clock and by CPU time.
    struct Timing {
        var wall = Double.infinity
        var cpu = Double.infinity
    }

    /// Runs `body` `runs` times and returns the fastest run (the least disturbed by other
    /// work on a shared machine), in wall-clock and in CPU seconds.
    static func best(runs: Int, _ body: () -> Void) -> Timing {
        var timing = Timing()
        for _ in 0..<max(1, runs) {
            let start = now()
            let cpuStart = cpuNow()
            body()
            timing.cpu = min(timing.cpu, cpuNow() - cpuStart)
            timing.wall = min(timing.wall, now() - start)
        }
        return timing
    }

    /// The process's peak resident set (VmHWM) in kilobytes, from /proc.
    static func peakResidentKB() -> Int { statusKB("VmHWM:") }

    /// Resets VmHWM to the current resident set (Linux: "5" into clear_refs), so that the
    /// peak after loading the corpus measures the job, not the loading.
    static func resetPeak() {
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
    }

    /// The process's resident set now (VmRSS) in kilobytes: after loading, the baseline.
    static func currentResidentKB() -> Int { statusKB("VmRSS:") }

    private static func statusKB(_ key: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(key) {
            return Int(line.filter(\.isNumber)) ?? 0
        }
        return 0
    }

    /// Every `.eml` file under `directory`, sorted by name, read into memory.
    static func loadMessages(in directory: String) throws -> [[UInt8]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".eml") }
            .sorted()
        return try names.map { name in try readFile(directory + "/" + name) }
    }

    /// Reads a file straight into an array (no intermediate `Data`, which would leave
    /// freed buffers in the resident set and inflate the baseline).
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n <= 0 {
                    failed = n < 0
                    break
                }
                done += n
            }
            count = done
        }
        if failed { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        return bytes
    }
}

/// A small, fast, seeded generator (SplitMix64), so corpora are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { raw in
            var i = 0
            while i + 8 <= count {
                raw.storeBytes(of: next(), toByteOffset: i, as: UInt64.self)
                i += 8
            }
            while i < count {
                raw[i] = UInt8(truncatingIfNeeded: next())
                i += 1
            }
        }
        return out
    }
}

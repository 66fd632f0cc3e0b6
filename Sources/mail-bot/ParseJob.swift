import Foundation
import MIMEParser

/// The work of `mail-bot parse`: read each file, parse it, print its summary, in order.
///
/// Built for long file lists (an export of thousands of messages): files are read with one
/// open/fstat/read each, output goes out in large blocks, and the list itself can bypass
/// ArgumentParser, whose handling of a long positional array is quadratic (about a quarter of
/// the command's time on 5,000 small files).
struct ParseJob {
    var files: [String]
    var json: Bool

    /// The job for a plain `parse` invocation (file names, `--json` anywhere, `--` ending the
    /// options), or nil for anything else (help, unknown flags, no files), which is left to
    /// ArgumentParser so that its messages and exit codes stay as they are.
    static func plainArguments(_ arguments: ArraySlice<String>) -> ParseJob? {
        var files: [String] = []
        files.reserveCapacity(arguments.count)
        var json = false
        var optionsEnded = false
        for argument in arguments {
            if optionsEnded {
                files.append(argument)
            } else if argument == "--json" {
                json = true
            } else if argument == "--" {
                optionsEnded = true
            } else if argument.utf8.first == UInt8(ascii: "-") {
                return nil
            } else {
                files.append(argument)
            }
        }
        return files.isEmpty ? nil : ParseJob(files: files, json: json)
    }

    func run() throws {
        var output = StandardOutput()
        var unreadable: [String] = []
        for path in files {
            guard let bytes = Self.read(path) else {
                unreadable.append("'\(path)' (\(Self.reason(path: path)))")
                continue
            }
            let summary = MessageSummary(MIMEMessage(parsing: bytes))
            if json {
                output.append { summary.appendJSONLine(to: &$0) }
            } else {
                output.appendLine(summary.humanText(file: path))
            }
        }
        output.flush()
        if !unreadable.isEmpty {
            throw CommandFailure.usage("cannot read \(unreadable.joined(separator: ", "))")
        }
    }

    /// The whole file, or nil when it cannot be read (the reason is found afterwards): one
    /// read for a regular file (sized by fstat, one byte spare to see the end without a
    /// second call), a loop for anything else (a pipe, a file still growing).
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        var bytes: [UInt8] = []
        var chunkSize = max(Int(info.st_size) + 1, 4096)
        while true {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
                count = 0
                while count < buffer.count {
                    let n = Foundation.read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { failed = true }
                    if n <= 0 { break }
                    count += n
                }
            }
            if failed { return nil }
            let ended = chunk.count < chunkSize
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if ended { return bytes }
            chunkSize = max(chunkSize, 64 * 1024)
        }
    }

    /// Why a file could not be read, in a few words.
    private static func reason(path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return "not a regular file"
    }
}

import Foundation

/// A Python 3 with `icalendar` installed (scripts/setup puts one in a virtual environment),
/// for reading what we write with parsers we did not write.
enum PythonTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `$MAIL_INTAKE_PYTHON`, else scripts/setup's virtual environment; nil when neither has
    /// `icalendar` (the tests then skip, except under CI, where they fail).
    static let interpreter: String? = {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["MAIL_INTAKE_PYTHON"], "/var/cache/mail-intake/python/bin/python3"].compactMap { $0 }
        return candidates.first { path in
            FileManager.default.isExecutableFile(atPath: path) && (try? run(path, script: "import icalendar", arguments: [])) != nil
        }
    }()

    /// True when the suites that need it should run: always under CI, else when it is there.
    static var shouldRun: Bool { interpreter != nil || TestEnvironment.isCI }

    /// Runs `script` with `arguments` (as `sys.argv[1:]`) and returns what it printed.
    static func run(script: String, arguments: [String]) throws -> String {
        guard let interpreter else {
            throw Failure(description: "no Python with icalendar: run scripts/setup (or set MAIL_INTAKE_PYTHON)")
        }
        return try run(interpreter, script: script, arguments: arguments)
    }

    private static func run(_ interpreter: String, script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = ["-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python exited \(process.terminationStatus): " + String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

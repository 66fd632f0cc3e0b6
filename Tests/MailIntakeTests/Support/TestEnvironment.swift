import Foundation

/// Facts about where the tests run.
enum TestEnvironment {
    /// True when `CI` is set (to anything but an empty string): integration suites must then run
    /// against real servers, and a missing server is a failure rather than a skip.
    static var isCI: Bool {
        guard let value = ProcessInfo.processInfo.environment["CI"] else { return false }
        return !value.isEmpty
    }
}

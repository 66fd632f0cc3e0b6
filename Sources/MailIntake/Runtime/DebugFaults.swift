#if DEBUG
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Faults the end-to-end tests inject into a debug build of `mail-bot`, to prove what the
/// daemon does about a message that hangs or crashes the intake (there is no natural one:
/// the intake is written never to do either). Compiled into debug builds only; a release build
/// has no such code and ignores the variable.
///
/// `MAILBOT_DEBUG_FAULT=hang:MARKER` blocks the intake of any message whose bytes contain
/// MARKER (the message watchdog then exits 75); `crash:MARKER` aborts the process.
enum DebugFaults {
    private static let rule: (hang: Bool, marker: [UInt8])? = {
        guard let value = ProcessInfo.processInfo.environment["MAILBOT_DEBUG_FAULT"],
            let colon = value.firstIndex(of: ":")
        else { return nil }
        let action = value[..<colon]
        let marker = Array(value[value.index(after: colon)...].utf8)
        guard !marker.isEmpty, action == "hang" || action == "crash" else { return nil }
        return (action == "hang", marker)
    }()

    /// Called with a message's bytes just before its intake starts.
    static func intakeWillStart(_ raw: [UInt8]) {
        guard let rule, ByteSearch.contains(rule.marker, in: raw) else { return }
        if rule.hang {
            while true { sleep(3600) }
        }
        abort()
    }
}
#endif

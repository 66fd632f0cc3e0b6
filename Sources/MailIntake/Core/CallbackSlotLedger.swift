import Foundation

/// The callback windows promised so far, across cases: what lets the scheduler offer a window
/// to no more requesters than there are administrators to call them.
///
/// A case's entries are replaced whenever its callback is written: the windows it was offered
/// (while it has not chosen) or the one it booked. Windows that have ended no longer count.
/// The real one lives in the journal database (`JournalSlotLedger`); tests use
/// ``InMemorySlotLedger``.
public protocol CallbackSlotLedger: Sendable {
    /// Promised windows starting at or after `from`, counted by start, leaving out `caseId`'s own.
    func load(from: Date, excludingCase caseId: String) -> CallbackScheduler.SlotLoad
    /// Records what `caseId` now holds: its booked window, or else its offered ones.
    func record(caseId: String, callback: IntakeCase.Callback) throws
}

extension CallbackSlotLedger {
    /// The windows a callback holds: the booked one, or every offered one while none is chosen.
    public static func held(by callback: IntakeCase.Callback) -> [IntakeCase.Callback.Slot] {
        callback.booked.map { [$0] } ?? callback.slots
    }
}

/// A ledger in memory, for tests and for `process` runs without a journal.
public final class InMemorySlotLedger: CallbackSlotLedger, @unchecked Sendable {
    private let lock = NSLock()
    private var held: [String: [IntakeCase.Callback.Slot]] = [:]

    public init() {}

    public func load(from: Date, excludingCase caseId: String) -> CallbackScheduler.SlotLoad {
        lock.lock()
        defer { lock.unlock() }
        var out: CallbackScheduler.SlotLoad = [:]
        for (id, slots) in held where id != caseId {
            for s in slots where s.end > from { out[s.start, default: 0] += 1 }
        }
        return out
    }

    public func record(caseId: String, callback: IntakeCase.Callback) throws {
        lock.lock()
        defer { lock.unlock() }
        held[caseId] = InMemorySlotLedger.held(by: callback)
    }
}

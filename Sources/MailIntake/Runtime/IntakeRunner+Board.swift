import Foundation
import Logging

extension IntakeRunner {
    /// Brings `cases.csv` up to date at the end of a poll cycle that wrote cases: with a large
    /// archive it is rewritten at most every few seconds during the cycle (see
    /// CaseBoardWriter), so the last cases of a burst would otherwise wait for the next mail.
    /// Holds the store's lock, like every other write to the share. Never throws: the pages
    /// are a view, and the next case written rebuilds them.
    public func flushBoard(now: Date) async {
        do {
            try await store.withExclusiveAccess { _ in try store.flushBoard(now: now) }
        } catch {
            logger.warning("board not flushed", metadata: ["error": "\(FailureSummary(error))"])
        }
    }
}

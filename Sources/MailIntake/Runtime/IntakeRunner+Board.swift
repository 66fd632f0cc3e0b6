import Foundation
import Logging

extension IntakeRunner {
    /// Publishes the board, the archive pages, the calendar and the spreadsheet at the end of
    /// a poll cycle when anything changed since the last publication (or it is getting old:
    /// see ``CaseFolderStore/publishBoardIfNeeded(now:wallClock:maxAge:)``); cheap otherwise,
    /// so it is called after every cycle. Holds the store's lock, like every other write to
    /// the share. Never throws: the pages are a view, and the next cycle publishes them again.
    public func flushBoard(now: Date) async {
        do {
            try await store.withExclusiveAccess { _ in try store.flushBoard(now: now) }
        } catch {
            logger.warning("board not flushed", metadata: ["error": "\(FailureSummary(error))"])
        }
    }
}

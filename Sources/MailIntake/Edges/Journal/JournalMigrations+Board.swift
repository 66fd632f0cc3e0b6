import GRDB

extension JournalMigrations {
    /// The board's row store (`case_rows`, `board_archive`, `board_state`): see CaseRowStore.
    static let board: [JournalMigration] = [
        JournalMigration("board-v1", migrate: CaseRowStore.createSchema),
        JournalMigration("board-v2", migrate: CaseRowStore.addWishAndNotes),
    ]
}

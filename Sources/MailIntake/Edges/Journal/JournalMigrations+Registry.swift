import GRDB

extension JournalMigrations {
    /// The case registry (`registry_*`): see CaseRegistryTable.
    static let registry: [JournalMigration] = [
        JournalMigration(CaseRegistryTable.migrationIdentifier, migrate: CaseRegistryTable.createSchema)
    ]
}

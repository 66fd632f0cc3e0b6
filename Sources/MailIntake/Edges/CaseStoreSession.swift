import Foundation
import GRDB

/// The store while its lock is held: the registry of message keys, acknowledgements and
/// sequence numbers (``CaseRegistryTable``, in the row store's database), looked up by
/// primary key, with this session's changes kept aside until ``save()`` commits them in one
/// transaction.
///
/// Only ``CaseFolderStore/withExclusiveAccess(_:)`` makes one; it must not escape that call.
public final class CaseStoreSession {
    public let store: CaseFolderStore
    /// What this session added and has not saved yet (read before the database).
    private var pending = CaseRegistry()

    init(store: CaseFolderStore) throws {
        self.store = store
        try CaseRegistryImport.importIfNeeded(into: store)
    }

    private var database: any DatabaseWriter { store.rows.database }

    /// The keys a raw message is known by (Message-ID and sha256 of the bytes).
    public static func messageKeys(messageId: String?, sha256: String) -> [String] {
        CaseRegistry.keys(messageId: messageId, sha256: sha256)
    }

    /// The case already made from a message with one of `keys`, if any.
    public func caseId(forMessageKeys keys: [String]) -> String? {
        if let id = pending.caseId(forKeys: keys) { return id }
        return try? database.read { db in
            for key in keys {
                if let id = try CaseRegistryTable.caseId(forKey: key, in: db) { return id }
            }
            return nil
        }
    }

    /// The case one of our own messages (by its Message-ID) belongs to.
    public func caseId(forAcknowledgement messageId: String) -> String? {
        if let id = pending.acknowledgements[messageId] { return id }
        return try? database.read { db in try CaseRegistryTable.caseId(forAcknowledgement: messageId, in: db) }
    }

    /// The case whose original request had this Message-ID (a requester replying to their own
    /// first mail, or copying it).
    public func caseId(forRequestMessageId messageId: String) -> String? {
        caseId(forMessageKeys: ["mid:" + messageId])
    }

    /// Takes the next free id for `year`; never the same twice, even across processes (the
    /// lock is held) or after a lost commit: an id whose folder exists is passed over.
    public func allocateCaseId(year: Int) -> String {
        let recorded = pending.sequences[String(year)]
            ?? ((try? database.read { db in try CaseRegistryTable.lastSequence(year: year, in: db) }) ?? 0)
        var next = recorded + 1
        while AtomicFiles.exists(store.folder(of: CaseRegistry.caseId(year: year, sequence: next))) { next += 1 }
        pending.sequences[String(year)] = next
        return CaseRegistry.caseId(year: year, sequence: next)
    }

    /// Remembers that a message with these keys is case `caseId`.
    public func record(messageKeys: [String], caseId: String) {
        for key in messageKeys where pending.messages[key] == nil {
            // A key already recorded keeps its first case: nothing to write.
            let recorded = try? database.read { db in try CaseRegistryTable.caseId(forKey: key, in: db) }
            if recorded != nil { continue }
            pending.messages[key] = caseId
        }
    }

    /// Remembers that our message `messageId` belongs to `caseId` (for joining replies).
    public func recordAcknowledgement(_ messageId: String, caseId: String) {
        guard self.caseId(forAcknowledgement: messageId) != caseId else { return }
        pending.acknowledgements[messageId] = caseId
    }

    /// Commits this session's changes now, durably, in one transaction; the runner calls it
    /// before writing a case, so a crash in between reuses the same id instead of making a
    /// second case. Nothing to do (no write) when nothing changed.
    public func save() throws {
        guard !pending.messages.isEmpty || !pending.acknowledgements.isEmpty || !pending.sequences.isEmpty else { return }
        let changes = pending
        try CaseRegistryTable.durableWrite(database) { db in try CaseRegistryTable.apply(changes, in: db) }
        pending = CaseRegistry()
    }
}

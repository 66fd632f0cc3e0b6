import Foundation

/// The store while its lock is held: the registry of message keys, acknowledgements and
/// sequence numbers, read once and saved atomically when changed.
///
/// Only ``CaseFolderStore/withExclusiveAccess(_:)`` makes one; it must not escape that call.
public final class CaseStoreSession {
    public let store: CaseFolderStore
    private var registry: CaseRegistry
    private var changed = false

    var registryPath: String { store.stateFolder + "/index.json" }

    init(store: CaseFolderStore) throws {
        self.store = store
        let path = store.stateFolder + "/index.json"
        if AtomicFiles.exists(path) {
            let bytes = try AtomicFiles.readAll(path)
            do {
                registry = try JSONDecoder().decode(CaseRegistry.self, from: Data(bytes))
            } catch {
                // A damaged registry must not stop intake: ids continue after the folders
                // present, and the damaged file is kept beside for a person to look at.
                _ = try? AtomicFiles.createOnce(path + ".damaged-" + AtomicFiles.randomToken(), bytes: bytes, mode: 0o600)
                registry = CaseStoreSession.rebuild(from: store)
                changed = true
            }
        } else {
            registry = CaseStoreSession.rebuild(from: store)
            changed = !registry.messages.isEmpty
        }
    }

    /// The registry as the case folders tell it, for when `index.json` is missing or damaged:
    /// each case's Message-ID and the digest of its `original.eml` and `messages/*.eml`, its
    /// follow-ups' Message-IDs, and our replies' Message-IDs. The case folders are the truth;
    /// the registry only makes lookups fast.
    static func rebuild(from store: CaseFolderStore) -> CaseRegistry {
        var registry = CaseRegistry()
        for id in store.caseIds() {
            guard let c = try? store.readCase(id) else { continue }
            var raws = [store.folder(of: id) + "/original.eml"]
            raws += store.fileNames(of: id, in: "messages").sorted().map { store.folder(of: id) + "/messages/" + $0 }
            for path in raws {
                guard let bytes = try? AtomicFiles.readAll(path) else { continue }
                registry.record(keys: ["sha256:" + Digest.sha256Hex(bytes)], caseId: id)
            }
            let ids = [c.messageId] + (c.followUps ?? []).map(\.messageId)
            for messageId in ids.compactMap({ $0 }) {
                registry.record(keys: CaseRegistry.keys(messageId: messageId, sha256: "").filter { $0.hasPrefix("mid:") }, caseId: id)
            }
            // Our own reply ids name their case (`<SMO-….ack-n@…>`); the latest is kept too.
            if let ack = c.reply.messageId { registry.acknowledgements[ack] = id }
        }
        return registry
    }

    /// The keys a raw message is known by (Message-ID and sha256 of the bytes).
    public static func messageKeys(messageId: String?, sha256: String) -> [String] {
        CaseRegistry.keys(messageId: messageId, sha256: sha256)
    }

    /// The case already made from a message with one of `keys`, if any.
    public func caseId(forMessageKeys keys: [String]) -> String? {
        registry.caseId(forKeys: keys)
    }

    /// The case one of our own messages (by its Message-ID) belongs to.
    public func caseId(forAcknowledgement messageId: String) -> String? {
        registry.acknowledgements[messageId]
    }

    /// The case whose original request had this Message-ID (a requester replying to their own
    /// first mail, or copying it).
    public func caseId(forRequestMessageId messageId: String) -> String? {
        registry.messages["mid:" + messageId]
    }

    /// Takes the next free id for `year`; never the same twice, even across processes.
    public func allocateCaseId(year: Int) -> String {
        changed = true
        return registry.allocate(year: year, existingIds: store.caseIds())
    }

    /// Remembers that a message with these keys is case `caseId`.
    public func record(messageKeys: [String], caseId: String) {
        let before = registry
        registry.record(keys: messageKeys, caseId: caseId)
        if registry != before { changed = true }
    }

    /// Remembers that our message `messageId` belongs to `caseId` (for joining replies).
    public func recordAcknowledgement(_ messageId: String, caseId: String) {
        guard registry.acknowledgements[messageId] != caseId else { return }
        registry.acknowledgements[messageId] = caseId
        changed = true
    }

    /// Writes the registry now (atomically) when it changed; the runner calls it before writing
    /// a case, so a crash in between reuses the same id instead of making a second case.
    public func save() throws {
        guard changed else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFiles.replace(registryPath, bytes: [UInt8](try encoder.encode(registry)), mode: store.fileMode)
        changed = false
    }
}

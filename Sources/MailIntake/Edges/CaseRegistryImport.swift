#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// Fills the registry tables once, the first time a store's database is used under the lock:
/// from `CASES/.mail-bot/index.json` when an earlier version left one (then renamed
/// `index.json.imported`, kept for a person or a downgrade), else from the case folders
/// themselves (a share whose registry was lost or damaged, or a database started afresh).
/// `registry_state.imported` records it, so the check costs one primary-key read afterwards.
enum CaseRegistryImport {
    /// Where the registry came from.
    enum Source: String, Equatable {
        /// The JSON file of earlier versions.
        case indexFile = "index.json"
        /// Rebuilt from the case folders (none, or a missing or damaged `index.json`).
        case folders
    }

    /// Imports unless done before; returns what was imported, nil when nothing was to do.
    @discardableResult
    static func importIfNeeded(into store: CaseFolderStore) throws -> Source? {
        let database = store.rows.database
        if try database.read({ db in try CaseRegistryTable.state("imported", in: db) }) != nil { return nil }
        let path = store.stateFolder + "/index.json"
        var registry: CaseRegistry
        var source = Source.folders
        if AtomicFiles.exists(path) {
            let bytes = try AtomicFiles.readAll(path)
            if let decoded = try? JSONDecoder().decode(CaseRegistry.self, from: Data(bytes)) {
                registry = decoded
                source = .indexFile
            } else {
                // A damaged registry must not stop intake: the folders tell it again, and the
                // damaged file is kept beside for a person to look at.
                _ = try? AtomicFiles.createOnce(path + ".damaged-" + AtomicFiles.randomToken(), bytes: bytes, mode: store.fileMode)
                unlink(path)
                registry = rebuild(from: store)
            }
        } else {
            registry = rebuild(from: store)
        }
        try CaseRegistryTable.durableWrite(database) { db in
            try CaseRegistryTable.apply(registry, in: db)
            try CaseRegistryTable.setState("imported", source.rawValue, in: db)
        }
        if source == .indexFile {
            // Never imported twice: a later, fresh database rebuilds from the folders instead
            // of trusting a file that stopped being written here.
            rename(path, path + ".imported")
        }
        return source
    }

    /// The registry as the case folders tell it: each case's Message-ID and the digest of its
    /// `original.eml` and `messages/*.eml`, its follow-ups' Message-IDs, our latest reply's
    /// Message-ID, and the highest sequence number per year. Reads every case: done once.
    static func rebuild(from store: CaseFolderStore) -> CaseRegistry {
        var registry = CaseRegistry()
        for id in store.caseIds() {
            let parts = id.split(separator: "-")
            if parts.count == 3, let sequence = Int(parts[2]) {
                registry.sequences[String(parts[1])] = max(registry.sequences[String(parts[1])] ?? 0, sequence)
            }
            guard let c = try? store.readCase(id) else { continue }
            var raws = [store.folder(of: id) + "/original.eml"]
            raws += store.fileNames(of: id, in: "messages").sorted().filter { !$0.hasSuffix("-reply.eml") }
                .map { store.folder(of: id) + "/messages/" + $0 }
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
}

extension CaseRegistryTable {
    /// A transaction whose commit is on disk when it returns (`synchronous = FULL` for it,
    /// whatever the connection's setting): the registry's promise "this message is case X"
    /// must survive a power cut once the case folder it names is written. In the journal
    /// (already FULL) it is an ordinary write.
    static func durableWrite(_ database: any DatabaseWriter, _ body: (Database) throws -> Void) throws {
        try database.writeWithoutTransaction { db in
            let previous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
            if previous < 2 { try db.execute(sql: "PRAGMA synchronous = FULL") }
            defer { if previous < 2 { try? db.execute(sql: "PRAGMA synchronous = " + String(previous)) } }
            try db.inTransaction {
                try body(db)
                return .commit
            }
        }
    }
}

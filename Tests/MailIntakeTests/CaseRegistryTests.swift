import Foundation
import GRDB
import Testing
@testable import MailIntake

@Suite struct CaseRegistryTests {
    @Test func idsAreSixDigitSequencesPerYear() {
        var r = CaseRegistry()
        #expect(r.allocate(year: 2026, existingIds: []) == "SMO-2026-000001")
        #expect(r.allocate(year: 2026, existingIds: []) == "SMO-2026-000002")
        #expect(r.allocate(year: 2027, existingIds: []) == "SMO-2027-000001")
    }

    @Test func aLostRegistryContinuesAfterTheFoldersPresent() {
        var r = CaseRegistry()
        #expect(r.allocate(year: 2026, existingIds: ["SMO-2026-000041", "SMO-2025-000900"]) == "SMO-2026-000042")
    }

    @Test func messagesAreKnownByMessageIdOrDigest() {
        var r = CaseRegistry()
        r.record(keys: CaseRegistry.keys(messageId: "<a@x>", sha256: "00ff"), caseId: "SMO-2026-000001")
        #expect(r.caseId(forKeys: CaseRegistry.keys(messageId: "<a@x>", sha256: "1111")) == "SMO-2026-000001")
        #expect(r.caseId(forKeys: CaseRegistry.keys(messageId: nil, sha256: "00ff")) == "SMO-2026-000001")
        #expect(r.caseId(forKeys: CaseRegistry.keys(messageId: "<b@x>", sha256: "2222")) == nil)
    }

    @Test func caseIdShape() {
        #expect(CaseRegistry.isCaseId("SMO-2026-000123"))
        #expect(!CaseRegistry.isCaseId(".mail-bot"))
        #expect(!CaseRegistry.isCaseId("SMO-2026-12"))
        #expect(!CaseRegistry.isCaseId("SMO-20x6-000123"))
    }

    @Test func concurrentAllocationsNeverShareAnId() async throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let root = scratch.path
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    // Each task opens the store itself, as separate processes would.
                    let store = try CaseFolderStore(root: root)
                    return try await store.withExclusiveAccess { session in session.allocateCaseId(year: 2026) }
                }
            }
            var all: [String] = []
            for try await id in group { all.append(id) }
            return all
        }
        #expect(Set(ids).count == 16)
        #expect(Set(ids) == Set((1...16).map { CaseRegistry.caseId(year: 2026, sequence: $0) }))
    }

    @Test func theRegistrySurvivesAcrossSessions() async throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        let keys = CaseStoreSession.messageKeys(messageId: "<m@x>", sha256: "abc")
        let id = try await store.withExclusiveAccess { s in
            let id = s.allocateCaseId(year: 2026)
            s.record(messageKeys: keys, caseId: id)
            s.recordAcknowledgement("<ack@clinic>", caseId: id)
            return id
        }
        let again = try await store.withExclusiveAccess { s in
            (s.caseId(forMessageKeys: keys), s.caseId(forAcknowledgement: "<ack@clinic>"), s.caseId(forRequestMessageId: "<m@x>"))
        }
        #expect(again.0 == id && again.1 == id && again.2 == id)
        // In the store's database, not in a JSON file rewritten per message.
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/.mail-bot/index.json"))
        #expect(try await store.rows.database.read { db in try CaseRegistryTable.messageCount(in: db) } == 2)
        #expect(ScratchFolder(path: scratch.path).mode(of: ".mail-bot/board.sqlite") == 0o600)
    }

    @Test func aDamagedRegistryIsSetAsideNotFatal() async throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        try store.create(.init(intakeCase: SampleCase.make(id: "SMO-2026-000007"), original: [], files: [], reply: nil))
        try Array("{not json".utf8).write(to: scratch.path + "/.mail-bot/index.json")
        let id = try await store.withExclusiveAccess { $0.allocateCaseId(year: 2026) }
        #expect(id == "SMO-2026-000008")
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/.mail-bot")
        #expect(names.contains { $0.hasPrefix("index.json.damaged-") })
    }
}

extension ScratchFolder {
    init(path: String) { self.path = path }
}

extension CaseFolderStore {
    /// Empties the registry tables, as if its database had been lost (a journal started afresh).
    func forgetRegistry() throws {
        try rows.database.write { db in
            for table in ["registry_messages", "registry_acknowledgements", "registry_sequences", "registry_state"] {
                try db.execute(sql: "DELETE FROM " + table)
            }
        }
    }

    /// The registry as it stands, in the layout of the old `index.json`.
    func registrySnapshot() throws -> CaseRegistry {
        try rows.database.read { db in
            var registry = CaseRegistry()
            for row in try Row.fetchAll(db, sql: "SELECT key, case_id FROM registry_messages") { registry.messages[row[0]] = row[1] }
            for row in try Row.fetchAll(db, sql: "SELECT message_id, case_id FROM registry_acknowledgements") {
                registry.acknowledgements[row[0]] = row[1]
            }
            for row in try Row.fetchAll(db, sql: "SELECT year, last FROM registry_sequences") {
                registry.sequences[String(row[0] as Int)] = row[1]
            }
            return registry
        }
    }
}

extension Array where Element == UInt8 {
    func write(to path: String) throws {
        try Data(self).write(to: URL(fileURLWithPath: path))
    }
}

import Foundation
import GRDB
import Testing
@testable import MailIntake

/// A share from a version that kept the registry in `CASES/.mail-bot/index.json` is brought
/// into the database once, and nothing it knew is processed again.
@Suite struct CaseRegistryImportTests {
    typealias Runner = IntakeRunnerTests

    /// Turns a share into what an earlier version left: the registry as `index.json`, no tables.
    static func downgrade(_ store: CaseFolderStore) throws {
        let registry = try store.registrySnapshot()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try Array(try encoder.encode(registry)).write(to: store.root + "/.mail-bot/index.json")
        try store.forgetRegistry()
    }

    @Test func anOldIndexFileIsImportedOnceAndNothingIsProcessedTwice() async throws {
        let setup = try Runner.Setup()
        defer { setup.scratch.cleanup() }
        let names = ["01-complete-patient-request.eml", "12-follow-up-with-case-reference.eml", "15-missing-description.eml"]
        for name in names { _ = try await setup.runner.process(try Runner.sample(name), receivedAt: Runner.now, now: Runner.now) }
        let before = try setup.store.registrySnapshot()
        let replies = try setup.outboxFiles()
        let cases = try setup.store.caseIds().map { try setup.store.readCase($0) }
        try Self.downgrade(setup.store)
        // Every case's folder would tell the same, but the file is what is read: prove it by
        // hiding the folders' own evidence (a rebuild would have to read original.eml).
        let original = setup.store.folder(of: "SMO-2026-000001") + "/original.eml"
        try FileManager.default.moveItem(atPath: original, toPath: original + ".away")

        for name in names {
            let again = try await setup.runner.process(try Runner.sample(name), receivedAt: Runner.now, now: Runner.now)
            #expect(again.kind == .alreadyProcessed, "\(name)")
        }
        try FileManager.default.moveItem(atPath: original + ".away", toPath: original)
        #expect(try setup.store.registrySnapshot() == before)
        #expect(try setup.outboxFiles() == replies)
        #expect(try setup.store.caseIds().map { try setup.store.readCase($0) } == cases)
        #expect(!FileManager.default.fileExists(atPath: setup.store.root + "/.mail-bot/index.json"))
        #expect(FileManager.default.fileExists(atPath: setup.store.root + "/.mail-bot/index.json.imported"))
        #expect(try await setup.store.rows.database.read { db in try CaseRegistryTable.state("imported", in: db) } == "index.json")
        // New mail continues the sequence.
        let next = try await setup.runner.process(try Runner.sample("13-zip-of-images.eml"), receivedAt: Runner.now, now: Runner.now)
        #expect(next.kind == .created && next.caseId == "SMO-2026-000003")
    }

    @Test func theFileIsReadOnlyOnceAndItsSequencesCarryOn() async throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        var old = CaseRegistry()
        old.sequences = ["2026": 41, "2025": 900]
        old.messages = ["mid:<a@x>": "SMO-2026-000041", "sha256:00ff": "SMO-2026-000040"]
        old.acknowledgements = ["<SMO-2026-000041.ack-1@clinic>": "SMO-2026-000041"]
        try Array(try JSONEncoder().encode(old)).write(to: scratch.path + "/.mail-bot/index.json")

        let first = try await store.withExclusiveAccess { s in
            (s.allocateCaseId(year: 2026), s.allocateCaseId(year: 2025), s.caseId(forRequestMessageId: "<a@x>"),
             s.caseId(forMessageKeys: ["sha256:00ff"]), s.caseId(forAcknowledgement: "<SMO-2026-000041.ack-1@clinic>"))
        }
        #expect(first.0 == "SMO-2026-000042" && first.1 == "SMO-2025-000901")
        #expect(first.2 == "SMO-2026-000041" && first.3 == "SMO-2026-000040" && first.4 == "SMO-2026-000041")

        // A file appearing later (an old version run by mistake) is not imported over the tables.
        var stale = old
        stale.sequences = ["2026": 5]
        stale.messages = ["mid:<b@x>": "SMO-2026-000005"]
        try Array(try JSONEncoder().encode(stale)).write(to: scratch.path + "/.mail-bot/index.json")
        let again = try await CaseFolderStore(root: scratch.path).withExclusiveAccess { s in
            (s.allocateCaseId(year: 2026), s.caseId(forRequestMessageId: "<b@x>"))
        }
        #expect(again.0 == "SMO-2026-000043" && again.1 == nil)
    }

    @Test func anIdWhoseFolderExistsIsNeverGivenAgain() async throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        _ = try await store.withExclusiveAccess { $0.allocateCaseId(year: 2026) }
        // A folder the registry does not know (written before a commit that was lost, or by a
        // process using another database): the next id passes over it.
        try store.create(.init(intakeCase: SampleCase.make(id: "SMO-2026-000002"), original: [], files: [], reply: nil))
        let id = try await store.withExclusiveAccess { $0.allocateCaseId(year: 2026) }
        #expect(id == "SMO-2026-000003")
    }

    @Test func theDaemonKeepsTheRegistryInItsJournal() async throws {
        let scratch = ScratchFolder("registry-journal")
        defer { scratch.cleanup() }
        let journal = try JournalDatabase.open(path: scratch.path + "/state/journal.sqlite")
        let store = try CaseFolderStore(root: scratch.path + "/cases", rows: try CaseRowStore(journal: journal))
        let id = try await store.withExclusiveAccess { s in
            let id = s.allocateCaseId(year: 2026)
            s.record(messageKeys: CaseStoreSession.messageKeys(messageId: "<m@x>", sha256: "ab"), caseId: id)
            return id
        }
        let rows = try await journal.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, case_id FROM registry_messages ORDER BY key").map { [$0[0] as String, $0[1] as String] }
        }
        #expect(rows == [["mid:<m@x>", id], ["sha256:ab", id]])
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/cases/.mail-bot/board.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/cases/.mail-bot/index.json"))
        // The journal's own durability is untouched by the registry's writes.
        #expect(try await journal.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
    }

    @Test func aBareStoreCommitsItsRegistryDurablyAndItsRowsWithoutWaiting() async throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        _ = try await store.withExclusiveAccess { s in
            s.record(messageKeys: ["sha256:cd"], caseId: s.allocateCaseId(year: 2026))
        }
        // Back to the row store's setting (NORMAL) after the registry's FULL transaction.
        #expect(try await store.rows.database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 1)
    }
}

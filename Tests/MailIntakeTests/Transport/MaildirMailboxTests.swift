import Foundation
import Testing

@testable import MailIntake

@Suite("Maildir mailbox")
struct MaildirMailboxTests {
    /// A Maildir with three new messages and one already seen in cur/.
    static func makeMaildir() throws -> (URL, [[UInt8]]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let messages = (1...4).map { DovecotServer.message(subject: "Maildir \($0)") }
        for (index, message) in messages.enumerated() {
            let name = index == 3 ? "1700000004.M4P1.host,S=\(message.count):2,S" : "170000000\(index + 1).M\(index + 1)P1.host,S=\(message.count)"
            try Data(message).write(to: root.appendingPathComponent(index == 3 ? "cur" : "new").appendingPathComponent(name))
        }
        return (root, messages)
    }

    static func files(_ root: URL) -> [String] {
        (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test("lists new and read mail still in the inbox, in arrival order, and fetches exact bytes")
    func listsAndFetches() async throws {
        let (root, messages) = try Self.makeMaildir()
        defer { try? FileManager.default.removeItem(at: root) }
        let mailbox = MaildirMailbox(path: root.path)
        let pending = try await mailbox.pending()
        #expect(pending.map(\.uid) == [1, 2, 3, 4])
        #expect(pending.map(\.size) == messages.map(\.count))
        #expect(pending[0].key == "maildir:1700000001.M1P1.host,S=\(messages[0].count)")
        #expect(pending[0].receivedAt == Date(timeIntervalSince1970: 1_700_000_001))
        let all = try await mailbox.all()
        #expect(all.count == 4)
        #expect(all[3].flags == ["\\Seen"])
        for (entry, message) in zip(pending, messages) {
            #expect(try await mailbox.fetch(entry, maxBytes: 1 << 20) == message)
        }
    }

    @Test("marks seen by renaming into cur/ with the S flag; moves keep other UIDs stable")
    func marksSeenAndMoves() async throws {
        let (root, _) = try Self.makeMaildir()
        defer { try? FileManager.default.removeItem(at: root) }
        let mailbox = MaildirMailbox(path: root.path)
        let pending = try await mailbox.pending()
        try await mailbox.markSeen(pending[0])
        #expect(Self.files(root).contains("cur/\(pending[0].key.dropFirst(8)):2,S"))
        #expect(try await mailbox.pending().map(\.uid) == [1, 2, 3, 4])
        try await mailbox.move(pending[0], to: "Processed")
        try await mailbox.move(pending[1], to: "Traité")
        #expect(Self.files(root).contains(".Processed/cur/\(pending[0].key.dropFirst(8)):2,S"))
        #expect(Self.files(root).contains(".Trait&AOk-/new/\(pending[1].key.dropFirst(8))"))
        let remaining = try await mailbox.all()
        #expect(remaining.map(\.uid) == [3, 4])
        #expect(remaining[0].key == pending[2].key)
    }

    @Test("a message over the limit is refused without reading it")
    func oversized() async throws {
        let (root, messages) = try Self.makeMaildir()
        defer { try? FileManager.default.removeItem(at: root) }
        let mailbox = MaildirMailbox(path: root.path, maxMessageBytes: 50)
        let entry = try #require(try await mailbox.pending().first)
        let error = await transportError { _ = try await mailbox.fetch(entry, maxBytes: 1 << 20) }
        #expect(error?.code == .messageTooLarge(size: messages[0].count, limit: 50))
    }

    @Test("read-only mode renames nothing and asks the caller what is done")
    func readOnly() async throws {
        let (root, messages) = try Self.makeMaildir()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = Self.files(root)
        let done = "maildir:1700000002.M2P1.host,S=\(messages[1].count)"
        let mailbox = MaildirMailbox(path: root.path, readOnly: true, isHandled: { $0 == done })
        let pending = try await mailbox.pending()
        #expect(pending.count == 3)
        #expect(!pending.map(\.key).contains(done))
        for entry in pending {
            _ = try await mailbox.fetch(entry, maxBytes: 1 << 20)
            try await mailbox.markSeen(entry)
            try await mailbox.move(entry, to: "Processed")
        }
        #expect(Self.files(root) == before)
    }

    @Test("the samples Maildir in git is listed in arrival order and left untouched")
    func samplesMaildir() async throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples/maildir")
        let before = Self.files(samples)
        let mailbox = MaildirMailbox(path: samples.path, readOnly: true)
        let pending = try await mailbox.pending()
        #expect(pending.count >= 15)
        #expect(pending.first?.key.contains(".M1P1.") == true)
        #expect(pending.map(\.uid) == Array(1...UInt32(pending.count)))
        for entry in pending {
            let bytes = try await mailbox.fetch(entry, maxBytes: 40 << 20)
            #expect(bytes.count == entry.size)
            try await mailbox.markSeen(entry)
            try await mailbox.move(entry, to: "Processed")
        }
        #expect(Self.files(samples) == before)
    }

    @Test("a missing folder is unknownMailbox, naming the path")
    func missingFolder() async throws {
        let mailbox = MaildirMailbox(path: "/nonexistent/maildir-\(UUID().uuidString)")
        let error = await transportError { _ = try await mailbox.pending() }
        #expect(error?.code == .unknownMailbox)
        #expect(error?.description.contains("/nonexistent/") == true)
    }
}

import Foundation
import Testing

@testable import MailIntake

/// The IMAP mailbox against a real Dovecot on loopback; each test has its own server.
@Suite("IMAP mailbox against Dovecot", .enabled(if: DovecotServer.isInstalled, "dovecot is not installed (scripts/setup installs it)"))
struct CurlIMAPMailboxTests {
    @Test("lists the inbox and fetches it byte for byte without setting \\Seen; read mail stays pending")
    func fetchesWithoutChangingFlags() async throws {
        let server = try DovecotServer()
        let messages = (1...3).map { DovecotServer.message(subject: "Request \($0)") }
        for message in messages { try server.deliver(message) }
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        let pending = try await mailbox.pending()
        #expect(pending.map(\.uid) == [1, 2, 3])
        #expect(pending.map(\.size) == messages.map(\.count))
        for (entry, message) in zip(pending, messages) {
            let bytes = try await mailbox.fetch(entry, maxBytes: 1 << 20)
            #expect(bytes == message)
        }
        #expect(try server.flags().values.allSatisfy { $0.isEmpty })
        #expect(try await mailbox.pending().count == 3)
        try await mailbox.markSeen(pending[0])
        #expect(try server.flags()[1] == ["\\Seen"])
        #expect(try server.seenUIDs() == [1])
        // A message someone opened in a mail client is still a request to handle.
        #expect(try await mailbox.pending().map(\.uid) == [1, 2, 3])
        let all = try await mailbox.all()
        #expect(all.map(\.uid) == [1, 2, 3])
        #expect(all[0].key.hasPrefix("imap:") && all[0].key.hasSuffix(":1"))
        await mailbox.close()
    }

    @Test("a message with tag-like lines, a 600 KB line and 8-bit bytes comes back byte for byte")
    func hostileMessageIsExact() async throws {
        let server = try DovecotServer()
        var message = Array("From: a@example.org\r\nSubject: tricky\r\nContent-Type: text/plain; charset=latin1\r\n\r\n".utf8)
        for tag in 1...40 { message += Array("M\(tag) OK Fetch completed.\r\n* \(tag) EXISTS\r\n+ idling\r\n".utf8) }
        message += Array(repeating: UInt8(ascii: "x"), count: 600_000) + [0x0D, 0x0A]
        message += [0xE9, 0xFF, 0x80, 0x7B, 0x33, 0x7D, 0x0D, 0x0A]  // 8-bit bytes and a "{3}" at a line end
        message += Array("{12}\r\nlast line\r\n".utf8)
        try server.deliver(message)
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        let entry = try #require(try await mailbox.pending().first)
        #expect(entry.size == message.count)
        let bytes = try await mailbox.fetch(entry, maxBytes: 1 << 20)
        #expect(bytes.count == message.count)
        #expect(bytes == message)
        // The connection is still in step: the next command works.
        #expect(try await mailbox.status().exists == 1)
    }

    @Test("stores and removes flags, and reads UIDVALIDITY, UIDNEXT and EXISTS")
    func storesFlagsAndReadsStatus() async throws {
        let server = try DovecotServer()
        try server.deliver(DovecotServer.message(subject: "Flags"))
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        let entry = try #require(try await mailbox.pending().first)
        try await mailbox.store(entry, adding: ["\\Flagged", "$Intake"], removing: [])
        #expect(try server.flags()[1] == ["\\Flagged", "$Intake"])
        try await mailbox.store(entry, adding: [], removing: ["\\Flagged"])
        #expect(try server.flags()[1] == ["$Intake"])
        // INTERNALDATE: when Dovecot received it (just now).
        let received = try #require(entry.receivedAt)
        #expect(abs(received.timeIntervalSinceNow) < 300)
        let status = try await mailbox.status()
        #expect(status.exists == 1)
        #expect(status.uidNext == 2)
        #expect(status.uidValidity > 0)
        #expect(entry.key == "imap:\(status.uidValidity):1")
        #expect(try await mailbox.capabilities().contains("IDLE"))
    }

    @Test("moves with MOVE into a folder it creates, and UIDs above n skip the n:* quirk")
    func movesAndCreatesFolders() async throws {
        let server = try DovecotServer()
        for index in 1...2 { try server.deliver(DovecotServer.message(subject: "Move \(index)")) }
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        try await mailbox.prepare()
        #expect(try server.folders().contains("Processed"))
        #expect(try server.folders().contains("Failed"))
        let entries = try await mailbox.all()
        try await mailbox.move(entries[0], to: "Processed")
        try await mailbox.move(entries[1], to: "Archive 2026")
        #expect(try server.flags().isEmpty)
        #expect(try server.flags(in: "Processed").count == 1)
        #expect(try server.flags(in: "Archive 2026").count == 1)
        #expect(try await mailbox.all().isEmpty)
        try server.deliver(DovecotServer.message(subject: "Third"))
        #expect(try await mailbox.entries(after: 3).map(\.uid) == [])
        #expect(try await mailbox.entries(after: 2).map(\.uid) == [3])
    }

    @Test("falls back to COPY, \\Deleted and UID EXPUNGE when the server does not offer MOVE")
    func movesWithoutMoveCapability() async throws {
        let server = try DovecotServer(extraConfig: "imap_capability = IMAP4rev1 LITERAL+ SASL-IR IDLE UIDPLUS")
        try server.deliver(DovecotServer.message(subject: "Old server"))
        try server.deliver(DovecotServer.message(subject: "Stays"))
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        #expect(try await !mailbox.capabilities().contains("MOVE"))
        let entries = try await mailbox.all()
        try await mailbox.move(entries[0], to: "Failed")
        #expect(try server.flags(in: "Failed").count == 1)
        #expect(try server.flags().keys.sorted() == [2])
        #expect(try server.flags()[2] == [])
    }

    @Test("creates and moves into non-ASCII folder names (modified UTF-7)")
    func nonASCIIFolders() async throws {
        let server = try DovecotServer()
        try server.deliver(DovecotServer.message(subject: "Unicode"))
        let folder = "Traité – 已处理 & done"
        let mailbox = CurlIMAPMailbox(settings: server.settings(processedFolder: folder))
        try await mailbox.prepare()
        #expect(try server.folders().contains(folder))
        #expect(try await mailbox.folders().contains(folder))
        let entry = try #require(try await mailbox.all().first)
        try await mailbox.move(entry, to: folder)
        #expect(try server.flags(in: folder).count == 1)
    }

    @Test("also works over STARTTLS on the plain port")
    func startTLS() async throws {
        let server = try DovecotServer()
        try server.deliver(DovecotServer.message(subject: "STARTTLS"))
        let mailbox = CurlIMAPMailbox(settings: server.settings(server.imapSettings(plaintext: false)))
        #expect(try await mailbox.pending().count == 1)
    }

    @Test("a message over the limit is refused before download, and the connection stays usable")
    func oversizedMessage() async throws {
        let server = try DovecotServer()
        let big = DovecotServer.message(subject: "Big", body: String(repeating: "x", count: 70) + "\r\n" + String(repeating: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n", count: 200))
        try server.deliver(big)
        try server.deliver(DovecotServer.message(subject: "Small"))
        let mailbox = CurlIMAPMailbox(settings: server.settings(maxMessageBytes: 4_000))
        let entries = try await mailbox.pending()
        let error = await transportError { _ = try await mailbox.fetch(entries[0], maxBytes: 1 << 20) }
        #expect(error?.code == .messageTooLarge(size: big.count, limit: 4_000))
        #expect(error?.uid == 1)
        // A listing that understated the size: the literal itself is measured and dropped.
        var lying = entries[0]
        lying.size = 10
        let second = await transportError { _ = try await mailbox.fetch(lying, maxBytes: 1 << 20) }
        #expect(second?.code == .messageTooLarge(size: big.count, limit: 4_000))
        #expect(try await mailbox.fetch(entries[1], maxBytes: 4_000).count == entries[1].size)
        #expect(try server.flags().values.allSatisfy { $0.isEmpty })
    }
}

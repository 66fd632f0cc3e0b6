import Foundation
import Testing
@testable import MailIntake

@Suite struct FileOutboxTests {
    @Test func aMessageIsWrittenOnceAndNeverOverwritten() async throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let outbox = try FileOutbox(folder: scratch.path + "/outbox")
        let mail = OutgoingMail(envelopeFrom: "a@x", recipients: ["b@y"], bytes: Array("first\r\n".utf8), name: "SMO-2026-000001-ack")
        #expect(try await outbox.send(mail) == .sent)
        var other = mail
        other.bytes = Array("second\r\n".utf8)
        #expect(try await outbox.send(other) == .sent)
        let path = scratch.path + "/outbox/SMO-2026-000001-ack.eml"
        #expect(try AtomicFiles.readAll(path) == Array("first\r\n".utf8))
        #expect(scratch.mode(of: "outbox/SMO-2026-000001-ack.eml") == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/outbox") == ["SMO-2026-000001-ack.eml"])
    }

    @Test func aHostileNameStaysInTheFolder() async throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let outbox = try FileOutbox(folder: scratch.path + "/outbox")
        let mail = OutgoingMail(envelopeFrom: "a@x", recipients: ["b@y"], bytes: [65], name: "../../escape")
        _ = try await outbox.send(mail)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/outbox") == ["escape.eml"])
    }
}

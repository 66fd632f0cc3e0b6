import Foundation
import Testing
@testable import MailIntake

@Suite struct CaseFolderStoreTests {
    @Test func aNewCaseHasEveryFileWithPrivatePermissions() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        let c = SampleCase.make()
        try store.create(.init(
            intakeCase: c, original: Array("raw\r\n".utf8),
            files: [.init(relativePath: "attachments/report.pdf", bytes: Array("%PDF-1.4".utf8))], reply: nil))
        let id = c.caseId
        for file in ["case.json", "summary.html", "original.eml", "attachments/report.pdf"] {
            #expect(scratch.mode(of: "\(id)/\(file)") == 0o600, "\(file)")
        }
        #expect(scratch.mode(of: id) == 0o700)
        #expect(scratch.mode(of: "\(id)/attachments") == 0o700)
        #expect(try store.readCase(id) == c)
        #expect(try AtomicFiles.readAll(store.folder(of: id) + "/original.eml") == Array("raw\r\n".utf8))
        // Nothing is left behind in the staging folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/.incoming").isEmpty)
    }

    @Test func permissionsAreConfigurable() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path + "/cases", permissions: .init(folderMode: 0o750, fileMode: 0o640))
        try store.create(.init(intakeCase: SampleCase.make(), original: [], files: [], reply: nil))
        #expect(scratch.mode(of: "cases/SMO-2026-000001") == 0o750)
        #expect(scratch.mode(of: "cases/SMO-2026-000001/case.json") == 0o640)
    }

    @Test func aFailedWriteLeavesNoFolderUnderTheFinalName() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        // A file outside the allowed sub-folders makes the write fail part-way.
        #expect(throws: FileStoreError.self) {
            try store.create(.init(
                intakeCase: SampleCase.make(), original: [],
                files: [.init(relativePath: "../escape.txt", bytes: [1])], reply: nil))
        }
        #expect(!AtomicFiles.exists(store.folder(of: "SMO-2026-000001")))
        #expect(!AtomicFiles.exists(scratch.path + "/escape.txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/.incoming").isEmpty)
    }

    @Test func aCaseIsNeverWrittenTwice() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        try store.create(.init(intakeCase: SampleCase.make(), original: [], files: [], reply: nil))
        #expect(throws: FileStoreError.self) {
            try store.create(.init(intakeCase: SampleCase.make(name: "Other"), original: [], files: [], reply: nil))
        }
        #expect(try store.readCase("SMO-2026-000001").requester.name == "Amal Haddad")
    }

    @Test func hostileAndCollidingNamesAreRewrittenAndStoredAsFollows() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        var c = SampleCase.make()
        c.attachments.append(c.attachments[0])
        c.attachments[0].storedAs = "attachments/../../x.pdf"
        c.attachments[1].storedAs = "attachments/X.pdf"
        try store.create(.init(
            intakeCase: c, original: [],
            files: [.init(relativePath: "attachments/../../x.pdf", bytes: [1]), .init(relativePath: "attachments/X.pdf", bytes: [2])],
            reply: nil))
        let written = try store.readCase(c.caseId)
        #expect(written.attachments.map(\.storedAs) == ["attachments/x.pdf", "attachments/X (2).pdf"])
        #expect(store.fileNames(of: c.caseId) == ["x.pdf", "X (2).pdf"])
    }

    @Test func anUpdateAddsFilesAndRewritesTheCase() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        var c = SampleCase.make()
        try store.create(.init(intakeCase: c, original: [], files: [.init(relativePath: "attachments/report.pdf", bytes: [1])], reply: nil))
        c.followUps = [.init(messageId: "<f@x>", receivedAt: c.receivedAt, storedAs: "messages/2.eml", text: "Here is the scan")]
        c.attachments.append(c.attachments[0])
        c.attachments[1].filename = "report.pdf"
        let written = try store.update(c, newFiles: [
            .init(relativePath: "attachments/report.pdf", bytes: [2]), .init(relativePath: "messages/2.eml", bytes: [3]),
        ])
        #expect(written.attachments[1].storedAs == "attachments/report (2).pdf")
        #expect(try store.readCase(c.caseId) == written)
        #expect(scratch.mode(of: "\(c.caseId)/messages/2.eml") == 0o600)
        #expect(try AtomicFiles.readAll(store.folder(of: c.caseId) + "/attachments/report.pdf") == [1])
    }

    @Test func caseJSONHasTheContractShape() throws {
        var c = SampleCase.make()
        c.messageId = nil
        let json = String(decoding: try c.jsonBytes(), as: UTF8.self)
        #expect(json.contains("\"messageId\" : null"))
        #expect(json.contains("\"receivedAt\" : \"2026-11-24T09:15:00Z\""))
        #expect(json.contains("\"phone\" : null"))
        #expect(json.contains("\"booked\" : null"))
        #expect(json.contains("\"reason\" : null"))
        #expect(json.contains("\"schema\" : \"second-opinion-case/1\""))
        #expect(try IntakeCase.decode(json: c.jsonBytes()) == c)
    }

    @Test func failedMessagesAreKeptOnceWithTheirReason() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        let now = Date(timeIntervalSince1970: 1_795_511_700)
        let path = try store.recordFailure(raw: [1, 2, 3], sha256: "abcdef0123456789ff", reason: "boom", at: now)
        #expect(path.hasSuffix("/.failed/20261124T091500Z-abcdef0123456789.eml"))
        let again = try store.recordFailure(raw: [1, 2, 3], sha256: "abcdef0123456789ff", reason: "boom", at: now.addingTimeInterval(60))
        #expect(again == path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.failedFolder).count == 2)
        #expect(String(decoding: try AtomicFiles.readAll(path.replacingOccurrences(of: ".eml", with: ".reason.txt")), as: UTF8.self) == "boom\n")
    }

    @Test func halfBuiltCasesLeftByACrashAreSweptAway() async throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        let leftover = scratch.path + "/.incoming/SMO-2026-000001.abc"
        try FileManager.default.createDirectory(atPath: leftover + "/attachments", withIntermediateDirectories: true)
        try Array("half".utf8).write(to: leftover + "/case.json")
        _ = try await store.withExclusiveAccess { $0.allocateCaseId(year: 2026) }
        #expect(!AtomicFiles.exists(leftover))
        #expect(store.caseIds().isEmpty)
    }
}

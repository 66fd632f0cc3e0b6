#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import MailIntake

/// `[cases] group`: folders 0750 set-group-ID, files 0640, all in the administrators' group.
@Suite struct CaseFolderGroupTests {
    /// A real group: `users` (present on Debian), or one made for the test.
    static func testGroup() throws -> gid_t {
        if let entry = getgrnam("users") { return entry.pointee.gr_gid }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/groupadd")
        process.arguments = ["-f", "mailintake-test"]
        try process.run()
        process.waitUntilExit()
        guard let entry = getgrnam("mailintake-test") else { throw FileStoreError("groupadd", "mailintake-test") }
        return entry.pointee.gr_gid
    }

    static func stat(_ path: String) -> (mode: mode_t, gid: gid_t) {
        var st = Glibc.stat()
        _ = Glibc.lstat(path, &st)
        return (st.st_mode & 0o7777, st.st_gid)
    }

    @Test func everythingTheStoreWritesBelongsToTheGroup() throws {
        let gid = try Self.testGroup()
        #expect(gid != getegid(), "the test needs a group other than the process's own")
        let scratch = ScratchFolder("group")
        defer { scratch.cleanup() }
        let root = scratch.path + "/cases"
        let store = try CaseFolderStore(root: root, permissions: .shared(group: UInt32(gid)))
        var c = SampleCase.make()
        try store.create(.init(intakeCase: c, original: Array("raw".utf8), files: [
            CaseFile(relativePath: "attachments/report.pdf", bytes: Array("%PDF-1.4".utf8))
        ], reply: Array("reply".utf8)))
        c.reply.status = .failed
        try store.update(c, newFiles: [CaseFile(relativePath: "messages/2.eml", bytes: Array("more".utf8))])
        try store.regenerateIndex(generatedAt: c.receivedAt)
        let folders = ["", "/.mail-bot", "/SMO-2026-000001", "/SMO-2026-000001/attachments", "/SMO-2026-000001/messages", "/archive"]
        for folder in folders {
            let st = Self.stat(root + folder)
            #expect(st.mode == 0o2750, "\(folder) mode \(String(st.mode, radix: 8))")
            #expect(st.gid == gid, "\(folder)")
        }
        let files = [
            "/index.html", "/cases.csv", "/callbacks.ics", "/.mail-bot/board.sqlite", "/SMO-2026-000001/case.json",
            "/SMO-2026-000001/summary.html", "/SMO-2026-000001/original.eml", "/SMO-2026-000001/attachments/report.pdf",
            "/SMO-2026-000001/messages/2.eml",
        ]
        for file in files {
            let st = Self.stat(root + file)
            #expect(st.mode == 0o640, "\(file) mode \(String(st.mode, radix: 8))")
            #expect(st.gid == gid, "\(file)")
        }
    }

    @Test func withoutAGroupTheShareStaysPrivate() throws {
        let scratch = ScratchFolder("nogroup")
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path + "/cases")
        try store.create(.init(intakeCase: SampleCase.make(), original: [], files: [], reply: nil))
        try store.regenerateIndex(generatedAt: SampleCase.make().receivedAt)
        #expect(Self.stat(scratch.path + "/cases/SMO-2026-000001").mode == 0o700)
        #expect(Self.stat(scratch.path + "/cases/index.html").mode == 0o600)
        #expect(Self.stat(scratch.path + "/cases/SMO-2026-000001/case.json").mode == 0o600)
    }
}

import Foundation
import MIMEParser
import Testing

@testable import MailIntake

@Suite struct IntakePlannerHostileTests {
    let planner = IntakePlanner(configuration: .default)
    let received = Date(timeIntervalSince1970: 1_795_432_500)

    @Test func hostileZipsAreListedWithTheirReasonAndNotStored() {
        var mail = TestMail()
        mail.attachments = [
            ("records.zip", "application/zip", TestFiles.zip([.init(name: "../../etc/cron.d/x.pdf", data: TestFiles.pdf)]), []),
            ("scans.zip", "application/zip", TestFiles.zip([.init(name: "a.txt", data: [UInt8](repeating: 0x41, count: 3 * 1024 * 1024), deflate: true)]), []),
            ("report.pdf", "application/pdf", TestFiles.pdf, []),
        ]
        let p = planner.plan(bytes: mail.bytes, receivedAt: received, caseId: "SMO-2026-000200")
        let a = p.intakeCase.attachments
        #expect(a.map(\.reason) == [.unreadable, .unreadable, nil])
        #expect(a[0].detail?.contains("outside the archive") == true)
        #expect(a[1].detail?.contains("zip bomb") == true)
        #expect(p.files.map(\.storedAs) == ["attachments/report.pdf"])
        #expect(p.intakeCase.issues.contains(.attachmentRejected))
    }

    @Test func hostileNamesBecomeSafeStoredNames() {
        var mail = TestMail()
        mail.attachments = [
            ("../../../evil.pdf", "application/pdf", TestFiles.pdf, []),
            ("report\u{202E}fdp.exe", "application/pdf", TestFiles.pdf + [1], []),
        ]
        let p = planner.plan(bytes: mail.bytes, receivedAt: received, caseId: "SMO-2026-000201")
        for f in p.files {
            #expect(f.storedAs.hasPrefix("attachments/"))
            #expect(!f.storedAs.dropFirst("attachments/".count).contains("/"))
            #expect(!f.storedAs.contains(".."))
            #expect(!f.storedAs.unicodeScalars.contains("\u{202E}"))
        }
        // The name ends in .exe: refused whatever the content.
        #expect(p.intakeCase.attachments[1].reason == .typeNotAllowed)
    }

    @Test func anHTMLOnlyRequestIsReadAsText() {
        var mail = TestMail()
        mail.text = nil
        mail.html = "<html><body><p>My daughter has a rare kidney disease (FSGS) and we want a second opinion.</p><p>I accept the terms and conditions.</p></body></html>"
        mail.attachments = [("r.pdf", "application/pdf", TestFiles.pdf, [])]
        let c = planner.plan(bytes: mail.bytes, receivedAt: received, caseId: "SMO-2026-000202").intakeCase
        #expect(c.description.contains("rare kidney disease (FSGS)"))
        #expect(!c.description.contains("<p>"))
        #expect(c.issues == [])
    }

    @Test func brokenAndRandomMessagesNeverCrashThePlanner() {
        var rng = SplitMix(seed: 99)
        var mail = TestMail()
        mail.attachments = [("a.zip", "application/zip", TestFiles.zip([.init(name: "a.jpg", data: TestFiles.jpeg, deflate: true)]), [])]
        let base = mail.bytes
        for round in 0..<60 {
            var bytes = base
            if round % 2 == 0 {
                bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
            } else {
                for _ in 0..<20 { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            }
            let p = planner.plan(bytes: bytes, receivedAt: received, caseId: "SMO-2026-000203")
            #expect(p.intakeCase.caseId == "SMO-2026-000203")
        }
        let junk = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        #expect(planner.plan(bytes: junk, receivedAt: received, caseId: "SMO-2026-000204").actions.contains(.writeCase(caseId: "SMO-2026-000204")))
    }
}

import Foundation
import Testing
@testable import MailIntake

@Suite struct CasePagesTests {
    static let hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>"

    @Test func mailTextIsEscapedInTheSummary() {
        var c = SampleCase.make(subject: Self.hostile, name: "\"><script>evil()</script>", filename: Self.hostile + ".pdf")
        c.description = "</div><script>steal()</script>"
        c.embassy = .init(detected: true, signals: ["<b>mofa</b>"], letterOfGuarantee: false)
        c.followUps = [.init(messageId: nil, receivedAt: c.receivedAt, storedAs: "messages/2.eml", text: "<iframe src=//evil>")]
        let html = CaseSummaryPage.render(c)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<b>mofa"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'\""))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func theSummaryTellsTheAdministratorWhatMatters() {
        var c = SampleCase.make(issues: [.missingDescription, .attachmentRejected])
        c.attachments.append(.init(
            filename: "scan.pdf", storedAs: nil, role: .report, declaredType: "application/pdf",
            detectedType: "application/x-msdownload", size: 10, sha256: "b", status: .rejected, reason: .typeMismatch))
        let html = CaseSummaryPage.render(c)
        #expect(html.contains("No description of the condition was given."))
        #expect(html.contains("rejected: the content does not match the file name"))
        #expect(html.contains("href=\"attachments/report.pdf\""))
        // 2026-11-25 09:15 UTC is 09:15 GMT in London.
        #expect(html.contains("Wed 25 Nov 2026, 09:15 GMT"))
        #expect(html.contains("Acknowledgement sent"))
    }

    @Test func directionOverridesAreShownNotObeyed() {
        #expect(HTMLText.escape("results\u{202E}fdp.exe") == "results[U+202E]fdp.exe")
        #expect(HTMLText.escape("a\u{0}b\u{7}c\td") == "abc\td")
    }

    @Test func anAutomaticMessageOffersNoCallback() {
        let html = CaseSummaryPage.render(SampleCase.make(issues: [.automaticMessage]))
        #expect(html.contains("None: nobody wrote this message."))
        #expect(!html.contains("Contact the requester by"))
        #expect(CaseSummaryPage.render(SampleCase.make()).contains("Contact the requester by"))
    }

    @Test func linksToOddNamesArePercentEncoded() {
        #expect(HTMLText.href("attachments/a #1?.pdf") == "attachments/a%20%231%3F.pdf")
        #expect(HTMLText.href("attachments/x\"y.pdf") == "attachments/x%22y.pdf")
    }

    @Test func theIndexIsRegeneratedFromTheFolders() throws {
        let scratch = ScratchFolder()
        defer { scratch.cleanup() }
        let store = try CaseFolderStore(root: scratch.path)
        try store.create(.init(intakeCase: SampleCase.make(id: "SMO-2026-000001"), original: [], files: [], reply: nil))
        try store.create(.init(intakeCase: SampleCase.make(id: "SMO-2026-000002"), original: [], files: [], reply: nil))
        try store.regenerateIndex(generatedAt: Date(timeIntervalSince1970: 1_795_511_700))
        let html = String(decoding: try AtomicFiles.readAll(scratch.path + "/index.html"), as: UTF8.self)
        #expect(html.contains("SMO-2026-000001/summary.html") && html.contains("SMO-2026-000002/summary.html"))
        #expect(scratch.mode(of: "index.html") == 0o600)
    }
}

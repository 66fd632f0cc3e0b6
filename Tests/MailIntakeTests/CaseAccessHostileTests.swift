import Foundation
import Testing

@testable import MailIntake

/// No way into someone else's case, through the whole intake: a stranger citing a case by
/// its reference or by replying to its acknowledgement opens a case of their own, changes
/// nothing of the cited one, and learns nothing of it from the reply.
@Suite struct CaseAccessHostileTests {
    typealias Setup = IntakeRunnerTests.Setup
    static let now = IntakeRunnerTests.now

    /// Case 1: an embassy request without its letter (sample 03): its reply asks for the letter.
    static func citedCase(_ setup: Setup) async throws -> IntakeCase {
        let outcome = try await setup.runner.process(try IntakeRunnerTests.sample("03-embassy-french-without-letter.eml"), receivedAt: now, now: now)
        let c = try setup.store.readCase(try #require(outcome.caseId))
        #expect(c.issues.contains(.guaranteeLetterRequired))
        return c
    }

    static func stranger(citing c: IntakeCase, from: String = "\"Service medical\" <service.medical@diplomatie-gouv.sn.example>") -> TestMail {
        var mail = TestMail()
        mail.set("From", from)
        mail.set("Subject", "RE: Demande de second avis [\(c.caseId)]")
        mail.set("Message-ID", "<forged-1@evil.example>")
        mail.set("In-Reply-To", c.reply.messageId ?? "<x@y>")
        mail.set("References", "\(c.messageId ?? "<a@b>") \(c.reply.messageId ?? "<x@y>")")
        mail.text = "New phone number for this case: +44 7700 900999. I prefer a phone call.\n1\nI accept the terms and conditions."
        mail.attachments = [("letter of guarantee.pdf", "application/pdf", TestFiles.pdf, []), ("scan.jpg", "image/jpeg", TestImages.jpeg(comment: "x"), [])]
        return mail
    }

    @Test func aForgedReferenceChangesNothingOfTheCitedCase() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        let cited = try await Self.citedCase(setup)
        let filesBefore = setup.store.fileNames(of: cited.caseId, in: "attachments")
        let jsonBefore = try AtomicFiles.readAll(setup.store.folder(of: cited.caseId) + "/case.json")

        let outcome = try await setup.runner.process(Self.stranger(citing: cited).bytes, receivedAt: Self.now, now: Self.now)

        #expect(outcome.kind == .created)
        #expect(outcome.caseId != cited.caseId)
        // The cited case: same bytes, same files, no follow-up, no booking, no new phone.
        #expect(try AtomicFiles.readAll(setup.store.folder(of: cited.caseId) + "/case.json") == jsonBefore)
        #expect(setup.store.fileNames(of: cited.caseId, in: "attachments") == filesBefore)
        let after = try setup.store.readCase(cited.caseId)
        #expect(after.requester.phone == cited.requester.phone)
        #expect(after.requester.preferredContact == cited.requester.preferredContact)
        #expect(after.callback.booked == nil)
        #expect(after.followUps == nil)
        #expect(!after.embassy.letterOfGuarantee)
        // The stranger's own case, linked for an administrator.
        let own = try setup.store.readCase(try #require(outcome.caseId))
        #expect(own.claimsCase == cited.caseId)
        #expect(own.issues.contains(.claimsExistingCase))
        #expect(own.followUps == nil)
        let summary = String(decoding: try AtomicFiles.readAll(setup.store.folder(of: own.caseId) + "/summary.html"), as: UTF8.self)
        #expect(summary.contains("Cites case <a href=\"../\(cited.caseId)/summary.html\">\(cited.caseId)</a>"))
        let json = String(decoding: try AtomicFiles.readAll(setup.store.folder(of: own.caseId) + "/case.json"), as: UTF8.self)
        #expect(json.contains("\"claimsCase\" : \"\(cited.caseId)\"") || json.contains("\"claimsCase\":\"\(cited.caseId)\""))
    }

    @Test func theStrangersReplyRevealsNothingOfTheCitedCase() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        let cited = try await Self.citedCase(setup)
        var mail = Self.stranger(citing: cited, from: "Mallory <mallory@evil.example>")
        mail.attachments = []
        let outcome = try await setup.runner.process(mail.bytes, receivedAt: Self.now, now: Self.now)
        let id = try #require(outcome.caseId)
        #expect(outcome.reply?.status == .sent)
        let reply = String(decoding: try AtomicFiles.readAll(setup.outbox.folder + "/\(id)-1.eml"), as: UTF8.self)
        let decoded = reply.replacingOccurrences(of: "=\r\n", with: "")
        #expect(!decoded.contains(cited.caseId))
        #expect(!decoded.contains(cited.reply.messageId ?? "never"))
        #expect(!decoded.contains(cited.requester.name))
        #expect(!decoded.lowercased().contains("guarantee"))
        for a in cited.attachments { #expect(!decoded.contains(a.filename)) }
        #expect(decoded.contains(id))
    }

    @Test func theRequesterAndAnEmbassyColleagueStillJoin() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        let cited = try await Self.citedCase(setup)
        var own = Self.stranger(citing: cited, from: "Service medical <SERVICE.MEDICAL@diplomatie.gouv.sn>")
        own.attachments = []
        let first = try await setup.runner.process(own.bytes, receivedAt: Self.now, now: Self.now)
        #expect(first.kind == .joined && first.caseId == cited.caseId)
        var colleague = Self.stranger(citing: cited, from: "Consul <consul@diplomatie.gouv.sn>")
        colleague.set("Message-ID", "<colleague-1@diplomatie.gouv.sn>")
        colleague.attachments = [("lettre de garantie.pdf", "application/pdf", TestFiles.pdf, [])]
        let second = try await setup.runner.process(colleague.bytes, receivedAt: Self.now, now: Self.now)
        #expect(second.kind == .joined && second.caseId == cited.caseId)
        let after = try setup.store.readCase(cited.caseId)
        #expect(after.followUps?.count == 2)
        #expect(after.requester.phone?.filter(\.isNumber) == "447700900999")
        #expect(after.claimsCase == nil)
    }

    @Test func spamIsKeptAsACaseAndNeverAnswered() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        var mail = TestMail()
        mail.set("X-Spam-Flag", "YES")
        mail.set("X-Spam-Status", "Yes, score=9.1 required=5.0")
        let outcome = try await setup.runner.process(mail.bytes, receivedAt: Self.now, now: Self.now)
        let c = try setup.store.readCase(try #require(outcome.caseId))
        #expect(c.issues.contains(.suspectedSpam))
        #expect(c.reply.status == .suppressed)
        #expect(c.reply.reason == "marked as spam by the mail server (X-Spam-Flag: YES)")
        #expect(try setup.outboxFiles().isEmpty)
    }

    @Test func spamCitingACaseFromItsRequesterDoesNotJoinIt() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        let cited = try await Self.citedCase(setup)
        var mail = Self.stranger(citing: cited, from: "Service medical <service.medical@diplomatie.gouv.sn>")
        mail.set("X-Spam-Flag", "YES")
        let outcome = try await setup.runner.process(mail.bytes, receivedAt: Self.now, now: Self.now)
        #expect(outcome.kind == .created && outcome.caseId != cited.caseId)
        #expect(try setup.store.readCase(cited.caseId).followUps == nil)
        let c = try setup.store.readCase(try #require(outcome.caseId))
        #expect(c.issues.contains(.suspectedSpam) && !c.issues.contains(.claimsExistingCase))
    }

    @Test func aSenderWhoAsksForNoAutomaticReplyGetsNone() async throws {
        let setup = try Setup()
        defer { setup.scratch.cleanup() }
        var mail = TestMail()
        mail.set("X-Auto-Response-Suppress", "All")
        let outcome = try await setup.runner.process(mail.bytes, receivedAt: Self.now, now: Self.now)
        let c = try setup.store.readCase(try #require(outcome.caseId))
        #expect(c.reply.status == .suppressed)
        #expect(c.reply.reason?.contains("X-Auto-Response-Suppress: All") == true)
        #expect(!c.issues.contains(.automaticMessage))
        #expect(try setup.outboxFiles().isEmpty)
        // OOF alone asks only for no out-of-office notices: the acknowledgement goes.
        var oof = TestMail()
        oof.set("Message-ID", "<m2@example.com>")
        oof.set("X-Auto-Response-Suppress", "OOF")
        let second = try await setup.runner.process(oof.bytes, receivedAt: Self.now, now: Self.now)
        #expect(second.reply?.status == .sent)
    }
}

import Foundation
import Testing

@testable import MailIntake

/// Failures a helpdesk meets in real life, each ending in an error a person can act on.
@Suite("IMAP failures against Dovecot", .enabled(if: DovecotServer.isInstalled, "dovecot is not installed (scripts/setup installs it)"))
struct CurlIMAPFailureTests {
    @Test("a wrong password is authenticationFailed, naming the host")
    func wrongPassword() async throws {
        let server = try DovecotServer()
        let mailbox = CurlIMAPMailbox(settings: server.settings(credential: .password("not-the-password")))
        let error = await transportError { _ = try await mailbox.pending() }
        #expect(error?.code == .authenticationFailed)
        #expect(error?.description.contains("127.0.0.1:\(server.imapsPort)") == true)
        #expect(error?.description.contains("not-the-password") == false)
    }

    @Test("a server that is down is connectionRefused")
    func serverDown() async throws {
        let server = try DovecotServer()
        server.stop()
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        let error = await transportError { _ = try await mailbox.pending() }
        #expect(error?.code == .connectionRefused)
        #expect(error?.isTransient == true)
    }

    @Test("after a server restart the next operation reconnects and succeeds")
    func serverRestart() async throws {
        let server = try DovecotServer()
        try server.deliver(DovecotServer.message(subject: "Before"))
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        #expect(try await mailbox.pending().count == 1)
        try server.restart()
        try server.deliver(DovecotServer.message(subject: "After"))
        let entries = try await mailbox.pending()
        let serverView = try server.flags()
        #expect(entries.count == 2, "server has \(serverView)")
        let last = try #require(entries.last)
        #expect(try await mailbox.fetch(last, maxBytes: 1 << 20).count == last.size)
    }

    @Test("a certificate for another name is a tlsFailure that says so")
    func certificateMismatch() async throws {
        let server = try DovecotServer(certificate: .mismatched)
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        let error = await transportError { _ = try await mailbox.pending() }
        guard case .tlsFailure(let reason)? = error?.code else {
            Issue.record("expected tlsFailure, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("does not match"))
    }

    @Test("an untrusted CA is a tlsFailure; plaintext without STARTTLS permission is refused")
    func untrustedCertificate() async throws {
        let server = try DovecotServer()
        var settings = server.settings()
        settings.caFile = nil
        let error = await transportError { _ = try await CurlIMAPMailbox(settings: settings).pending() }
        #expect(error.map { if case .tlsFailure = $0.code { true } else { false } } == true)
        #expect(error?.curlCode == 60)
    }

    @Test("a missing mailbox is unknownMailbox")
    func unknownMailbox() async throws {
        let server = try DovecotServer()
        let mailbox = CurlIMAPMailbox(settings: server.settings(server.imapsSettings(mailbox: "Nope")))
        let error = await transportError { _ = try await mailbox.pending() }
        #expect(error?.code == .unknownMailbox)
        #expect(error?.mailbox == "Nope")
    }

    @Test("an OAuth token file is re-read on each connection; a stale token is authenticationFailed")
    func oauthToken() async throws {
        let server = try DovecotServer()
        let tokenFile = server.directory.appendingPathComponent("token").path
        try "expired-token\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let mailbox = CurlIMAPMailbox(settings: server.settings(credential: .oauth2TokenFile(tokenFile)))
        let error = await transportError { _ = try await mailbox.pending() }
        #expect(error?.code == .authenticationFailed)
        // Dovecot's test passdb accepts alice's password as her bearer token.
        try "\(server.password)\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        #expect(try await mailbox.pending().isEmpty)
    }

    @Test("IDLE notices new mail within moments")
    func idlePickup() async throws {
        let server = try DovecotServer()
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        #expect(try await mailbox.pending().isEmpty)
        async let changed = mailbox.waitForChange(timeout: .seconds(60))
        try await Task.sleep(for: .milliseconds(300))
        try server.deliver(DovecotServer.message(subject: "Wake up"))
        let delivered = ContinuousClock.now
        #expect(try await changed)
        // Far before the 60 s timeout: the server pushed the news. (Alone: well under a second;
        // the bound is generous because the whole suite shares two cores on CI.)
        #expect(ContinuousClock.now - delivered < .seconds(20))
        #expect(try await mailbox.pending().count == 1)
        // Without news, it returns false at the timeout.
        #expect(try await !mailbox.waitForChange(timeout: .milliseconds(300)))
    }

    @Test("cancelling the task ends an IDLE wait at once")
    func idleCancellation() async throws {
        let server = try DovecotServer()
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        _ = try await mailbox.pending()
        let waiting = Task { try await mailbox.waitForChange(timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(500))
        let cancelled = ContinuousClock.now
        waiting.cancel()
        let result = await waiting.result
        #expect(ContinuousClock.now - cancelled < .seconds(10))
        #expect(throws: CancellationError.self) { try result.get() }
        // The connection is still usable after DONE.
        try server.deliver(DovecotServer.message(subject: "After cancel"))
        let after = try await mailbox.pending()
        let serverView = try server.flags()
        #expect(after.count == 1, "\(after) server: \(serverView)")
    }

    @Test("without IDLE, waiting polls with NOOP and still notices new mail")
    func pollingWithoutIdle() async throws {
        let server = try DovecotServer(extraConfig: "imap_capability = IMAP4rev1 LITERAL+ SASL-IR UIDPLUS MOVE")
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        #expect(try await !mailbox.capabilities().contains("IDLE"))
        async let changed = mailbox.waitForChange(timeout: .seconds(60))
        try await Task.sleep(for: .milliseconds(300))
        try server.deliver(DovecotServer.message(subject: "Polled"))
        let delivered = ContinuousClock.now
        #expect(try await changed)
        #expect(ContinuousClock.now - delivered < .seconds(20))
    }

    @Test("5,000 messages are listed and sampled quickly")
    func fiveThousandMessages() async throws {
        let server = try DovecotServer()
        let template = DovecotServer.message(subject: "Bulk")
        try server.seed(Array(repeating: template, count: 5_000))
        let mailbox = CurlIMAPMailbox(settings: server.settings())
        // The first SELECT makes Dovecot index 5,000 new files: server time, not ours.
        #expect(try await mailbox.status().exists == 5_000)
        let started = ContinuousClock.now
        let pending = try await mailbox.pending()
        #expect(pending.count == 5_000)
        #expect(pending.first?.uid == 1 && pending.last?.uid == 5_000)
        #expect(try await mailbox.all().count == 5_000)
        for entry in pending.suffix(50) {
            let bytes = try await mailbox.fetch(entry, maxBytes: 1 << 20)
            #expect(bytes.count == entry.size)
        }
        // About 0.5 s alone. Speed is the transport benchmark's job; this bound only catches a
        // pathology (a round trip or reconnect per message), with room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(try server.seenUIDs().isEmpty)
    }
}

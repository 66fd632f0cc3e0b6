import Foundation
import Testing

@testable import MailIntake

@Suite("SMTP wire format")
struct SMTPWireFormatTests {
    @Test(
        "line endings become CRLF and the message ends with one",
        arguments: [
            ("a\nb\n", "a\r\nb\r\n"),
            ("a\r\nb\r\n", "a\r\nb\r\n"),
            ("a\rb", "a\r\nb\r\n"),
            ("a\r\n\nb", "a\r\n\r\nb\r\n"),
            ("", "\r\n"),
            ("no newline", "no newline\r\n"),
        ])
    func normalizesLineEndings(input: String, expected: String) {
        #expect(SMTPWireFormat.normalizedLineEndings(Array(input.utf8)) == Array(expected.utf8))
    }

    @Test("envelope addresses cannot smuggle SMTP commands")
    func envelopeAddressesAreChecked() {
        #expect(SMTPWireFormat.envelopeAddress(" a@example.org ") == "<a@example.org>")
        #expect(SMTPWireFormat.envelopeAddress("a@example.org>\r\nRCPT TO:<b@example.org") == nil)
        #expect(SMTPWireFormat.envelopeAddress("") == nil)
    }

    @Test("the refused recipient is the one the server names, else the only one")
    func refusedRecipientIsNamed() {
        let two = ["a@example.org", "B@example.org"]
        #expect(CurlSMTPSender.refusedRecipient(in: "550 5.1.1 <b@example.org>: unknown", among: two) == "B@example.org")
        #expect(CurlSMTPSender.refusedRecipient(in: "550 no", among: ["a@example.org"]) == "a@example.org")
        #expect(CurlSMTPSender.refusedRecipient(in: "550 no", among: two) == "one of a@example.org, B@example.org")
    }
}

@Suite("SMTP over curl against aiosmtpd", .enabled(if: SMTPSink.isAvailable, "python3-aiosmtpd is not installed"))
struct CurlSMTPSenderTests {
    /// Bare LFs, a lone CR, lines starting with dots (one a lone dot, which would end DATA
    /// if libcurl did not dot-stuff), and non-ASCII bytes.
    static let message = Array(
        "From: Second Medical Opinion <secondopinion@example.org>\nTo: patient@example.org\nSubject: Your request\n\n"
            .utf8) + Array("Line one\r\n.leading dot\n.\n..two dots\rend é\n".utf8)

    static func mail(to recipients: [String] = ["patient@example.org"]) -> OutgoingMail {
        OutgoingMail(envelopeFrom: "secondopinion@example.org", recipients: recipients, bytes: message, name: "SMO-TEST.1")
    }

    static let quick = TransportTimeouts(connect: .seconds(5), stall: .seconds(2), total: .seconds(20))
    /// For tests about what arrives, not about timing: a TLS handshake with the Python sink
    /// can stall past two seconds when the whole suite loads the machine.
    static let patient = TransportTimeouts(connect: .seconds(15), stall: .seconds(15), total: .seconds(60))

    func expectFailure(_ settings: SMTPSettings, _ mail: OutgoingMail = mail(), is expected: (TransportError.Code) -> Bool)
        async
    {
        do {
            _ = try await CurlSMTPSender(settings: settings).send(mail)
            Issue.record("the send succeeded")
        } catch let error as TransportError {
            #expect(expected(error.code), "\(error)")
            #expect(error.description.contains("127.0.0.1"))
        } catch {
            Issue.record("not a TransportError: \(error)")
        }
    }

    @Test("plaintext when allowed: the server stores exactly the CRLF-normalised bytes and the envelope")
    func sendsPlainWhenAllowed() async throws {
        let sink = try SMTPSink(mode: .plain)
        defer { sink.stop() }
        let outcome = try await CurlSMTPSender(settings: SMTPSettings(url: sink.url, allowPlaintext: true, timeouts: Self.quick))
            .send(Self.mail())
        #expect(outcome == .sent)
        let received = try sink.received()
        try #require(received.count == 1)
        #expect(received[0].bytes == SMTPWireFormat.normalizedLineEndings(Self.message))
        #expect(received[0].mailFrom == "secondopinion@example.org")
        #expect(received[0].recipients == ["patient@example.org"])
    }

    @Test("smtp:// without allow_plaintext refuses a server that offers no STARTTLS")
    func plainIsRefusedUnlessAllowed() async throws {
        let sink = try SMTPSink(mode: .plain)
        defer { sink.stop() }
        await expectFailure(SMTPSettings(url: sink.url, timeouts: Self.quick)) {
            if case .tlsFailure = $0 { return true }
            return false
        }
        #expect(try sink.received().isEmpty)
    }

    @Test("STARTTLS with the CA file and AUTH")
    func sendsOverSTARTTLSWithAuth() async throws {
        let sink = try SMTPSink(mode: .starttls, user: "bot", password: "pa55word")
        defer { sink.stop() }
        let settings = SMTPSettings(
            url: sink.url, username: "bot", credential: .password("pa55word"), caFile: sink.caFile, timeouts: Self.quick)
        _ = try await CurlSMTPSender(settings: settings).send(Self.mail())
        let received = try sink.received()
        try #require(received.count == 1)
        #expect(received[0].bytes == SMTPWireFormat.normalizedLineEndings(Self.message))
    }

    @Test("SMTPS with the CA file, the password read from a file")
    func sendsOverSMTPS() async throws {
        let sink = try SMTPSink(mode: .smtps, user: "bot", password: "pa55word")
        defer { sink.stop() }
        let passwordFile = sink.folder.appendingPathComponent("password")
        try "pa55word\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        let settings = SMTPSettings(
            url: sink.url, username: "bot", credential: .passwordFile(passwordFile.path), caFile: sink.caFile,
            timeouts: Self.quick)
        _ = try await CurlSMTPSender(settings: settings).send(Self.mail(to: ["a@example.org", "b@example.org"]))
        let received = try sink.received()
        try #require(received.count == 1)
        #expect(received[0].recipients == ["a@example.org", "b@example.org"])
        #expect(received[0].bytes == SMTPWireFormat.normalizedLineEndings(Self.message))
    }

    @Test("a wrong password is an authentication failure")
    func wrongPassword() async throws {
        let sink = try SMTPSink(mode: .starttls, user: "bot", password: "pa55word")
        defer { sink.stop() }
        let settings = SMTPSettings(
            url: sink.url, username: "bot", credential: .password("wrong"), caFile: sink.caFile, timeouts: Self.quick)
        await expectFailure(settings) { $0 == .authenticationFailed }
        #expect(try sink.received().isEmpty)
    }

    @Test("a certificate from another CA is a TLS failure", arguments: [SMTPSink.Mode.starttls, .smtps])
    func untrustedCertificate(mode: SMTPSink.Mode) async throws {
        let sink = try SMTPSink(mode: mode)
        defer { sink.stop() }
        let otherCA = sink.folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: otherCA, withIntermediateDirectories: true)
        try SMTPSink.makeCertificate(in: otherCA, name: "ca")
        let settings = SMTPSettings(url: sink.url, caFile: otherCA.appendingPathComponent("ca.pem").path, timeouts: Self.quick)
        await expectFailure(settings) {
            if case .tlsFailure = $0 { return true }
            return false
        }
    }

    @Test("a refused recipient is named and nothing is delivered")
    func rejectedRecipient() async throws {
        let sink = try SMTPSink(mode: .plain, reject: ["gone@example.org"])
        defer { sink.stop() }
        let settings = SMTPSettings(url: sink.url, allowPlaintext: true, timeouts: Self.quick)
        await expectFailure(settings, Self.mail(to: ["gone@example.org"])) { $0 == .rejectedRecipient("gone@example.org") }
        await expectFailure(settings, Self.mail(to: ["ok@example.org", "gone@example.org"])) {
            $0 == .rejectedRecipient("gone@example.org")
        }
        #expect(try sink.received().isEmpty)
    }

    @Test("one sender, many replies (its connection reused), a refused one among them: every accepted reply arrives with its own envelope")
    func manyRepliesThroughOneSender() async throws {
        let sink = try SMTPSink(mode: .plain, reject: ["gone@example.org"])
        defer { sink.stop() }
        let sender = CurlSMTPSender(settings: SMTPSettings(url: sink.url, allowPlaintext: true, timeouts: Self.quick))
        var refused: [String] = []
        for address in ["a@example.org", "gone@example.org", "b@example.org", "c@example.org"] {
            do {
                _ = try await sender.send(Self.mail(to: [address]))
            } catch let error as TransportError {
                if case .rejectedRecipient(let named) = error.code { refused.append(named) }
            }
        }
        #expect(refused == ["gone@example.org"])
        let received = try sink.received()
        #expect(received.map(\.recipients) == [["a@example.org"], ["b@example.org"], ["c@example.org"]])
        #expect(received.allSatisfy { $0.bytes == SMTPWireFormat.normalizedLineEndings(Self.message) })
    }

    @Test("replies after the first go over the same STARTTLS + AUTH session and all arrive")
    func manyRepliesOverSTARTTLS() async throws {
        let sink = try SMTPSink(mode: .starttls, user: "bot", password: "pa55word")
        defer { sink.stop() }
        let sender = CurlSMTPSender(
            settings: SMTPSettings(
                url: sink.url, username: "bot", credential: .password("pa55word"), caFile: sink.caFile, timeouts: Self.patient))
        for index in 1...5 { _ = try await sender.send(Self.mail(to: ["p\(index)@example.org"])) }
        #expect(try sink.received().map(\.recipients) == (1...5).map { ["p\($0)@example.org"] })
    }

    @Test("a server that is down is connection refused")
    func serverDown() async throws {
        let port = try FreePort.next()
        await expectFailure(SMTPSettings(url: "smtp://127.0.0.1:\(port)", allowPlaintext: true, timeouts: Self.quick)) {
            $0 == .connectionRefused
        }
    }

    @Test("a server that accepts and never answers times out")
    func silentServerTimesOut() async throws {
        let sink = try SMTPSink(mode: .hang)
        defer { sink.stop() }
        let start = ContinuousClock.now
        let timeouts = TransportTimeouts(connect: .seconds(2), stall: .seconds(2), total: .seconds(3))
        await expectFailure(SMTPSettings(url: sink.url, allowPlaintext: true, timeouts: timeouts)) { $0 == .timeout }
        // curl gives up after 3 s; the bound is generous because the whole suite shares two
        // cores and a continuation may wait for a cooperative thread. A hang would never end.
        #expect(ContinuousClock.now - start < .seconds(120))
    }
}

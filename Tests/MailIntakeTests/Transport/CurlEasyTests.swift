import CCurl
import Foundation
import Testing

@testable import MailIntake

@Suite("The curl wrapper")
struct CurlEasyTests {
    @Test("a closed port is reported as connection refused, with host and curl's own text")
    func closedPortIsConnectionRefused() throws {
        let easy = try CurlEasy()
        let port = try FreePort.next()
        try easy.set(CURLOPT_URL, "imap://127.0.0.1:\(port)/INBOX")
        try easy.apply(TransportTimeouts(connect: .seconds(5)))
        let outcome = easy.perform()
        #expect(!outcome.succeeded)
        let error = TransportError(curl: outcome, host: "127.0.0.1:\(port)", mailbox: "INBOX", operation: "SELECT INBOX")
        #expect(error.code == .connectionRefused)
        #expect(error.curlCode == 7)
        #expect(error.description.contains("127.0.0.1:\(port)"))
        #expect(error.description.contains("check the host and port"))
        #expect(!error.curlText.isEmpty)
    }

    @Test("login denied is told apart from a missing mailbox by the server's words")
    func loginDeniedVersusMissingMailbox() {
        let denied = TransportError.code(for: CURLE_LOGIN_DENIED, serverLine: "A002 NO [AUTHENTICATIONFAILED] Authentication failed.")
        let missing = TransportError.code(for: CURLE_LOGIN_DENIED, serverLine: "A003 NO [NONEXISTENT] Mailbox doesn't exist: Nope")
        #expect(denied == .authenticationFailed)
        #expect(missing == .unknownMailbox)
        #expect(TransportError.code(for: CURLE_QUOTE_ERROR, serverLine: "A4 NO [CANNOT] no") == .serverSaidNo("A4 NO [CANNOT] no"))
        #expect(TransportError.code(for: CURLE_OPERATION_TIMEDOUT, serverLine: "") == .timeout)
    }

    @Test("descriptions never contain a secret and say what to do")
    func descriptionsAreActionable() throws {
        let error = TransportError(.messageTooLarge(size: 5_000_000, limit: 1_000_000), host: "mail.example.org:993", mailbox: "INBOX", uid: 42, operation: "UID FETCH 42")
        #expect(error.description.contains("UID 42"))
        #expect(error.description.contains("max_message_bytes"))
        #expect(!error.isTransient)
        #expect(TransportCredential.password("hunter2").description.contains("hunter2") == false)
        #expect(transportHost(of: "imaps://user:pw@mail.example.org:993/INBOX") == "mail.example.org:993")
    }

    @Test("a password file is read at connection time, first line only")
    func passwordFileIsRead() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)")
        try "s3cret\nignored\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try TransportCredential.passwordFile(file.path).resolve() == .password("s3cret"))
        #expect(throws: CredentialError.self) { try TransportCredential.passwordFile(file.path + ".missing").resolve() }
        #expect(throws: CredentialError.self) { try TransportCredential.passwordEnvironment("MAILBOT_NO_SUCH_VAR_\(UUID().uuidString.prefix(6))").resolve() }
    }
}

import CCurl
import Foundation

/// Sends replies through an SMTP server with libcurl: SMTPS or STARTTLS (plaintext only when
/// allowed), AUTH with the configured credential, certificates always verified.
///
/// Recipients are all-or-nothing: CURLOPT_MAIL_RCPT_ALLLOWFAILS stays off, so a recipient the
/// server refuses fails the whole send with `.rejectedRecipient(address)` and nothing is
/// delivered. A half-delivered reply would be worse: retrying it would send a second copy to
/// the recipients that did accept it. Replies have one recipient, the requester, so in
/// practice the error names exactly the address to look at.
///
/// Each send has its own easy handle and runs on a thread of its own: `curl_easy_perform`
/// blocks, and must tie up neither Swift's cooperative threads nor dispatch's small shared
/// pool (where other blocking work could make a send wait far longer than its own timeouts).
/// The handles share one connection cache (`CurlConnectionShare`), so a run of replies goes
/// over one SMTP session (MAIL, RCPT, DATA per reply) instead of a new connection, greeting,
/// EHLO and AUTH each; libcurl reconnects by itself when the server has closed it.
public struct CurlSMTPSender: MailSender {
    public let settings: SMTPSettings
    /// Nil only when libcurl could not make a share handle: then each send connects anew.
    private let share: CurlConnectionShare?

    public init(settings: SMTPSettings) {
        self.settings = settings
        share = try? CurlConnectionShare()
    }

    public func send(_ mail: OutgoingMail) async throws -> SendOutcome {
        let settings = self.settings
        let share = self.share
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                continuation.resume(with: Result { try Self.sendBlocking(mail, settings: settings, share: share) })
            }
            thread.name = "mail-intake.smtp"
            thread.start()
        }
        return .sent
    }

    /// The whole SMTP transaction on the calling thread.
    static func sendBlocking(_ mail: OutgoingMail, settings: SMTPSettings, share: CurlConnectionShare? = nil) throws {
        let host = settings.host
        let operation = "SMTP send of \(mail.name)"
        func failure(_ code: TransportError.Code, _ text: String = "") -> TransportError {
            TransportError(code, host: host, operation: operation, curlText: text)
        }
        guard let from = SMTPWireFormat.envelopeAddress(mail.envelopeFrom) else {
            throw failure(.other, "the envelope sender \"\(mail.envelopeFrom)\" is not a usable address")
        }
        guard !mail.recipients.isEmpty else { throw failure(.other, "the message has no recipient") }
        var recipients: [String] = []
        for address in mail.recipients {
            guard let recipient = SMTPWireFormat.envelopeAddress(address) else {
                throw failure(.rejectedRecipient(address), "not a usable address; nothing was sent")
            }
            recipients.append(recipient)
        }
        let resolved: ResolvedCredential
        do {
            resolved = try settings.credential.resolve()
        } catch {
            throw failure(.authenticationFailed, error.description)
        }

        let payload = SMTPWireFormat.normalizedLineEndings(mail.bytes)
        let easy: CurlEasy
        var lines = SMTPResponseLog()
        do {
            easy = try CurlEasy()
            if let share { try easy.use(share) }
            try easy.set(CURLOPT_URL, settings.url)
            try easy.applyConnection(settings.connectionOptions, resolved: resolved)
            try easy.set(CURLOPT_MAIL_FROM, from)
            try easy.set(CURLOPT_MAIL_RCPT, list: recipients)
            try easy.set(CURLOPT_MAIL_RCPT_ALLLOWFAILS, 0)
            try easy.set(CURLOPT_UPLOAD, 1)
            try easy.set(CURLOPT_INFILESIZE_LARGE, large: Int64(payload.count))
        } catch {
            throw failure(.other, error.description)
        }
        var offset = 0
        easy.onRead = { buffer in
            let count = min(buffer.count, payload.count - offset)
            guard count > 0 else { return 0 }
            payload.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
            }
            offset += count
            return count
        }
        easy.onHeader = { bytes in
            lines.append(bytes)
            return true
        }
        let outcome = easy.perform()
        guard !outcome.succeeded else { return }
        let serverLine = lines.lastFailure ?? lines.lastReply
        if outcome.text.hasPrefix("RCPT failed") {
            let address = Self.refusedRecipient(in: serverLine, among: mail.recipients)
            throw TransportError(
                .rejectedRecipient(address), host: host, operation: operation, curlCode: outcome.rawCode,
                curlText: outcome.text + (serverLine.isEmpty ? "" : "; server said: \(serverLine)") + "; nothing was sent")
        }
        var error = TransportError(curl: outcome, host: host, operation: operation, serverLine: serverLine)
        if case .other = error.code, (500...599).contains(easy.responseCode) {
            error.code = .serverSaidNo(serverLine.isEmpty ? "\(easy.responseCode)" : serverLine)
        }
        throw error
    }

    /// Which recipient the server refused: the one its reply names, the only one there is,
    /// or (several, none named) all of them as "one of …".
    static func refusedRecipient(in serverLine: String, among recipients: [String]) -> String {
        let line = serverLine.lowercased()
        if let named = recipients.first(where: { line.contains($0.lowercased()) }) { return named }
        if recipients.count == 1 { return recipients[0] }
        return "one of " + recipients.joined(separator: ", ")
    }
}

/// The server's reply lines as the header callback hands them over, kept to name a refusal.
struct SMTPResponseLog {
    private(set) var replies: [String] = []

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !line.isEmpty { replies.append(line) }
        if replies.count > 200 { replies.removeFirst(100) }
    }

    /// The last reply line.
    var lastReply: String { replies.last ?? "" }

    /// The last 4xx or 5xx reply, e.g. "550 5.1.1 <x@example.org>: mailbox unavailable"
    /// (libcurl says QUIT after a failure, so the very last line is usually "221 Bye").
    var lastFailure: String? {
        replies.last { $0.first == "4" || $0.first == "5" }
    }
}

import Foundation
import MIMEParser

/// Writes the acknowledgement as a complete RFC 5322 message: multipart/alternative with a
/// text/plain and a text/html part rendered from the same template (``ReplyDocument``), in
/// the requester's language with English below, quoted-printable UTF-8, CRLF, RFC 2047 for a
/// non-ASCII subject, `Content-Language` set.
///
/// Pure: the clock (`now`) and the calendar come in as arguments; the Message-ID and the
/// boundary are derived from the case id, so composing twice gives the same bytes.
public struct ReplyComposer: Sendable {
    /// What the reply is about.
    public struct Input: Sendable {
        public var intakeCase: IntakeCase
        /// The attachments this message brought (for a follow-up, only the new ones).
        public var newAttachments: [IntakeCase.Attachment]
        public var to: MailAddress
        public var originalSubject: String
        public var originalMessageID: String?
        public var originalReferences: [String]
        /// 1 for the first acknowledgement, 2 for the reply to the first follow-up, …
        public var sequence: Int
        public var now: Date
        /// The UTC offset of the incoming Date header (seconds): windows are also given in that time.
        public var requesterOffsetSeconds: Int?
        /// This message chose a callback window: the reply confirms it.
        public var bookedNow: Bool
        /// What this message did to the callback (chosen, unclear, moved, cancelled).
        public var booking: BookingOutcome

        public init(
            intakeCase: IntakeCase, newAttachments: [IntakeCase.Attachment], to: MailAddress, originalSubject: String,
            originalMessageID: String?, originalReferences: [String], sequence: Int, now: Date,
            requesterOffsetSeconds: Int? = nil, bookedNow: Bool = false, booking: BookingOutcome = .unchanged
        ) {
            self.requesterOffsetSeconds = requesterOffsetSeconds
            self.bookedNow = bookedNow
            self.booking = booking
            self.intakeCase = intakeCase
            self.newAttachments = newAttachments
            self.to = to
            self.originalSubject = originalSubject
            self.originalMessageID = originalMessageID
            self.originalReferences = originalReferences
            self.sequence = sequence
            self.now = now
        }
    }

    public var configuration: IntakeConfiguration

    public init(configuration: IntakeConfiguration) {
        self.configuration = configuration
    }

    /// The whole message.
    public func compose(_ input: Input) -> OutgoingMail {
        let c = input.intakeCase
        let messageID = ThreadMatcher.messageID(caseId: c.caseId, sequence: input.sequence, domain: configuration.messageIdDomain)
        // Hostile ids could make header lines longer than RFC 5322's 998: drop absurd ones.
        let originalID = input.originalMessageID.flatMap { $0.utf8.count <= 250 ? MailEncoding.singleLine($0) : nil }
        var refs = input.originalReferences.filter { $0.utf8.count <= 250 }.map(MailEncoding.singleLine)
        if let id = originalID, !refs.contains(id) { refs.append(id) }
        // Keep References short (RFC 5322 §3.6.4 allows trimming the middle): first and the last nine.
        if refs.count > 10 { refs = [refs[0]] + refs.suffix(9) }
        var headers: [String] = [
            "From: " + MailEncoding.mailbox(configuration.clinicFrom),
            "To: " + MailEncoding.mailbox(MailAddress(name: input.to.name.map { Self.shortened(MailEncoding.singleLine($0), to: 80) }, address: input.to.address)),
            "Subject: " + MailEncoding.headerText(subject(input.originalSubject, caseId: c.caseId)),
            "Date: " + MailEncoding.date(input.now),
            "Message-ID: " + messageID,
        ]
        if let id = originalID { headers.append("In-Reply-To: " + id) }
        if !refs.isEmpty { headers.append("References: " + refs.joined(separator: "\r\n ")) }
        let document = document(input)
        let boundary = "=_reply_\(c.caseId)_\(input.sequence)"
        headers += [
            "Auto-Submitted: auto-replied",
            "X-Auto-Response-Suppress: All",
            "Content-Language: " + document.contentLanguage,
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        var message = headers.joined(separator: "\r\n") + "\r\n\r\n"
        message += "This is a message in several formats (plain text and HTML).\r\n"
        for (type, body) in [("text/plain", document.plainText), ("text/html", document.html)] {
            message += "\r\n--\(boundary)\r\n"
            message += "Content-Type: \(type); charset=utf-8\r\n"
            message += "Content-Transfer-Encoding: quoted-printable\r\n"
            message += "Content-Language: \(document.contentLanguage)\r\n\r\n"
            message += MailEncoding.quotedPrintable(body)
        }
        message += "\r\n--\(boundary)--\r\n"
        return OutgoingMail(
            envelopeFrom: configuration.clinicFrom.address, recipients: [input.to.address], bytes: Array(message.utf8),
            name: "\(c.caseId)-\(input.sequence)")
    }

    /// The reply's text and HTML, in the case's language (English below when it is not English).
    public func document(_ input: Input) -> ReplyDocument {
        ReplyDocument(
            .init(
                intakeCase: input.intakeCase, newAttachments: input.newAttachments, name: input.to.name,
                sequence: input.sequence, now: input.now, requesterOffsetSeconds: input.requesterOffsetSeconds,
                bookedNow: input.bookedNow, booking: input.booking),
            language: input.intakeCase.language, configuration: configuration, templates: configuration.replyTemplates)
    }

    /// The text part, as the requester reads it.
    public func body(_ input: Input) -> String { document(input).plainText }

    /// "Re: <subject> [SMO-2026-000123]", without doubling "Re:" or the reference.
    func subject(_ original: String, caseId: String) -> String {
        var s = Self.shortened(MailEncoding.singleLine(original).trimmingCharacters(in: .whitespaces), to: 120)
        if s.isEmpty { s = "Your second opinion request" }
        let lower = s.lowercased()
        if !(lower.hasPrefix("re:") || lower.hasPrefix("re :")) { s = "Re: " + s }
        if !s.uppercased().contains(caseId) { s += " [\(caseId)]" }
        return s
    }

    /// At most `limit` characters, with "…" when cut.
    static func shortened(_ s: String, to limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }

    static func isDICOM(_ a: IntakeCase.Attachment) -> Bool {
        a.detectedType == FileKind.dicom.mimeType || (a.detail ?? "").contains("DICOM")
    }
}

import Foundation
import MIMEParser

/// Writes the acknowledgement: a complete RFC 5322 message (CRLF, quoted-printable UTF-8)
/// telling the requester their case reference, what was received and what was not (and why,
/// in plain words), what is missing, when an administrator will call, and the services.
///
/// Pure: the clock (`now`) and the calendar come in as arguments; the Message-ID is derived
/// from the case id, so composing twice gives the same bytes.
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

        public init(
            intakeCase: IntakeCase, newAttachments: [IntakeCase.Attachment], to: MailAddress, originalSubject: String,
            originalMessageID: String?, originalReferences: [String], sequence: Int, now: Date
        ) {
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
        headers += [
            "Auto-Submitted: auto-replied",
            "X-Auto-Response-Suppress: All",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        let text = body(input)
        let message = headers.joined(separator: "\r\n") + "\r\n\r\n" + MailEncoding.quotedPrintable(text) + "\r\n"
        return OutgoingMail(
            envelopeFrom: configuration.clinicFrom.address, recipients: [input.to.address], bytes: Array(message.utf8),
            name: "\(c.caseId)-\(input.sequence)")
    }

    /// "Re: <subject> [SMO-2026-000123]", without doubling "Re:" or the reference.
    func subject(_ original: String, caseId: String) -> String {
        var s = Self.shortened(MailEncoding.singleLine(original).trimmingCharacters(in: .whitespaces), to: 120)
        if s.isEmpty { s = "Your second opinion request" }
        let lower = s.lowercased()
        if !(lower.hasPrefix("re:") || lower.hasPrefix("re :")) { s = "Re: " + s }
        if !s.uppercased().contains(caseId) { s += " [\(caseId)]" }
        return s
    }

    /// The text of the reply, in plain English.
    public func body(_ input: Input) -> String {
        let c = input.intakeCase
        var p: [String] = []
        let name = input.to.name.map(MailEncoding.singleLine)?.trimmingCharacters(in: .whitespaces) ?? ""
        p.append(name.isEmpty ? "Dear Sir or Madam," : "Dear \(name),")
        let isFollowUp = input.sequence > 1
        p.append(
            isFollowUp
                ? "Thank you for your message. We have added it to your case, reference \(c.caseId)."
                : "Thank you for your request for a second medical opinion. Your case reference is \(c.caseId). Please keep it in the subject line of any reply.")
        let accepted = input.newAttachments.filter { $0.status == .accepted }
        let rejected = input.newAttachments.filter { $0.status == .rejected }
        if !accepted.isEmpty {
            p.append(
                "We received:\n" + accepted.map { "- \($0.filename) (\(roleWords($0.role)))" }.joined(separator: "\n"))
        } else if !isFollowUp {
            p.append("We did not receive any files with your request.")
        }
        if !rejected.isEmpty {
            p.append(
                "We could not accept:\n"
                    + rejected.map { "- \($0.filename): \(reasonWords($0.reason))" }.joined(separator: "\n"))
        }
        if rejected.contains(where: { $0.reason == .overImageLimit }) {
            p.append(
                "You sent more than \(configuration.limits.maxImages) images. We have kept the first \(configuration.limits.maxImages); a member of our team will contact you to arrange the rest.")
        }
        if input.newAttachments.contains(where: Self.isDICOM) {
            p.append(
                "Scans in DICOM format (the files on a hospital CD or DVD) cannot be sent by email. Please keep the disc: when our administrator calls, they will arrange for you to send it to us by post or courier, or to upload it securely. Please do not email the files.")
        }
        let missing = missingWords(c)
        if !missing.isEmpty {
            p.append("To arrange your second opinion we still need:\n" + missing.map { "- " + $0 }.joined(separator: "\n"))
        }
        p.append(callbackWords(c, now: input.now))
        p.append(
            "Our services:\n- Records review: from \(configuration.recordsReviewPrice)\n- Records and images review: from \(configuration.recordsAndImagesReviewPrice)\nFrom what you sent, your request is for a \(c.service == .recordsAndImagesReview ? "records and images review" : "records review").")
        p.append("This is an automatic acknowledgement; a person will be in touch.\n\nKind regards,\n\(configuration.clinicFrom.name ?? "The Second Medical Opinion team")")
        return p.joined(separator: "\n\n") + "\n"
    }

    /// At most `limit` characters, with "…" when cut.
    static func shortened(_ s: String, to limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }

    static func isDICOM(_ a: IntakeCase.Attachment) -> Bool {
        a.detectedType == FileKind.dicom.mimeType || (a.detail ?? "").contains("DICOM")
    }

    func roleWords(_ r: IntakeCase.Attachment.Role) -> String {
        switch r {
        case .report: "medical report"
        case .image: "image"
        case .guaranteeLetter: "letter of guarantee"
        case .other: "other document"
        }
    }

    /// Each reason code in plain words.
    public func reasonWords(_ r: IntakeCase.RejectionReason?) -> String {
        let limit = AttachmentRules.megabytes(configuration.limits.maxFileBytes)
        switch r {
        case .tooLarge: return "the file is too large; each file must be smaller than \(limit)"
        case .typeNotAllowed: return "we cannot accept this type of file by email"
        case .typeMismatch: return "the file's content does not match its name, so we could not open it safely"
        case .overImageLimit: return "we can accept up to \(configuration.limits.maxImages) images by email"
        case .empty: return "the file was empty"
        case .unreadable: return "we could not open the file (it may be damaged or password-protected)"
        case .duplicate: return "it is a copy of a file we already have"
        case .infected: return "our virus scanner found a problem with it, so it was not kept"
        case nil: return "it could not be accepted"
        }
    }

    func missingWords(_ c: IntakeCase) -> [String] {
        var out: [String] = []
        for issue in c.issues {
            switch issue {
            case .missingDescription:
                out.append("a short description of the medical condition and the question you would like answered")
            case .missingReport: out.append("your medical reports or records (for example a hospital letter or test results)")
            case .missingImages: out.append("the images you mentioned (up to \(configuration.limits.maxImages) pictures: gif, jpg or png, or a zip of them)")
            case .termsNotConfirmed:
                out.append("your confirmation of our terms and conditions: please reply with \"I accept the terms and conditions\"")
            case .guaranteeLetterRequired:
                out.append("a letter of guarantee from the sponsoring embassy or health office, which we need before the opinion can be arranged")
            default: break
            }
        }
        if c.requester.preferredContact == .unknown {
            out.append("how you would prefer us to contact you: by phone (with your number) or by email")
        }
        return out
    }

    /// When the call will come: the chosen window, else the deadline and the windows still
    /// ahead of `now` (numbered as first offered, so a reply "2" always means the same window).
    func callbackWords(_ c: IntakeCase, now: Date) -> String {
        let cal = configuration.calendar
        if let booked = c.callback.booked {
            return "An administrator will call you on \(Self.spokenDay(booked.start, calendar: cal)) between \(Self.clock(booked.start, calendar: cal)) and \(Self.clock(booked.end, calendar: cal)) (London time), the window you chose."
        }
        var s = "An administrator will contact you by \(Self.spokenTime(c.callback.due, calendar: cal)) (London time)."
        let ahead = c.callback.slots.enumerated().filter { $0.element.start > now }
        if !ahead.isEmpty {
            s += " If you would like a call at a particular time, reply with the number of one of these windows:\n"
            s += ahead.map { i, slot in
                "\(i + 1). \(Self.spokenDay(slot.start, calendar: cal)), \(Self.clock(slot.start, calendar: cal)) to \(Self.clock(slot.end, calendar: cal))"
            }.joined(separator: "\n")
        }
        return s
    }

    /// "5pm on Monday 30 November 2026".
    public static func spokenTime(_ d: Date, calendar: BusinessCalendar) -> String {
        "\(clock(d, calendar: calendar)) on \(spokenDay(d, calendar: calendar))"
    }

    /// "Monday 30 November 2026".
    static func spokenDay(_ d: Date, calendar: BusinessCalendar) -> String {
        let day = calendar.localDay(of: d)
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\(names[day.isoWeekday - 1]) \(day.day) \(months[day.month - 1]) \(day.year)"
    }

    /// "5pm", "9:30am", "12pm".
    static func clock(_ d: Date, calendar: BusinessCalendar) -> String {
        let (h, m) = calendar.localTime(of: d)
        let hour12 = h % 12 == 0 ? 12 : h % 12
        let suffix = h < 12 ? "am" : "pm"
        return m == 0 ? "\(hour12)\(suffix)" : "\(hour12):\(m < 10 ? "0" : "")\(m)\(suffix)"
    }
}

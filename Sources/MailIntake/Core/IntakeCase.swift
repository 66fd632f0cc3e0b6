import Foundation

/// A second-opinion case exactly as `case.json` stores it (schema `second-opinion-case/1`).
///
/// Field names and string values are the outside contract (`shared/CONTRACT.md`):
/// administrators' scripts read them. Add fields freely; rename nothing.
public struct IntakeCase: Codable, Sendable, Equatable {
    public var schema: String = IntakeCase.schemaName
    public var caseId: String
    public var receivedAt: Date
    public var messageId: String?
    public var requester: Requester
    public var service: Service
    public var description: String
    public var attachments: [Attachment]
    public var embassy: Embassy
    public var issues: [IssueCode]
    public var callback: Callback
    public var reply: Reply
    /// Additive: later messages in the same thread that joined this case, oldest first.
    public var followUps: [FollowUp]?
    /// Additive: the request's subject as decoded (for people; never used to decide anything).
    public var subject: String? = nil
    /// The language the request is written in (its description); the acknowledgement is
    /// written in it. `en` when unsure.
    public var language: Language = .en
    /// Who the opinion is for: the requester, or someone they write on behalf of.
    public var patient: Patient = Patient()
    /// Additive: the case this message cited (a reference or a reply) without coming from
    /// that case's requester; set together with the issue `claims-existing-case`, null otherwise.
    public var claimsCase: String? = nil
    /// Additive (not in the contract): the requester's own sentences about images still to
    /// arrange (more than they sent, a disc, DICOM files, several sets), for the administrator
    /// who arranges them; null when they said nothing of the kind.
    public var imagesToArrangeWords: [String]? = nil

    public static let schemaName = "second-opinion-case/1"

    enum CodingKeys: String, CodingKey {
        case schema, caseId, receivedAt, messageId, requester, service, description, attachments
        case embassy, issues, callback, reply, followUps, subject, language, patient, claimsCase, imagesToArrangeWords
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decodeIfPresent(String.self, forKey: .schema) ?? IntakeCase.schemaName
        caseId = try c.decode(String.self, forKey: .caseId)
        receivedAt = try c.decode(Date.self, forKey: .receivedAt)
        messageId = try c.decodeIfPresent(String.self, forKey: .messageId)
        requester = try c.decode(Requester.self, forKey: .requester)
        service = try c.decode(Service.self, forKey: .service)
        description = try c.decode(String.self, forKey: .description)
        attachments = try c.decode([Attachment].self, forKey: .attachments)
        embassy = try c.decode(Embassy.self, forKey: .embassy)
        issues = try c.decode([IssueCode].self, forKey: .issues)
        callback = try c.decode(Callback.self, forKey: .callback)
        reply = try c.decode(Reply.self, forKey: .reply)
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        followUps = try c.decodeIfPresent([FollowUp].self, forKey: .followUps)
        // Cases written before these fields existed read as English, requester = patient.
        language = try c.decodeIfPresent(Language.self, forKey: .language) ?? .en
        patient = try c.decodeIfPresent(Patient.self, forKey: .patient) ?? Patient()
        claimsCase = try c.decodeIfPresent(String.self, forKey: .claimsCase)
        imagesToArrangeWords = try c.decodeIfPresent([String].self, forKey: .imagesToArrangeWords)
    }

    // Every key is always present: `messageId` is written as null rather than left out, so
    // scripts can rely on the field. A stored property added above must be added here too.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(caseId, forKey: .caseId)
        try c.encode(receivedAt, forKey: .receivedAt)
        try c.encode(messageId, forKey: .messageId)
        try c.encode(requester, forKey: .requester)
        try c.encode(service, forKey: .service)
        try c.encode(description, forKey: .description)
        try c.encode(attachments, forKey: .attachments)
        try c.encode(embassy, forKey: .embassy)
        try c.encode(issues, forKey: .issues)
        try c.encode(callback, forKey: .callback)
        try c.encode(reply, forKey: .reply)
        try c.encodeIfPresent(followUps, forKey: .followUps)
        try c.encode(subject, forKey: .subject)
        try c.encode(language, forKey: .language)
        try c.encode(patient, forKey: .patient)
        try c.encode(claimsCase, forKey: .claimsCase)
        try c.encode(imagesToArrangeWords, forKey: .imagesToArrangeWords)
    }

    public init(
        caseId: String, receivedAt: Date, messageId: String?, requester: Requester, service: Service,
        description: String, attachments: [Attachment], embassy: Embassy, issues: [IssueCode],
        callback: Callback, reply: Reply, followUps: [FollowUp]? = nil, subject: String? = nil,
        language: Language = .en, patient: Patient = Patient()
    ) {
        self.caseId = caseId
        self.receivedAt = receivedAt
        self.messageId = messageId
        self.requester = requester
        self.service = service
        self.description = description
        self.attachments = attachments
        self.embassy = embassy
        self.issues = issues
        self.callback = callback
        self.reply = reply
        self.followUps = followUps
        self.subject = subject
        self.language = language
        self.patient = patient
    }

    /// The languages a request is read in and answered in.
    public enum Language: String, Codable, Sendable, CaseIterable {
        case en, ar, fr
    }

    /// Who the opinion is for (contract `patient`).
    public struct Patient: Codable, Sendable, Equatable {
        /// The patient's name when the text gives it (or the requester's own, when not on behalf).
        public var name: String?
        /// True when the writer is not the patient: a relative, a carer, an embassy for its national.
        public var onBehalf: Bool
        /// "mother", "father", "national", … when the text says.
        public var relationship: String?

        public init(name: String? = nil, onBehalf: Bool = false, relationship: String? = nil) {
            self.name = name
            self.onBehalf = onBehalf
            self.relationship = relationship
        }

        // Every key always present, null when unknown.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(onBehalf, forKey: .onBehalf)
            try c.encode(relationship, forKey: .relationship)
        }
    }

    /// Additive: one later message of the thread, joined to the case.
    public struct FollowUp: Codable, Sendable, Equatable {
        public var messageId: String?
        public var receivedAt: Date
        /// The raw message inside the case folder (`messages/2.eml`).
        public var storedAs: String
        /// The new text the requester wrote (quotes and signature left out).
        public var text: String

        public init(messageId: String?, receivedAt: Date, storedAs: String, text: String) {
            self.messageId = messageId
            self.receivedAt = receivedAt
            self.storedAs = storedAs
            self.text = text
        }
    }

    /// Who asked: the patient, or an embassy sponsoring one.
    public struct Requester: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case patient, embassy }
        public enum PreferredContact: String, Codable, Sendable { case email, phone, unknown }
        public var kind: Kind
        /// The sender's display name (for an embassy, the officer or office that wrote).
        public var name: String
        public var email: String
        public var phone: String?
        public var preferredContact: PreferredContact

        public init(kind: Kind, name: String, email: String, phone: String?, preferredContact: PreferredContact) {
            self.kind = kind
            self.name = name
            self.email = email
            self.phone = phone
            self.preferredContact = preferredContact
        }

        // `phone` is always present, as null when unknown.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(name, forKey: .name)
            try c.encode(email, forKey: .email)
            try c.encode(phone, forKey: .phone)
            try c.encode(preferredContact, forKey: .preferredContact)
        }
    }

    /// The clinic's two services.
    public enum Service: String, Codable, Sendable {
        case recordsReview = "records-review"
        case recordsAndImagesReview = "records-and-images-review"
    }

    /// One file that came with the request, accepted or not.
    public struct Attachment: Codable, Sendable, Equatable {
        public enum Role: String, Codable, Sendable {
            case report, image
            case guaranteeLetter = "guarantee-letter"
            case other
        }
        public enum Status: String, Codable, Sendable { case accepted, rejected }

        /// The name as sent (decoded), or a generated one when the sender gave none.
        public var filename: String
        /// `attachments/<sanitised name>` when stored, nil when rejected.
        public var storedAs: String?
        public var role: Role
        public var declaredType: String
        public var detectedType: String
        public var size: Int
        public var sha256: String
        public var status: Status
        public var reason: RejectionReason?
        /// Additive: the reason in words for the administrator ("entry scans/../x.jpg points
        /// outside the archive"), or a note on an accepted file ("zip of 3 files").
        public var detail: String?

        public init(
            filename: String, storedAs: String?, role: Role, declaredType: String, detectedType: String,
            size: Int, sha256: String, status: Status, reason: RejectionReason?, detail: String? = nil
        ) {
            self.filename = filename
            self.storedAs = storedAs
            self.role = role
            self.declaredType = declaredType
            self.detectedType = detectedType
            self.size = size
            self.sha256 = sha256
            self.status = status
            self.reason = reason
            self.detail = detail
        }

        // `reason` is always present in the JSON, as null when accepted.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(filename, forKey: .filename)
            try c.encode(storedAs, forKey: .storedAs)
            try c.encode(role, forKey: .role)
            try c.encode(declaredType, forKey: .declaredType)
            try c.encode(detectedType, forKey: .detectedType)
            try c.encode(size, forKey: .size)
            try c.encode(sha256, forKey: .sha256)
            try c.encode(status, forKey: .status)
            try c.encode(reason, forKey: .reason)
            try c.encodeIfPresent(detail, forKey: .detail)
        }
    }

    /// The contract's attachment `reason` codes.
    public enum RejectionReason: String, Codable, Sendable, CaseIterable {
        case tooLarge = "too-large"
        case typeNotAllowed = "type-not-allowed"
        case typeMismatch = "type-mismatch"
        case overImageLimit = "over-image-limit"
        case empty
        case unreadable
        case duplicate
        /// The virus scanner found malware; the file never reaches the share.
        case infected
    }

    /// The contract's case `issues` codes.
    public enum IssueCode: String, Codable, Sendable, CaseIterable {
        case missingDescription = "missing-description"
        case missingReport = "missing-report"
        case missingImages = "missing-images"
        case imagesOverLimit = "images-over-limit"
        case termsNotConfirmed = "terms-not-confirmed"
        case guaranteeLetterRequired = "guarantee-letter-required"
        case attachmentRejected = "attachment-rejected"
        case automaticMessage = "automatic-message"
        /// The requester has more images than can be emailed, a disc, or several sets.
        case imagesToArrange = "images-to-arrange"
        /// The mail server's spam filter marked it; the case is kept, no reply is sent.
        case suspectedSpam = "suspected-spam"
        /// It cites a case (reference or reply) but does not come from that case's requester.
        case claimsExistingCase = "claims-existing-case"
    }

    /// Sponsorship as detected: a signal for a person to verify, not proof.
    public struct Embassy: Codable, Sendable, Equatable {
        public var detected: Bool
        /// Readable reasons, e.g. "sender domain mofa.gov.sa is a known sponsor".
        public var signals: [String]
        public var letterOfGuarantee: Bool
        /// Additive: the sender's authentication as the receiving server recorded it
        /// (RFC 8601 Authentication-Results), e.g. "dmarc=pass dkim=pass", or "not recorded".
        public var authentication: String?

        public init(detected: Bool, signals: [String], letterOfGuarantee: Bool, authentication: String? = nil) {
            self.detected = detected
            self.signals = signals
            self.letterOfGuarantee = letterOfGuarantee
            self.authentication = authentication
        }
    }

    /// When an administrator will call back, and the windows offered.
    public struct Callback: Codable, Sendable, Equatable {
        public struct Slot: Codable, Sendable, Equatable {
            public var start: Date
            public var end: Date
            public init(start: Date, end: Date) {
                self.start = start
                self.end = end
            }
        }
        public var due: Date
        public var timeZone: String
        public var slots: [Slot]
        public var booked: Slot?
        /// When the requester said they would like to be called, or nil.
        public var requested: Requested?
        /// Additive (not in the contract): the latest wish to move or cancel the booked call,
        /// and what came of it; `needs-administrator` is the board's flag for a person to act.
        public var bookingChange: BookingChange?

        /// A later message asked to move or cancel the booked call.
        public struct BookingChange: Codable, Sendable, Equatable {
            public enum Kind: String, Codable, Sendable { case move, cancel }
            /// `rebooked`: a new window was booked from their words; `needs-administrator`:
            /// nothing is booked now and a person must agree a time (or confirm the cancellation).
            public enum Outcome: String, Codable, Sendable {
                case rebooked
                case needsAdministrator = "needs-administrator"
            }
            public var kind: Kind
            /// Their words.
            public var text: String
            public var receivedAt: Date
            /// The window that was booked before, if one was.
            public var previous: Slot?
            public var outcome: Outcome

            public init(kind: Kind, text: String, receivedAt: Date, previous: Slot?, outcome: Outcome) {
                self.kind = kind
                self.text = text
                self.receivedAt = receivedAt
                self.previous = previous
                self.outcome = outcome
            }

            public func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(kind, forKey: .kind)
                try c.encode(text, forKey: .text)
                try c.encode(receivedAt, forKey: .receivedAt)
                try c.encode(previous, forKey: .previous)
                try c.encode(outcome, forKey: .outcome)
            }
        }

        /// The requester's own words about when to call, pinned to windows where possible.
        public struct Requested: Codable, Sendable, Equatable {
            /// Their words, as written.
            public var text: String
            /// The windows those words pin down (empty when they cannot be pinned to times).
            public var windows: [Slot]

            public init(text: String, windows: [Slot]) {
                self.text = text
                self.windows = windows
            }
        }

        public init(due: Date, timeZone: String, slots: [Slot], booked: Slot?, requested: Requested? = nil) {
            self.due = due
            self.timeZone = timeZone
            self.slots = slots
            self.booked = booked
            self.requested = requested
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(due, forKey: .due)
            try c.encode(timeZone, forKey: .timeZone)
            try c.encode(slots, forKey: .slots)
            try c.encode(booked, forKey: .booked)
            try c.encode(requested, forKey: .requested)
            try c.encodeIfPresent(bookingChange, forKey: .bookingChange)
        }
    }

    /// What happened to the acknowledgement.
    public struct Reply: Codable, Sendable, Equatable {
        /// `pending`: written in the case folder, not yet accepted by the mail server;
        /// `sent`: accepted; `queued`: the server could not be reached, it will be retried;
        /// `failed`: refused for good (`reason` holds the server's answer);
        /// `suppressed`: no reply on purpose (`reason` says why).
        public enum Status: String, Codable, Sendable, CaseIterable { case pending, sent, queued, failed, suppressed }
        public var status: Status
        public var reason: String?
        /// Additive: the Message-ID of our latest acknowledgement (follow-ups thread on it).
        public var messageId: String?
        /// Additive: delivery reports received about our replies, in words.
        public var deliveryFailures: [String]?

        public init(status: Status, reason: String?, messageId: String? = nil, deliveryFailures: [String]? = nil) {
            self.status = status
            self.reason = reason
            self.messageId = messageId
            self.deliveryFailures = deliveryFailures
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(status, forKey: .status)
            try c.encode(reason, forKey: .reason)
            try c.encodeIfPresent(messageId, forKey: .messageId)
            try c.encodeIfPresent(deliveryFailures, forKey: .deliveryFailures)
        }
    }
}

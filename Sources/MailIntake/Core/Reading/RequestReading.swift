/// What the reader understood from a request's text: one value per judgement, with the
/// requester's own words where the case records them.
public struct RequestReading: Sendable, Equatable {
    /// The language the text is written in (`en` when unsure).
    public var language: IntakeCase.Language = .en
    /// Imaging named and not negated ("please review my MRI").
    public var imagingAsked = false
    /// Imaging negated ("I don't have any scans") or a records-only wish ("records only").
    public var imagingDeclined = false
    /// "Records only", "just the reports": a records review whatever else is named.
    public var recordsOnly = false
    /// How they want to be contacted, `unknown` when they did not say.
    public var preferredContact: IntakeCase.Requester.PreferredContact = .unknown
    /// The phone number given in the sentence that states a phone preference ("call me on …"), E.164.
    public var contactPhone: String?
    /// The text speaks of a letter of guarantee (in any of its names), not negated.
    public var guaranteeLetterMentioned = false
    /// Sentences saying there are images to arrange (more than sent, a disc, several sets).
    public var imagesToArrange: [String] = []
    /// The largest number of images the text says exist ("I have six CT images"), if any.
    public var statedImageCount: Int?
    /// The sentences that count images ("I have six CT images"), kept for the case's record.
    public var imageCountSentences: [String] = []
    /// Who the opinion is for, as far as the text says.
    public var patient = PatientReading()
    /// When they would like to be called, if they said.
    public var callbackWish: CallbackWish?
    /// A wish to move or cancel a booked call (read in follow-ups).
    public var bookingChange: BookingChange?

    public init() {}

    /// The service the text asks for, or nil when the text does not say.
    public var service: IntakeCase.Service? {
        if recordsOnly { return .recordsReview }
        if imagingAsked { return .recordsAndImagesReview }
        if imagingDeclined { return .recordsReview }
        return nil
    }

    /// Who the opinion is for.
    public struct PatientReading: Sendable, Equatable {
        /// The writer is not the patient.
        public var onBehalf = false
        /// "mother", "national", … as the case records it.
        public var relationship: String?
        /// The patient's name as written, when the text gives it.
        public var name: String?
        public init(onBehalf: Bool = false, relationship: String? = nil, name: String? = nil) {
            self.onBehalf = onBehalf
            self.relationship = relationship
            self.name = name
        }
    }

    /// A wish to move or cancel a booked callback.
    public struct BookingChange: Sendable, Equatable {
        public enum Kind: String, Sendable { case move, cancel }
        public var kind: Kind
        /// Their words.
        public var text: String
        /// When they would rather be called instead (a move), if they said.
        public var wish: CallbackWish?
        /// What they ask for instead: the text from the move on, without the clause naming
        /// the time they leave ("I can't make Monday, …"); a window is chosen only from it.
        public var asked: String
        public init(kind: Kind, text: String, wish: CallbackWish? = nil, asked: String? = nil) {
            self.kind = kind
            self.text = text
            self.wish = wish
            self.asked = asked ?? text
        }
    }
}

extension RequestReading {
    /// The `images-to-arrange` judgement: they said so (more images, a disc, several sets), or
    /// the number of images they say they have is more than they sent, or than email allows.
    public func hasImagesToArrange(imagesSent: Int, limit: Int) -> Bool {
        if !imagesToArrange.isEmpty { return true }
        guard let stated = statedImageCount else { return false }
        return stated > limit || (imagesSent > 0 && stated > imagesSent)
    }

    /// Their own sentences behind the `images-to-arrange` judgement (empty when it does not hold).
    public func imagesToArrangeWords(imagesSent: Int, limit: Int) -> [String] {
        guard hasImagesToArrange(imagesSent: imagesSent, limit: limit) else { return [] }
        var out = imagesToArrange
        if let stated = statedImageCount, stated > limit || (imagesSent > 0 && stated > imagesSent) {
            for s in imageCountSentences where !out.contains(s) { out.append(s) }
        }
        return out
    }
}

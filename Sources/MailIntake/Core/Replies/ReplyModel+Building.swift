import Foundation

extension ReplyModel {
    /// What to say about one case, from one message's point of view.
    public struct Source: Sendable {
        public var intakeCase: IntakeCase
        /// The files this message brought (for a follow-up, only the new ones).
        public var newAttachments: [IntakeCase.Attachment]
        /// The requester's display name as the message gave it.
        public var name: String?
        /// 1 for the first acknowledgement, 2 for the reply to the first follow-up, …
        public var sequence: Int
        /// The moment the reply is composed: nothing in the past is offered.
        public var now: Date
        /// The UTC offset of the message's Date header, in seconds, when it had one.
        public var requesterOffsetSeconds: Int?
        /// This message chose a callback window (it was not booked before).
        public var bookedNow: Bool
        /// What the message did to the callback.
        public var booking: BookingOutcome

        public init(
            intakeCase: IntakeCase, newAttachments: [IntakeCase.Attachment], name: String?, sequence: Int, now: Date,
            requesterOffsetSeconds: Int? = nil, bookedNow: Bool = false, booking: BookingOutcome = .unchanged
        ) {
            self.booking = booking
            self.intakeCase = intakeCase
            self.newAttachments = newAttachments
            self.name = name
            self.sequence = sequence
            self.now = now
            self.requesterOffsetSeconds = requesterOffsetSeconds
            self.bookedNow = bookedNow
        }
    }

    /// The model for `source` in `language`, under `configuration`.
    public init(_ source: Source, language: IntakeCase.Language, configuration: IntakeConfiguration) {
        let c = source.intakeCase
        let cal = configuration.calendar
        let words = ReplyTimeWords(language: language, timeZone: cal.calendar.timeZone)
        let limits = configuration.limits
        let files = source.newAttachments.map { Self.file($0) }
        let issues = Set(c.issues)
        let isFollowUp = source.sequence > 1
        let newFilesOrWords = !source.newAttachments.isEmpty

        self.language = language.rawValue
        caseId = c.caseId
        let trimmed = source.name.map(MailEncoding.singleLine)?.trimmingCharacters(in: .whitespaces) ?? ""
        name = trimmed.isEmpty ? nil : ReplyComposer.shortened(trimmed, to: 80)
        isEmbassy = c.requester.kind == .embassy
        isFirst = !isFollowUp
        self.isFollowUp = isFollowUp
        var moved = false
        if case .moved = source.booking { moved = true }
        isConfirmation = isFollowUp && (source.bookedNow || source.booking == .booked || moved) && !newFilesOrWords
        self.files = files
        accepted = files.filter(\.accepted)
        rejected = files.filter { !$0.accepted }
        hasAccepted = !accepted.isEmpty
        hasRejected = !rejected.isEmpty
        noFiles = !isFollowUp && files.isEmpty
        missing = Missing(
            any: false, description: issues.contains(.missingDescription), report: issues.contains(.missingReport),
            images: issues.contains(.missingImages), terms: issues.contains(.termsNotConfirmed),
            letter: issues.contains(.guaranteeLetterRequired), contact: c.requester.preferredContact == .unknown)
        missing.any = missing.description || missing.report || missing.images || missing.terms || missing.letter || missing.contact
        let disc = source.newAttachments.contains(where: ReplyComposer.isDICOM) || files.contains { $0.why.brokenImage }
        let overLimit = source.newAttachments.contains { $0.reason == .overImageLimit }
        let toArrange = issues.contains(.imagesToArrange) || overLimit
        images = Images(
            requested: c.service == .recordsAndImagesReview, overLimit: overLimit, toArrange: toArrange, disc: disc,
            mentionPhone: c.service == .recordsAndImagesReview || toArrange || disc || missing.images)
        let imagesReview = c.service == .recordsAndImagesReview
        service = Service(
            recordsReview: !imagesReview, recordsAndImagesReview: imagesReview,
            price: imagesReview ? configuration.recordsAndImagesReviewPrice : configuration.recordsReviewPrice,
            recordsPrice: configuration.recordsReviewPrice, recordsAndImagesPrice: configuration.recordsAndImagesReviewPrice)
        callback = Self.callback(c, source: source, words: words, calendar: cal)
        sponsor = Sponsor(
            detected: c.embassy.detected || issues.contains(.guaranteeLetterRequired),
            letterRequired: issues.contains(.guaranteeLetterRequired), letterReceived: c.embassy.letterOfGuarantee)
        let clinicDetails = configuration.clinic
        clinic = Clinic(
            name: clinicDetails.name, phone: clinicDetails.phone, imagesPhone: clinicDetails.imagesPhone,
            termsURL: clinicDetails.termsURL)
        maxFileSize = words.megabytes(limits.maxFileBytes)
        maxImages = words.number(limits.maxImages)
    }

    static func file(_ a: IntakeCase.Attachment) -> File {
        var why = Why()
        let lowerName = a.filename.lowercased()
        let isHEIC = a.detectedType.contains("heic") || a.detectedType.contains("heif")
            || lowerName.hasSuffix(".heic") || lowerName.hasSuffix(".heif")
        switch a.reason {
        case .tooLarge: why.tooLarge = true
        case .typeNotAllowed:
            why.typeNotAllowed = true
            if ReplyComposer.isDICOM(a) { why.dicom = true } else if isHEIC { why.heic = true } else { why.otherType = true }
        case .typeMismatch: why.typeMismatch = true
        case .overImageLimit: why.overImageLimit = true
        case .empty: why.empty = true
        case .unreadable:
            why.unreadable = true
            why.brokenImage = a.role == .image || a.detectedType.hasPrefix("image/")
        case .duplicate: why.duplicate = true
        case .infected: why.infected = true
        case nil: break
        }
        return File(
            name: ReplyComposer.shortened(MailEncoding.singleLine(a.filename), to: 120),
            accepted: a.status == .accepted,
            role: Role(report: a.role == .report, image: a.role == .image, letter: a.role == .guaranteeLetter, other: a.role == .other),
            why: why)
    }

    /// The deadline and the windows still ahead, numbered as first offered (so "2" always
    /// means the same window), each also in the requester's own time when it differs.
    static func callback(_ c: IntakeCase, source: Source, words: ReplyTimeWords, calendar: BusinessCalendar) -> Callback {
        let office = calendar.calendar.timeZone
        var own: TimeZone?
        if let offset = source.requesterOffsetSeconds, offset != office.secondsFromGMT(for: source.now),
            let zone = TimeZone(secondsFromGMT: offset)
        {
            own = zone
        }
        func slot(_ s: IntakeCase.Callback.Slot, number: Int) -> Slot {
            var ownWords: String?
            if let own {
                ownWords = "\(words.day(s.start, zone: own)), \(words.clock(s.start, zone: own))–\(words.clock(s.end, zone: own))"
            }
            return Slot(number: number, day: words.day(s.start), from: words.clock(s.start), to: words.clock(s.end), own: ownWords)
        }
        let ahead = c.callback.booked == nil
            ? c.callback.slots.enumerated().filter { $0.element.start > source.now }.map { slot($0.element, number: $0.offset + 1) }
            : []
        let open = calendar.instant(on: calendar.localDay(of: source.now), hour: calendar.openHour)
        let close = calendar.instant(on: calendar.localDay(of: source.now), hour: calendar.closeHour)
        let hours = words.clock(open) + (words.language == .ar ? " – " : words.language == .fr ? " à " : " to ") + words.clock(close)
        let dueDay = CallbackScheduler(calendar: calendar).promisedDay(due: c.callback.due, now: source.now)
        var change = Change()
        switch source.booking {
        case .unchanged, .booked: break
        case .unclear: change.choiceUnclear = true
        case .moved(let from):
            change.moved = true
            change.previous = slot(from, number: 0)
        case .changeToArrange(let from):
            change.toArrange = true
            change.previous = from.map { slot($0, number: 0) }
        case .cancelled(let from):
            change.cancelled = true
            change.previous = from.map { slot($0, number: 0) }
        }
        change.any = change.choiceUnclear || change.moved || change.toArrange || change.cancelled
        return Callback(
            dueDay: words.day(calendar.endOfDay(dueDay)), booked: c.callback.booked.map { slot($0, number: 0) }, slots: ahead,
            hasSlots: !ahead.isEmpty, requested: c.callback.requested.map { ReplyComposer.shortened(MailEncoding.singleLine($0.text), to: 200) },
            ownZone: own.map { ReplyTimeWords.zoneLabel(offsetSeconds: $0.secondsFromGMT()) }, officeZone: office.identifier, officeHours: hours,
            change: change)
    }
}

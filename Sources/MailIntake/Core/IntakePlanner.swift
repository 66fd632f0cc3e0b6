import Foundation
import MIMEParser

/// Turns one message into an `IntakePlan`: the case (new, or an existing one joined by a
/// follow-up), the files to store, the acknowledgement or why there is none, and the
/// actions for the runner. Pure: the received time, `now`, the case id and the existing
/// case are arguments; nothing here reads the clock or the disk.
public struct IntakePlanner: Sendable {
    public var configuration: IntakeConfiguration
    /// Windows already promised to other cases (nil: no capacity limit, as in unit tests).
    public var slotLedger: (any CallbackSlotLedger)?

    public init(configuration: IntakeConfiguration, slotLedger: (any CallbackSlotLedger)? = nil) {
        self.configuration = configuration
        self.slotLedger = slotLedger
    }

    /// Plans an already-read message.
    ///
    /// `claimedCase` is the case the message cites although `CaseAccessPolicy` refused it
    /// the case: the new case records the link and the issue, and the reply neither threads
    /// on nor names the other case.
    public func plan(
        _ m: MessageView, receivedAt: Date, now: Date? = nil, caseId: String, existingCase: IntakeCase? = nil,
        claimedCase: String? = nil
    ) -> IntakePlan {
        let now = now ?? receivedAt
        let automatic = AutomaticMailDetector.reason(m)
        let spam = SpamFilterMark.reason(m)
        let request = RequestExtractor.read(body: m.requesterText, subject: m.subject)
        let prior = existingCase?.attachments ?? []
        // Automatic mail brings no files of the request (a bounce returns our own reply).
        let offered = automatic == nil ? candidates(m) : []

        // Sponsorship, from every signal. In that context a file whose name says it is the
        // letter of guarantee is the letter whatever its type (a scan is often a JPEG): it is
        // judged as the letter, never as one of the images, and never changes the service.
        let senders = (m.from + m.sender + m.replyTo).map { (name: $0.name, address: $0.address) }
        let finding = SponsorDetector.detect(
            .init(
                senders: senders, subject: m.subject, text: request.description, signature: request.signature,
                attachmentNames: offered.map(\.filename), authenticationResults: m.header.values(named: "Authentication-Results")),
            directory: configuration.sponsors)
        let sponsored = finding.detected || existingCase?.embassy.detected == true
        var judged = AttachmentRules.judge(offered, prior: prior, limits: configuration.limits) { candidate in
            sponsored && SponsorDetector.isGuaranteeLetter(filename: candidate.filename)
        }
        for i in judged.indices
        where judged[i].entry.status == .accepted && judged[i].entry.role == .report
            && SponsorDetector.isGuaranteeLetter(filename: judged[i].entry.filename)
        {
            judged[i].entry.role = .guaranteeLetter
        }

        // Stored names: sanitised, numbered against everything the case folder already holds.
        var taken = Set(prior.compactMap { $0.storedAs.map { String($0.dropFirst("attachments/".count)) } })
        var files: [PlannedFile] = []
        for i in judged.indices where judged[i].entry.status == .accepted {
            let name = FilenameSanitizer.unique(FilenameSanitizer.sanitize(judged[i].entry.filename, index: prior.count + i + 1), taken: taken)
            taken.insert(name)
            judged[i].entry.storedAs = "attachments/" + name
            files.append(PlannedFile(storedAs: "attachments/" + name, bytes: judged[i].bytes, sha256: judged[i].entry.sha256))
        }
        let newAttachments = judged.map(\.entry)

        var c: IntakeCase
        let sequence: Int
        let messageStoredAs: String
        if var existing = existingCase {
            sequence = (existing.followUps?.count ?? 0) + 2
            messageStoredAs = "messages/\(sequence).eml"
            existing.followUps = (existing.followUps ?? []) + [
                .init(messageId: m.messageID, receivedAt: receivedAt, storedAs: messageStoredAs, text: request.description)
            ]
            if automatic == nil { merge(request, finding, newAttachments, into: &existing) }
            c = existing
        } else {
            sequence = 1
            messageStoredAs = "original.eml"
            c = newCase(m, request: request, finding: finding, attachments: newAttachments, caseId: caseId, receivedAt: receivedAt)
            c.claimsCase = claimedCase
            readInto(&c, request: request, finding: finding, receivedAt: receivedAt, subject: m.subject)
            c.callback = offer(receivedAt: receivedAt, now: now, requested: c.callback.requested, caseId: caseId)
        }
        // A follow-up may choose, move or cancel the call; the reply says what came of it.
        var booking = BookingOutcome.unchanged
        if existingCase != nil, automatic == nil {
            booking = updateCallback(&c, request: request, receivedAt: receivedAt, now: now)
        }
        let bookedNow = booking == .booked
        if automatic != nil {
            if existingCase == nil { c.issues = [.automaticMessage] }
        } else if let existingCase {
            c.issues = issues(
                c, hasDescription: !existingCase.issues.contains(.missingDescription) || request.hasDescription,
                termsConfirmed: !existingCase.issues.contains(.termsNotConfirmed) || request.termsConfirmed,
                mentionsImages: existingCase.service == .recordsAndImagesReview || request.mentionsImages)
            noteImagesToArrange(request, in: &c, before: existingCase)
        } else {
            c.issues = issues(
                c, hasDescription: request.hasDescription, termsConfirmed: request.termsConfirmed,
                mentionsImages: request.mentionsImages)
            noteImagesToArrange(request, in: &c, before: nil)
        }

        if existingCase == nil {
            if spam != nil { c.issues.append(.suspectedSpam) }
            if claimedCase != nil { c.issues.append(.claimsExistingCase) }
        }

        // The reply, or why there is none (the loop guard, the spam filter, the sender's wish).
        var actions: [IntakeAction] = []
        if let existingCase { actions.append(.joinCase(caseId: existingCase.caseId)) }
        actions.append(.storeMessage(storedAs: messageStoredAs))
        actions += files.map { .storeAttachment(storedAs: $0.storedAs) }
        var reply: OutgoingMail?
        let to = m.replyAddress
        let suppression: String? =
            if let automatic { "automatic message: \(automatic)" }
            else if let spam { "marked as spam by the mail server (\(spam))" }
            else if let why = AutoResponseSuppress.reason(m) { why }
            else if to == nil { "no address to reply to" }
            else if let to, configuration.isOwnAddress(to.address) { "sent from our own address" }
            else if m.from.contains(where: { configuration.isOwnAddress($0.address) }) { "sent from our own address" }
            else { nil }
        if let suppression {
            c.reply = IntakeCase.Reply(
                status: existingCase == nil ? .suppressed : c.reply.status,
                reason: existingCase == nil ? suppression : c.reply.reason,
                messageId: c.reply.messageId, deliveryFailures: c.reply.deliveryFailures)
            if m.isDeliveryStatus, let id = AutomaticMailDetector.originalMessageID(of: m, ourDomain: configuration.messageIdDomain) {
                let concerned = ThreadMatcher.caseId(fromMessageID: id)
                if let existingCase, concerned == nil || concerned == existingCase.caseId {
                    c = Self.noteDeliveryFailure(on: c, originalMessageId: id, receivedAt: receivedAt)
                } else {
                    actions.append(.noteDeliveryFailure(caseId: concerned, originalMessageId: id))
                }
            }
            actions.append(.writeCase(caseId: c.caseId))
            actions.append(.suppressReply(reason: suppression))
        } else if let to {
            let mail = ReplyComposer(configuration: configuration).compose(
                .init(
                    intakeCase: c, newAttachments: newAttachments, to: to,
                    originalSubject: claimedCase.map { Self.subject(m.subject, without: $0) } ?? m.subject,
                    originalMessageID: m.messageID, originalReferences: claimedCase == nil ? m.references : [],
                    sequence: sequence, now: now,
                    requesterOffsetSeconds: DateHeaderOffset.seconds(m.header["Date"]), bookedNow: bookedNow, booking: booking))
            let id = ThreadMatcher.messageID(caseId: c.caseId, sequence: sequence, domain: configuration.messageIdDomain)
            c.reply = IntakeCase.Reply(status: .queued, reason: nil, messageId: id, deliveryFailures: c.reply.deliveryFailures)
            reply = mail
            actions.append(.writeCase(caseId: c.caseId))
            actions.append(.queueReply(messageId: id))
        }
        return IntakePlan(intakeCase: c, files: files, messageStoredAs: messageStoredAs, reply: reply, actions: actions)
    }

    /// `subject` with every mention of the case `cited` taken out, so that the reply to a
    /// claim does not carry the other case's reference back (or thread a reply to it).
    static func subject(_ subject: String, without cited: String) -> String {
        var s = subject
        while let r = s.range(of: cited, options: .caseInsensitive) { s.removeSubrange(r) }
        for empty in ["[]", "()", "[ ]", "( )"] { s = s.replacingOccurrences(of: empty, with: "") }
        return s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The deadline and windows for a case, composed at `now`: never in the past, and no window
    /// already promised to as many requesters as there are administrators.
    func offer(receivedAt: Date, now: Date, requested: IntakeCase.Callback.Requested?, caseId: String) -> IntakeCase.Callback {
        let scheduler = CallbackScheduler(calendar: configuration.calendar, options: configuration.callbackSlots)
        let load = slotLedger?.load(from: now, excludingCase: caseId) ?? [:]
        return scheduler.offer(
            receivedAt: receivedAt, now: now, requested: requested, load: load, capacity: configuration.clinic.administrators)
    }

    /// A delivery report about one of our replies, recorded on the case it concerns.
    public static func noteDeliveryFailure(on c: IntakeCase, originalMessageId: String, receivedAt: Date) -> IntakeCase {
        var c = c
        let note = "delivery of \(originalMessageId) failed (report received \(ISO8601DateFormatter().string(from: receivedAt)))"
        var notes = c.reply.deliveryFailures ?? []
        if !notes.contains(note) { notes.append(note) }
        c.reply.deliveryFailures = notes
        return c
    }
}

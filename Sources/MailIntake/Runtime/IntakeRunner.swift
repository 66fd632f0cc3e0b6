import Foundation
import Logging
import MIMEParser

/// What became of one message.
public struct IntakeOutcome: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A new case was opened.
        case created
        /// The message joined an existing case (a follow-up in its thread).
        case joined
        /// The message had been processed before: nothing was changed.
        case alreadyProcessed = "already-processed"
        /// The message could not become a case; it is kept under `CASES/.failed/`.
        case failed
    }

    public var kind: Kind
    /// The case the message belongs to (nil only when it failed before an id was known).
    public var caseId: String?
    /// What happened to the acknowledgement (nil when already processed or failed).
    public var reply: IntakeCase.Reply?
    /// For `failed`: the kept message, and why.
    public var failedMessagePath: String?
    public var failureReason: String?
}

/// Processes raw messages end to end, a batch at a time (see IntakeRunner+Batch.swift): parse,
/// find each one's case (the same message again → nothing changes; a follow-up → the
/// existing case), plan (the pure rules), write the case folder with the reply in it as
/// `pending`; then, the batch durable, hand the replies to the sender and record each outcome
/// (outbox row, then `case.json`), and regenerate the board once.
///
/// The order is the point (docs/operations.md): the case is durable before anything leaves,
/// so a crash can never leave a patient holding a reference to a case that does not exist,
/// and a message seen again whose reply is still `pending` only has that reply settled (sent
/// unless the outbox records it sent), never a second case or a second reply.
///
/// Everything is done holding the store's lock, so two processes never race on one message.
/// Trouble of the environment (disk full, share unavailable, permission denied) is thrown, so
/// that the caller leaves the message in the mailbox; a message that cannot become a case for
/// reasons of its own is kept under `CASES/.failed/` with the reason: never a silent drop.
public struct IntakeRunner: Sendable {
    public var planner: IntakePlanner
    public var store: CaseFolderStore
    public var sender: any MailSender
    public var logger: Logger
    /// The daemon's SQLite journal (nil for `process`, which has none): the outbox, and the
    /// tables other parts register (see ``JournalMigrations``).
    public var journal: JournalDatabase?
    /// When to try the mail server again (shared with the outbox worker).
    public var backoff = OutboxBackoff()
    /// `[replies] max_per_recipient_per_day`: nil for no cap (`process`).
    public var dailyReplyLimit: Int?
    public var metrics: IntakeMetrics?

    public init(
        planner: IntakePlanner, store: CaseFolderStore, sender: any MailSender, logger: Logger,
        journal: JournalDatabase? = nil
    ) {
        self.planner = planner
        self.store = store
        self.sender = sender
        self.logger = logger
        self.journal = journal
    }

    /// Processes `raw`, received at `receivedAt` (drives callback scheduling), at `now`: a
    /// batch of one (``processBatch(_:now:progress:)``). Trouble of the environment is thrown.
    public func process(_ raw: [UInt8], receivedAt: Date, now: Date) async throws -> IntakeOutcome {
        let result = try await processBatch([IntakeItem(raw: raw, receivedAt: receivedAt)], now: now)
        return try result.outcomes[0].get()
    }

    /// One message as far as the batch's first phase takes it: its case written (durable only
    /// at the batch's barrier) with the reply in it `pending`, and the reply to hand over.
    struct StagedMessage {
        var outcome: IntakeOutcome
        /// The reply to send once the batch is durable (new, or one a crash left pending).
        var reply: ReplyDelivery.Reply?
        /// The case as this message left it, to record the reply's outcome in.
        var writtenCase: IntakeCase?
        /// Every case this message wrote (its own, and one a bounce was noted on).
        var touched: [String] = []
    }

    /// The first phase for one message, holding the store's lock: parse, find its case (the
    /// same message again: nothing changes, only a reply a crash left pending is handed on;
    /// a follow-up: the existing case), plan, write the case folder with the reply `pending`.
    /// Nothing leaves the machine here.
    func stage(
        _ raw: [UInt8], digest: String, receivedAt: Date, now: Date, session: CaseStoreSession
    ) async throws -> StagedMessage {
        let message = MIMEMessage(parsing: raw)
        let view = MessageView(message)
        let keys = CaseStoreSession.messageKeys(messageId: view.messageID, sha256: digest)
        // "The same message" means the same bytes: a Message-ID seen before on different
        // content is new mail (a sender's client reusing ids, or someone replaying one).
        let sameBytes = keys.filter { $0.hasPrefix("sha256:") }

        // The same message again: same case, nothing changed. (A key whose case folder is
        // missing means a crash between taking the id and writing: redo it under that id.)
        var reservedId: String?
        if let known = session.caseId(forMessageKeys: sameBytes) {
            if store.caseExists(known) {
                logger.info("message already processed", metadata: ["case.id": "\(known)"])
                // A crash may have come after the case was written and before its reply was settled.
                return try pendingReply(of: known, outcome: IntakeOutcome(kind: .alreadyProcessed, caseId: known, reply: nil))
            }
            reservedId = known
        }

        // Automatic mail (auto-replies, bounces) always gets a case of its own, shown apart in
        // the index; a bounce is also noted on the case it concerns (below).
        let isAutomatic = AutomaticMailDetector.reason(view) != nil
        let thread = reservedId == nil && !isAutomatic ? try findThread(of: view, session: session) : ThreadLookup()
        let existing = thread.joined
        if let existing, let id = view.messageID,
            existing.followUps?.contains(where: { $0.messageId == id && storedDigest(existing.caseId, $0.storedAs) == digest }) == true
        {
            // Joined before, but the registry was not saved (a crash): nothing to do again.
            session.record(messageKeys: keys, caseId: existing.caseId)
            return try pendingReply(
                of: existing.caseId, outcome: IntakeOutcome(kind: .alreadyProcessed, caseId: existing.caseId, reply: nil))
        }
        let caseId: String
        if let existing {
            caseId = existing.caseId
        } else if let reservedId {
            caseId = reservedId
        } else {
            caseId = session.allocateCaseId(year: IntakeRunner.year(of: receivedAt))
            // Remember the id before writing anything, so that a crash cannot lead to a second case.
            session.record(messageKeys: keys, caseId: caseId)
            try session.save()
        }

        var plan = planner.plan(
            view, receivedAt: receivedAt, now: now, caseId: caseId, existingCase: existing, claimedCase: thread.claimed)
        if existing == nil { plan.intakeCase.subject = view.subject.isEmpty ? nil : view.subject }
        if plan.reply != nil {
            // Written into the case first; sent only once the case is durable (below).
            plan.intakeCase.reply.status = .pending
            plan.intakeCase.reply.reason = nil
        }

        let files = plan.files.map { CaseFile(relativePath: $0.storedAs, bytes: $0.bytes) }
        if existing != nil {
            var extra = [CaseFile(relativePath: plan.messageStoredAs, bytes: raw)]
            if let reply = plan.reply {
                // Our answer to the follow-up sits next to it: messages/2.eml, messages/2-reply.eml.
                let base = plan.messageStoredAs.hasSuffix(".eml") ? String(plan.messageStoredAs.dropLast(4)) : plan.messageStoredAs
                extra.append(CaseFile(relativePath: base + "-reply.eml", bytes: reply.bytes))
            }
            plan.intakeCase = try store.update(plan.intakeCase, newFiles: files + extra)
            session.record(messageKeys: keys, caseId: caseId)
        } else {
            try store.create(.init(intakeCase: plan.intakeCase, original: raw, files: files, reply: plan.reply?.bytes))
        }
        recordSlots(of: plan.intakeCase)
        if let ack = plan.intakeCase.reply.messageId, plan.reply != nil {
            session.recordAcknowledgement(ack, caseId: caseId)
        }
        try session.save()
        var staged = StagedMessage(
            outcome: IntakeOutcome(kind: existing == nil ? .created : .joined, caseId: caseId, reply: plan.intakeCase.reply),
            writtenCase: plan.intakeCase, touched: [caseId])
        // The reply leaves only once the batch is durable (the caller's barrier).
        if let reply = plan.reply, let id = plan.intakeCase.reply.messageId, let sequence = OutboxJournal.sequence(fromMessageID: id) {
            staged.reply = ReplyDelivery.Reply(mail: reply, caseId: caseId, sequence: sequence)
        }
        staged.touched += try noteDeliveryFailures(plan.actions, receivedAt: receivedAt, session: session)

        logger.info(
            existing == nil ? "case created" : "follow-up joined case",
            metadata: [
                "case.id": "\(caseId)",
                "case.attachments": "\(plan.intakeCase.attachments.count)",
                "case.files_stored": "\(files.count)",
                "case.issues": "\(plan.intakeCase.issues.map(\.rawValue).joined(separator: ","))",
            ])
        return staged
    }

    /// The existing case this message continues: our case reference in the subject, or a
    /// reply to one of our acknowledgements or to the request itself.
    ///
    /// Only the case's requester may continue it (`CaseAccessPolicy`): a message citing a
    /// case it may not join comes back as `claimed`, to open a case of its own linked to it.
    private func findThread(of view: MessageView, session: CaseStoreSession) throws -> ThreadLookup {
        let refs = ThreadMatcher.references(in: view)
        var candidates = refs.caseIds
        for id in refs.messageIds {
            if let c = session.caseId(forAcknowledgement: id) ?? session.caseId(forRequestMessageId: id) {
                candidates.append(c)
            }
        }
        var lookup = ThreadLookup()
        for id in candidates where store.caseExists(id) {
            let cited = try store.readCase(id)
            switch CaseAccessPolicy.decide(view, cites: cited) {
            case .join: return ThreadLookup(joined: cited)
            case .claim: lookup.claimed = lookup.claimed ?? id
            case .separate: break
            }
        }
        return lookup
    }

    /// What `findThread` found: the case the message continues, or the one it cites in vain.
    private struct ThreadLookup {
        var joined: IntakeCase?
        var claimed: String?
    }

    /// A delivery report about one of our replies is also noted on the case it concerns.
    /// Returns the cases it changed.
    private func noteDeliveryFailures(_ actions: [IntakeAction], receivedAt: Date, session: CaseStoreSession) throws -> [String] {
        var changed: [String] = []
        for action in actions {
            guard case .noteDeliveryFailure(let named, let originalId) = action else { continue }
            guard let target = named ?? session.caseId(forAcknowledgement: originalId), store.caseExists(target) else {
                continue
            }
            let before = try store.readCase(target)
            let after = IntakePlanner.noteDeliveryFailure(on: before, originalMessageId: originalId, receivedAt: receivedAt)
            if after != before {
                try store.update(after)
                changed.append(target)
                logger.info("delivery failure noted", metadata: ["case.id": "\(target)"])
            }
        }
        return changed
    }

    /// The SHA-256 of a message stored in a case folder, to tell a joined follow-up from new
    /// mail that reuses its Message-ID.
    private func storedDigest(_ caseId: String, _ relative: String?) -> String? {
        guard let relative, let bytes = try? AtomicFiles.readAll(store.folder(of: caseId) + "/" + relative) else { return nil }
        return Digest.sha256Hex(bytes)
    }

    /// The calendar year of `date` in UTC (case ids are "SMO-<year>-…").
    static func year(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.component(.year, from: date)
    }

    /// The windows the case now holds, so other cases are not promised them beyond capacity.
    /// A failure only weakens that guarantee (logged), it never fails the message.
    private func recordSlots(of c: IntakeCase) {
        guard let ledger = planner.slotLedger else { return }
        do {
            try ledger.record(caseId: c.caseId, callback: c.callback)
        } catch {
            logger.warning("callback windows not recorded", metadata: ["case.id": "\(c.caseId)", "error": "\(FailureSummary(error))"])
        }
    }
}

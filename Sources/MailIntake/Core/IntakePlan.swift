import Foundation

/// Everything the intake decided about one message, for the edges to carry out.
///
/// The planner is pure: it never touches the disk, the clock or the network. The case folder
/// store writes `intakeCase` and `files`, the sender sends `reply`, and `actions` lists the
/// effects in the order they should happen, so a runner (and its journal) can resume after a
/// crash exactly where it stopped.
public struct IntakePlan: Sendable, Equatable {
    /// The case as it should be written to `case.json` (new, or the existing one updated by a follow-up).
    public var intakeCase: IntakeCase
    /// Accepted attachments to store under the case folder, each with its `storedAs` path.
    public var files: [PlannedFile]
    /// Where the raw message itself goes inside the case folder: `original.eml` for the
    /// message that opened the case, `messages/<n>.eml` for follow-ups.
    public var messageStoredAs: String
    /// The acknowledgement to send, or nil when it is suppressed (`intakeCase.reply` says why).
    public var reply: OutgoingMail?
    /// The effects, in order.
    public var actions: [IntakeAction]

    public init(
        intakeCase: IntakeCase, files: [PlannedFile], messageStoredAs: String, reply: OutgoingMail?,
        actions: [IntakeAction]
    ) {
        self.intakeCase = intakeCase
        self.files = files
        self.messageStoredAs = messageStoredAs
        self.reply = reply
        self.actions = actions
    }

    /// True when this plan adds a follow-up to a case that already existed.
    public var isFollowUp: Bool { actions.contains { if case .joinCase = $0 { true } else { false } } }
}

/// One accepted file, ready to write.
public struct PlannedFile: Sendable, Equatable {
    /// Path inside the case folder, `attachments/<sanitised name>`; unique within the case.
    public var storedAs: String
    /// The decoded content, exactly as received.
    public var bytes: [UInt8]
    /// Hex SHA-256 of `bytes` (as in the case's attachment entry).
    public var sha256: String

    public init(storedAs: String, bytes: [UInt8], sha256: String) {
        self.storedAs = storedAs
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// One effect the runner carries out. Equatable so tests can compare whole plans.
public enum IntakeAction: Sendable, Equatable {
    /// The message belongs to an existing case (a follow-up in its thread): update that case
    /// instead of opening a new one.
    case joinCase(caseId: String)
    /// Store the raw message at this path inside the case folder.
    case storeMessage(storedAs: String)
    /// Store one accepted attachment (its bytes are in `IntakePlan.files`).
    case storeAttachment(storedAs: String)
    /// Write `case.json` (and the summary) for this case.
    case writeCase(caseId: String)
    /// Send the acknowledgement (`IntakePlan.reply`), whose Message-ID is given.
    case queueReply(messageId: String)
    /// No reply, and why (automatic mail, our own address, no address to reply to).
    case suppressReply(reason: String)
    /// This message is a delivery report about one of our replies: note the failure on the
    /// case it concerns. `caseId` is nil when the reply's Message-ID is not one of ours.
    case noteDeliveryFailure(caseId: String?, originalMessageId: String)
}

/// The contract's codes in words, for the pages administrators read.
///
/// The codes themselves stay in `case.json` for scripts; people get a sentence that says what
/// to do about it.
enum CaseWording {
    static func issue(_ code: IntakeCase.IssueCode) -> String {
        switch code {
        case .missingDescription: "No description of the condition was given."
        case .missingReport: "No medical report or other document was accepted."
        case .missingImages: "An images review was asked for, but no image was accepted."
        case .imagesOverLimit: "More than three images were sent: three were accepted; arrange the rest with the requester."
        case .termsNotConfirmed: "The terms and conditions were not confirmed."
        case .guaranteeLetterRequired: "Sponsorship is mentioned, but no letter of guarantee came."
        case .attachmentRejected: "At least one file was rejected (see the attachments)."
        case .automaticMessage: "This is an automatic message (auto-reply, list mail or delivery report): no reply was sent."
        case .imagesToArrange: "The requester has more images, a disc or several sets: call to arrange them."
        case .suspectedSpam: "The mail server's spam filter marked this message: no reply was sent."
        case .claimsExistingCase: "This message cites another case but does not come from its requester: check before linking."
        }
    }

    static func reason(_ code: IntakeCase.RejectionReason) -> String {
        switch code {
        case .tooLarge: "too large (8 MB or more)"
        case .typeNotAllowed: "a file type the form does not accept"
        case .typeMismatch: "the content does not match the file name"
        case .overImageLimit: "more than three images"
        case .empty: "empty file"
        case .unreadable: "could not be read"
        case .duplicate: "the same file was already sent"
        case .infected: "the virus scanner found malware"
        }
    }

    static func role(_ role: IntakeCase.Attachment.Role) -> String {
        switch role {
        case .report: "report"
        case .image: "image"
        case .guaranteeLetter: "letter of guarantee"
        case .other: "other"
        }
    }

    static func service(_ service: IntakeCase.Service) -> String {
        switch service {
        case .recordsReview: "Records review (from £495)"
        case .recordsAndImagesReview: "Records and images review (from £650)"
        }
    }

    static func contact(_ contact: IntakeCase.Requester.PreferredContact) -> String {
        switch contact {
        case .email: "email"
        case .phone: "phone"
        case .unknown: "not stated"
        }
    }

    static func reply(_ reply: IntakeCase.Reply) -> String {
        let base: String
        switch reply.status {
        case .pending: base = "Acknowledgement written, not yet handed to the mail server"
        case .sent: base = "Acknowledgement sent"
        case .queued: base = "Acknowledgement queued for sending"
        case .failed: base = "Acknowledgement refused by the mail server"
        case .suppressed: base = "No acknowledgement sent"
        }
        if let reason = reply.reason, !reason.isEmpty { return base + " (" + reason + ")" }
        return base
    }

    /// Byte counts as people read them: "812 bytes", "14.2 KB", "8.0 MB" (binary units, as
    /// the form's 8 MB limit is).
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        let kb = Double(bytes) / 1024
        if kb < 1024 { return oneDecimal(kb) + " KB" }
        return oneDecimal(kb / 1024) + " MB"
    }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

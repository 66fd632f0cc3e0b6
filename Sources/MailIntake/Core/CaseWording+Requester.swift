/// Words for the requester (the acknowledgement), as opposed to the administrator's pages:
/// what the reply templates say about a rejected file, per reason and role. The reply
/// templates decide where these go; Core decides what they mean.
extension CaseWording {
    /// The form's own promise when images cannot be used (the seed text), said whenever a
    /// picture is rejected as unreadable: the images phone goes next to it (contract).
    static let imagesByDisc =
        "If your images cannot be accessed or are of too poor a quality, one of our team will contact you to discuss if the images can be provided via a disc."

    /// Why a file was not accepted, in the requester's terms ("we could not open …").
    static func requesterReason(_ reason: IntakeCase.RejectionReason, role: IntakeCase.Attachment.Role) -> String {
        switch reason {
        case .unreadable where role == .image:
            "we could not open the picture: the file is damaged or cut off (this often happens when a large file is sent from a phone)"
        case .unreadable: "we could not open the file (it may be damaged or password-protected)"
        case .tooLarge: "the file is too large; each file must be smaller than 8 MB"
        case .typeNotAllowed: "we cannot accept this type of file by email"
        case .typeMismatch: "the file's content does not match its name, so we could not open it safely"
        case .overImageLimit: "we can accept up to three images by email"
        case .empty: "the file was empty"
        case .duplicate: "it is a copy of a file we already have"
        case .infected: "our virus scanner found a problem with it, so it was not kept"
        }
    }

    /// A paragraph to add once to the reply when a file was rejected for `reason` in `role`,
    /// or nil when the reason needs none.
    static func requesterNote(for reason: IntakeCase.RejectionReason, role: IntakeCase.Attachment.Role) -> String? {
        reason == .unreadable && role == .image ? imagesByDisc : nil
    }
}

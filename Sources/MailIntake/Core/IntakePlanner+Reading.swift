import Foundation

/// What the request reader understood, put into the case: the language, who the opinion is
/// for, when they would like to be called, and whether images are to be arranged.
extension IntakePlanner {
    /// Fills `language`, `patient` and `callback.requested` of a new case from the reading.
    func readInto(
        _ c: inout IntakeCase, request: RequestExtractor.Request, finding: SponsorDetector.Finding, receivedAt: Date,
        subject: String = ""
    ) {
        let r = request.reading
        c.language = r.language
        var patient = IntakeCase.Patient(name: r.patient.name, onBehalf: r.patient.onBehalf, relationship: r.patient.relationship)
        // An embassy writes for its national, whether or not the text says so; a name it gives
        // for itself ("I am Dr Saleh, medical attaché") is not the patient's, and the national
        // is often named only in the subject, without a title.
        if finding.senderIsSponsor {
            if !patient.onBehalf { patient.name = nil }
            patient.onBehalf = true
            if patient.relationship == nil { patient.relationship = "national" }
            if patient.name == nil { patient.name = RequestReader.nameInSubject(subject) }
        }
        c.patient = patient
        if let wish = r.callbackWish {
            c.callback.requested = .init(text: wish.text, windows: wish.windows(receivedAt: receivedAt, calendar: configuration.calendar))
        }
    }

    /// `images-to-arrange`: they said they have more images than they sent, a disc, or several
    /// sets, or they count more images than email allows.
    func imagesToArrange(_ request: RequestExtractor.Request, _ c: IntakeCase) -> Bool {
        !imagesToArrangeWords(request, c).isEmpty
    }

    /// The requester's sentences that make the case `images-to-arrange`, for the administrator.
    func imagesToArrangeWords(_ request: RequestExtractor.Request, _ c: IntakeCase) -> [String] {
        let sent = c.attachments.filter { $0.role == .image }.count
        return request.reading.imagesToArrangeWords(imagesSent: sent, limit: configuration.limits.maxImages)
    }

    /// Records `images-to-arrange` and their words; a follow-up adds to what earlier messages said.
    func noteImagesToArrange(_ request: RequestExtractor.Request, in c: inout IntakeCase, before: IntakeCase?) {
        var words = before?.imagesToArrangeWords ?? []
        for w in imagesToArrangeWords(request, c) where !words.contains(w) { words.append(w) }
        let had = before?.issues.contains(.imagesToArrange) ?? false
        if had || !words.isEmpty, !c.issues.contains(.imagesToArrange) { c.issues.append(.imagesToArrange) }
        c.imagesToArrangeWords = words.isEmpty ? nil : words.map { ReplyComposer.shortened(MailEncoding.singleLine($0), to: 500) }
    }
}

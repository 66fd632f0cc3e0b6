import Foundation

/// What the request reader understood, put into the case: the language, who the opinion is
/// for, when they would like to be called, and whether images are to be arranged.
extension IntakePlanner {
    /// Fills `language`, `patient` and `callback.requested` of a new case from the reading.
    func readInto(_ c: inout IntakeCase, request: RequestExtractor.Request, finding: SponsorDetector.Finding, receivedAt: Date) {
        let r = request.reading
        c.language = r.language
        var patient = IntakeCase.Patient(name: r.patient.name, onBehalf: r.patient.onBehalf, relationship: r.patient.relationship)
        // An embassy writes for its national, whether or not the text says so.
        if finding.senderIsSponsor {
            patient.onBehalf = true
            if patient.relationship == nil { patient.relationship = "national" }
        }
        c.patient = patient
        if let wish = r.callbackWish {
            c.callback.requested = .init(text: wish.text, windows: wish.windows(receivedAt: receivedAt, calendar: configuration.calendar))
        }
    }

    /// `images-to-arrange`: they said they have more images than they sent, a disc, or several
    /// sets, or they count more images than email allows.
    func imagesToArrange(_ request: RequestExtractor.Request, _ c: IntakeCase) -> Bool {
        let sent = c.attachments.filter { $0.role == .image }.count
        return request.reading.hasImagesToArrange(imagesSent: sent, limit: configuration.limits.maxImages)
    }
}

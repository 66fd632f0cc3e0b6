/// What a phrase in a reading table means. Judgements are built from cues, after negation.
public enum ReadingCue: Sendable, Hashable {
    // The service.
    /// Imaging named ("scans", "MRI", "IRM", "أشعة"): images to review, unless negated.
    case imaging
    /// A report about imaging ("MRI report", "compte rendu", "تقرير الأشعة"): a document, not images.
    case imagingReport
    /// "Records only", "just the reports": a records review.
    case recordsOnly

    // The preferred contact.
    case contactPhone
    case contactEmail
    /// Sending something by email ("I'll send the images by email"): not a contact preference.
    case sendingBy

    // Letters of guarantee.
    /// The words for the letter itself ("letter of guarantee", "prise en charge", "خطاب ضمان").
    case guaranteeLetter

    // Images to arrange.
    /// More images than were sent ("the rest of the scans", "how do I send the others").
    case moreImages
    /// A disc or another medium (CD, DVD, USB stick, DICOM files).
    case disc
    /// Several sets of images ("two sets of scans", "plusieurs séries").
    case severalSets
    /// A noun counting images ("6 CT images"): used with a number before it.
    case imageCount
    /// The rest sent now ("here are the rest", "voici les autres"): nothing left to arrange.
    case restSentNow

    // Who the opinion is for.
    /// "On behalf of", "for my": the writer is not the patient.
    case onBehalf
    /// A relationship word ("mother", "ma fille", "والدتي"), with the word the case records.
    case relation(String)
    /// A title or label before the patient's name ("Mr", "patient name:", "المواطن").
    case nameIntro
    /// The writer is the patient ("I have", "my scans"): cancels nothing, recorded for the corpus.
    case selfPatient
    /// The writer gives their own name ("I am Ahmed Ali, 45", "je m'appelle …", "اسمي …"):
    /// the patient's name when they write for themself.
    case selfName

    // Callback wishes and bookings.
    /// Asking to be called at some time, or saying when they are available.
    case callWish
    /// Asking to move a booked call.
    case moveBooking
    /// Asking to cancel a booked call.
    case cancelBooking

    // Negation.
    case negation
    /// Phrases that look negative but are not ("not only", "don't hesitate").
    case notNegation

    /// Overlapping matches compete only within a family.
    public var family: Int {
        switch self {
        case .imaging, .imagingReport, .recordsOnly: 0
        case .contactPhone, .contactEmail, .sendingBy: 1
        case .guaranteeLetter: 2
        case .moreImages, .disc, .severalSets, .restSentNow: 3
        case .imageCount: 7
        case .relation, .nameIntro, .selfPatient, .selfName: 4
        case .onBehalf: 8
        case .callWish, .moveBooking, .cancelBooking: 5
        case .negation, .notNegation: 6
        }
    }
}

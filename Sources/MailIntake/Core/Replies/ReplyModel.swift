/// What an acknowledgement says, as plain data: Core decides *what* to say here, the templates
/// (one per language, see docs/replies.md) decide *how*. Every string in it is already
/// formatted for the reply's language (dates, times, sizes) and is a single line, so a
/// template can place it anywhere; every decision is a `Bool` a template can test with a
/// section (`{{#missing.report}}…{{/missing.report}}`).
///
/// Property names are the template variables: renaming one breaks administrators' templates.
public struct ReplyModel: Sendable {
    /// `en`, `fr` or `ar`: the language this rendering is in.
    public var language: String
    public var caseId: String
    /// The requester's display name, or nil (the template then greets "Sir or Madam").
    public var name: String?
    /// The requester is an embassy or health office sponsoring a patient.
    public var isEmbassy: Bool
    /// The acknowledgement of a new request.
    public var isFirst: Bool
    /// The answer to a later message in the same case.
    public var isFollowUp: Bool
    /// A follow-up whose only news is the callback window the requester chose: a short reply.
    public var isConfirmation: Bool
    /// The files this message brought (for a follow-up, only the new ones), in order.
    public var files: [File]
    public var accepted: [File]
    public var rejected: [File]
    public var hasAccepted: Bool
    public var hasRejected: Bool
    /// A first request that came with no file at all.
    public var noFiles: Bool
    /// What is still missing, as flags (`any` when at least one is set).
    public var missing: Missing
    public var images: Images
    public var service: Service
    public var callback: Callback
    public var sponsor: Sponsor
    public var clinic: Clinic
    /// "8 MB" in the reply's language.
    public var maxFileSize: String
    /// The images accepted by email (3).
    public var maxImages: String

    /// One file, with what became of it and why.
    public struct File: Sendable {
        public var name: String
        public var accepted: Bool
        public var role: Role
        /// Set when rejected: exactly one flag says why.
        public var why: Why
    }

    /// The file's role (one flag set).
    public struct Role: Sendable {
        public var report: Bool
        public var image: Bool
        public var letter: Bool
        public var other: Bool
    }

    /// Why a file was not accepted, one flag per contract reason code, plus the cases that
    /// call for their own advice (a HEIC photo, a DICOM scan, a broken image).
    public struct Why: Sendable {
        public var tooLarge = false
        public var typeNotAllowed = false
        /// `type-not-allowed` for a HEIC/HEIF photo: "please send it as JPG".
        public var heic = false
        /// `type-not-allowed` for DICOM (files from a hospital disc): the disc route.
        public var dicom = false
        /// `type-not-allowed` for anything else.
        public var otherType = false
        public var typeMismatch = false
        public var overImageLimit = false
        public var empty = false
        public var unreadable = false
        /// `unreadable` for an image (corrupt, cut off): the disc route.
        public var brokenImage = false
        public var duplicate = false
        public var infected = false
    }

    /// What is still needed before the opinion can be arranged.
    public struct Missing: Sendable {
        public var any: Bool
        public var description: Bool
        public var report: Bool
        public var images: Bool
        public var terms: Bool
        public var letter: Bool
        /// How the requester prefers to be contacted is not known.
        public var contact: Bool
    }

    /// Images: the service, the one set included, more to arrange, a disc.
    public struct Images: Sendable {
        /// The request is for a records-and-images review.
        public var requested: Bool
        /// More images than can be emailed were sent: the team arranges the rest.
        public var overLimit: Bool
        /// More images, a disc, several sets: to arrange by calling the images number.
        public var toArrange: Bool
        /// A DICOM file or a disc is involved.
        public var disc: Bool
        /// Any of the above: the images phone number is given.
        public var mentionPhone: Bool
    }

    /// The service understood and its starting price.
    public struct Service: Sendable {
        public var recordsReview: Bool
        public var recordsAndImagesReview: Bool
        /// The starting price of the service understood ("£650").
        public var price: String
        public var recordsPrice: String
        public var recordsAndImagesPrice: String
    }

    /// When an administrator calls.
    public struct Callback: Sendable {
        /// "Wednesday 25 November 2026": the call comes by the end of that day (office hours).
        public var dueDay: String
        /// The window the requester chose, or nil.
        public var booked: Slot?
        /// Windows still open to choose from, numbered as first offered.
        public var slots: [Slot]
        public var hasSlots: Bool
        /// The requester's own words about when to call, when they gave any.
        public var requested: String?
        /// "UTC+04:00" when the requester's Date header shows an offset other than London's.
        public var ownZone: String?
        /// The office's time zone, for the words "London time".
        public var officeZone: String
        /// "9am to 5pm": the office hours calls are made in.
        public var officeHours: String
        /// What this message did to a booked or chosen call.
        public var change: Change = Change()
    }

    /// A follow-up's effect on the callback, one flag set at most (`any` when one is).
    public struct Change: Sendable {
        public var any = false
        /// Their reply fits several windows, or none still open: nothing was booked.
        public var choiceUnclear = false
        /// The booked call was moved to `callback.booked`.
        public var moved = false
        /// They asked to move the booked call; an administrator agrees the new time.
        public var toArrange = false
        /// They asked to cancel the call.
        public var cancelled = false
        /// The window booked before, when there was one.
        public var previous: Slot?
    }

    /// One callback window, in London time and (when different) the requester's own.
    public struct Slot: Sendable {
        public var number: Int
        public var day: String
        public var from: String
        public var to: String
        /// The same window in the requester's time ("Tuesday 24 November 2026, 15:00–16:00"), or nil.
        public var own: String?
    }

    /// Sponsorship: the letter of guarantee.
    public struct Sponsor: Sendable {
        /// Sponsorship was detected (an embassy or a mention of it).
        public var detected: Bool
        /// The letter is still needed.
        public var letterRequired: Bool
        /// The letter came (with this message or before).
        public var letterReceived: Bool
    }

    /// The `[clinic]` configuration, verbatim.
    public struct Clinic: Sendable {
        public var name: String
        public var phone: String
        public var imagesPhone: String
        public var termsURL: String
    }
}

import Foundation
import MIMEParser

/// Everything the intake rules depend on that is not in the message: who the clinic is,
/// the sponsor lists, the office calendar and the file limits. Passed to the planner, never
/// read from disk inside Core (the runtime builds it from the TOML file).
public struct IntakeConfiguration: Sendable {
    /// The clinic's From for replies (`[smtp] from`).
    public var clinicFrom: MailAddress
    /// Right-hand side of the Message-IDs we generate (`<SMO-2026-000123.1@domain>`).
    public var messageIdDomain: String
    /// Other addresses that are ours (aliases): never reply to them (loop guard).
    public var ownAddresses: [String]
    /// Sponsor detection lists.
    public var sponsors: SponsorDirectory
    /// File limits (8 MB, three images, zip bounds).
    public var limits: AttachmentLimits
    /// Office days, bank holidays, closures, time zone.
    public var calendar: BusinessCalendar
    /// Callback windows offered in the reply.
    public var callbackSlots: CallbackScheduler.Options
    /// Prices as written in the reply ("£495").
    public var recordsReviewPrice: String
    public var recordsAndImagesReviewPrice: String
    /// What the replies say about the clinic (`[clinic]`): name, phone numbers, terms.
    public var clinic: ClinicDetails
    /// The reply templates: built in, or an administrator's overrides (`[replies] templates`).
    public var replyTemplates: ReplyTemplates

    public init(
        clinicFrom: MailAddress,
        messageIdDomain: String? = nil,
        ownAddresses: [String] = [],
        sponsors: SponsorDirectory = .default,
        limits: AttachmentLimits = .form,
        calendar: BusinessCalendar = .london(),
        callbackSlots: CallbackScheduler.Options = .init(),
        recordsReviewPrice: String = "£495",
        recordsAndImagesReviewPrice: String = "£650",
        clinic: ClinicDetails = ClinicDetails(),
        replyTemplates: ReplyTemplates = .builtIn
    ) {
        self.clinic = clinic
        self.replyTemplates = replyTemplates
        self.clinicFrom = clinicFrom
        self.messageIdDomain =
            messageIdDomain ?? clinicFrom.address.split(separator: "@").last.map(String.init) ?? "localhost"
        self.ownAddresses = ownAddresses
        self.sponsors = sponsors
        self.limits = limits
        self.calendar = calendar
        self.callbackSlots = callbackSlots
        self.recordsReviewPrice = recordsReviewPrice
        self.recordsAndImagesReviewPrice = recordsAndImagesReviewPrice
    }

    /// The embedded default (a new user's first run): a clinic at example.org.
    public static let `default` = IntakeConfiguration(
        clinicFrom: MailAddress(name: "Second Medical Opinion", address: "secondopinion@example.org"))

    /// True when `address` is the clinic's own (From or an alias), compared case-insensitively.
    public func isOwnAddress(_ address: String) -> Bool {
        let a = address.lowercased()
        return a == clinicFrom.address.lowercased() || ownAddresses.contains { $0.lowercased() == a }
    }
}

/// The form's file limits. `form` is the contract's reading of the request form.
public struct AttachmentLimits: Sendable, Hashable {
    /// A file is accepted when its decoded size is strictly below this (8 × 1024 × 1024).
    public var maxFileBytes: Int
    /// Images accepted per case, counted across the whole thread.
    public var maxImages: Int
    /// Zip bounds: entries, nesting, declared and actual inflation.
    public var zip: ZipInspector.Limits

    public init(maxFileBytes: Int = 8 * 1024 * 1024, maxImages: Int = 3, zip: ZipInspector.Limits = .init()) {
        self.maxFileBytes = maxFileBytes
        self.maxImages = maxImages
        self.zip = zip
    }

    public static let form = AttachmentLimits()
}

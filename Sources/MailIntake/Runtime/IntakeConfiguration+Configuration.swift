import Foundation
import MIMEParser

extension IntakeConfiguration {
    /// The rules' settings from the configuration file: `[smtp]`/`[outbox]` `from` and the
    /// optional `[intake]` keys, each falling back to the rules' default.
    public init(_ configuration: Configuration) {
        let from = IntakeConfiguration.address(configuration.replyFrom)
            ?? MailAddress(name: "Second Medical Opinion", address: "secondopinion@example.org")
        let intake = configuration.intake
        // The configuration was validated when read (zone known, dates well formed, hour 1–23).
        let calendar =
            BusinessCalendar.office(
                timeZoneIdentifier: intake.timeZone ?? "Europe/London", closures: intake.closures,
                closeHour: intake.officeCloseHour ?? 17)
            ?? BusinessCalendar.london(closures: Set(intake.closures.compactMap(LocalDay.init)))
        var limits = AttachmentLimits.form
        if let max = intake.maxFileBytes { limits.maxFileBytes = max }
        if let images = intake.maxImages { limits.maxImages = images }
        self.init(
            clinicFrom: from,
            messageIdDomain: intake.messageIdDomain,
            ownAddresses: intake.ownAddresses,
            sponsors: SponsorDirectory(knownDomains: intake.sponsorDomains),
            limits: limits,
            calendar: calendar,
            recordsReviewPrice: intake.recordsReviewPrice ?? "£495",
            recordsAndImagesReviewPrice: intake.recordsAndImagesReviewPrice ?? "£650",
            clinic: configuration.clinic,
            // Checked when the configuration was read; a folder broken since falls back to the built-in.
            replyTemplates: configuration.replies.templates.flatMap { try? ReplyTemplateFolder.load($0) } ?? .builtIn)
    }

    /// "Name <addr@host>" read with the real header parser (a one-field message).
    static func address(_ text: String) -> MailAddress? {
        MIMEMessage(parsing: Array("From: \(text)\r\n\r\n".utf8)).from.first
    }
}

import Foundation
import Testing
@testable import MailIntake

@Suite struct IntakeConfigurationMappingTests {
    @Test func theIntakeSectionReachesTheRules() throws {
        let text = """
            [maildir]
            path = "maildir"

            [outbox]
            path = "outbox"
            from = "London Clinic <opinions@clinic.example>"

            [cases]
            path = "cases"

            [journal]
            path = "state/journal.jsonl"

            [intake]
            message_id_domain = "mail.clinic.example"
            own_addresses = ["alias@clinic.example"]
            sponsor_domains = ["health-office.example"]
            closures = ["2026-12-29"]
            office_close_hour = 16
            max_file_bytes = 1000
            max_images = 2
            records_review_price = "£500"

            """
        let settings = try Configuration.parse(text, source: "test.toml", baseDirectory: "/srv")
        let intake = IntakeConfiguration(settings)
        #expect(intake.clinicFrom.address == "opinions@clinic.example")
        #expect(intake.clinicFrom.name == "London Clinic")
        #expect(intake.messageIdDomain == "mail.clinic.example")
        #expect(intake.isOwnAddress("Alias@clinic.example"))
        #expect(intake.sponsors.match(address: "officer@health-office.example") != nil)
        #expect(intake.calendar.closures.contains(LocalDay(year: 2026, month: 12, day: 29)))
        #expect(intake.calendar.endOfDayHour == 16)
        #expect(intake.limits.maxFileBytes == 1000 && intake.limits.maxImages == 2)
        #expect(intake.recordsReviewPrice == "£500" && intake.recordsAndImagesReviewPrice == "£650")
    }

    @Test func theEmbeddedDefaultIsTheFormsReading() {
        let intake = IntakeConfiguration(Configuration.embeddedDefault(currentDirectory: "/tmp"))
        #expect(intake.limits == .form)
        #expect(intake.calendar.timeZoneIdentifier == "Europe/London")
        #expect(intake.calendar.endOfDayHour == 17)
    }
}

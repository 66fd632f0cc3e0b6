import Foundation
import Testing

@testable import MailIntake

/// What the planner takes from the reading, with a fixed received time and the London office
/// calendar: callback windows and the slots offered inside them, patient names (own, relative,
/// embassy subject) and the requester's words about images to arrange.
@Suite struct IntakePlannerReadingTests {
    static func t(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
    let planner = IntakePlanner(configuration: .default)
    /// Monday 23 November 2026, 09:00 London (GMT).
    let received = Self.t("2026-11-23T09:00:00Z")
    let calendar = BusinessCalendar.london()

    func plan(_ text: String, subject: String = "Second opinion request", from: String? = nil) -> IntakeCase {
        var m = TestMail()
        m.text = text + "\nI accept the terms and conditions."
        m.set("Subject", subject)
        if let from { m.set("From", from) }
        m.attachments = [("r.pdf", "application/pdf", TestFiles.pdf, [])]
        return planner.plan(bytes: m.bytes, receivedAt: received, caseId: "SMO-2026-000123").intakeCase
    }

    func hours(_ s: IntakeCase.Callback.Slot) -> (day: Int, from: Int, to: Int) {
        let a = calendar.localTime(of: s.start), b = calendar.localTime(of: s.end)
        return (calendar.localDay(of: s.start).isoWeekday, a.hour * 60 + a.minute, b.hour * 60 + b.minute)
    }

    @Test func aDayAndAPartOfTheDayPinOneWindowAndTheSlotsLieInIt() throws {
        let c = plan("Please call me on Thursday afternoon.")
        let requested = try #require(c.callback.requested)
        #expect(requested.windows == [.init(start: Self.t("2026-11-26T12:00:00Z"), end: Self.t("2026-11-26T17:00:00Z"))])
        #expect(!c.callback.slots.isEmpty)
        for s in c.callback.slots { #expect(requested.windows[0].start <= s.start && s.end <= requested.windows[0].end) }
    }

    @Test(arguments: [
        ("Call me any time after 4pm please.", 16 * 60, 20 * 60), ("Appelez-moi avant 11 h s'il vous plaît.", 8 * 60, 11 * 60),
        ("اتصلوا بي بعد الساعة 4", 16 * 60, 20 * 60), ("اتصلوا بي بعد الساعة ٤ عصراً", 16 * 60, 20 * 60),
        ("Rappelez-moi entre 14h et 16h.", 14 * 60, 16 * 60),
    ] as [(String, Int, Int)])
    func aClockTimeGivesTheSameHoursOnTheNextWorkingDaysAndTheSlotsKeepToThem(_ text: String, _ from: Int, _ to: Int) throws {
        let c = plan(text)
        let windows = try #require(c.callback.requested?.windows)
        #expect(windows.count == 5, "\(text)")
        for w in windows {
            let h = hours(w)
            #expect(h.day <= 5)
            #expect(h.to == to)
            #expect(h.from == from || w.start == received)
        }
        #expect(!c.callback.slots.isEmpty)
        for s in c.callback.slots {
            let h = hours(s)
            #expect(h.from >= max(from, 9 * 60) && h.to <= min(to, 17 * 60), "\(text)")
        }
    }

    @Test(arguments: ["Please call me any time except Friday.", "Appelez-moi n'importe quand sauf le vendredi.", "اتصلوا بي في أي وقت ما عدا الجمعة"])
    func anExceptedDayIsLeftOut(_ text: String) throws {
        let c = plan(text)
        let windows = try #require(c.callback.requested?.windows)
        #expect(!windows.isEmpty)
        #expect(windows.allSatisfy { hours($0).day != 5 }, "\(text)")
        #expect(c.callback.slots.allSatisfy { hours($0).day != 5 })
    }

    @Test(arguments: [
        ("I am Ahmed Ali, 45, and I would like a second opinion on my heart condition.", "Ahmed Ali"),
        ("Bonjour, je m'appelle Karim Benali et je souhaite un second avis.", "Karim Benali"),
        ("اسمي محمد العتيبي وعمري ٤٥ سنة وأرغب في رأي طبي ثان.", "محمد العتيبي"),
    ])
    func writingForThemselfTheirOwnNameIsThePatients(_ text: String, _ name: String) {
        let c = plan(text)
        #expect(c.patient == .init(name: name, onBehalf: false, relationship: nil))
    }

    @Test(arguments: [
        ("Second medical opinion - Khalid Al Mansouri - passport K1234567", "Khalid Al Mansouri"),
        ("Request for Mohammed bin Saleh Al Harbi", "Mohammed bin Saleh Al Harbi"),
        ("طلب رأي طبي ثاني - سالم الدوسري", "سالم الدوسري"),
    ])
    func anEmbassysNationalNamedOnlyInTheSubjectIsThePatient(_ subject: String, _ name: String) {
        let c = plan(
            "Dear Sir, I am Dr Faisal Saleh, the medical attaché. We request a second opinion for the attached case.",
            subject: subject, from: "Health Office <health@moh.gov.sa>")
        #expect(c.requester.kind == .embassy)
        #expect(c.patient == .init(name: name, onBehalf: true, relationship: "national"))
    }

    @Test(arguments: [
        ("I am writing on behalf of my grandson, he has asthma.", "grandson"), ("Je vous écris pour ma belle-mère.", "stepmother or mother-in-law"),
        ("حفيدي يعاني من الربو منذ سنتين.", "grandson"), ("My stepdad has been diagnosed with a lymphoma.", "stepfather or father-in-law"),
        ("Ma fille Léa souffre de migraines.", "daughter"), ("زوجتي حامل وتحتاج رأيا ثانيا.", "wife"),
    ])
    func relationshipWordsInTheThreeLanguages(_ text: String, _ relation: String) {
        let c = plan(text)
        #expect(c.patient.onBehalf)
        #expect(c.patient.relationship == relation, "\(text)")
    }

    @Test func theRequestersWordsAboutImagesToArrangeAreKeptAndShown() throws {
        let said = "I have six CT images, I attached three, how do I send the rest?"
        let c = plan("My mother has a lung nodule. \(said) She is 72.")
        #expect(c.issues.contains(.imagesToArrange))
        #expect(c.imagesToArrangeWords == [said])
        #expect(CaseSummaryPage.render(c).contains("<h2>Images to arrange</h2>"))
        #expect(CaseSummaryPage.render(c).contains(HTMLText.escape(said)))
        #expect(CaseRow(c).notes == ["Images to arrange: “\(said)”"])
        let json = String(decoding: try JSONEncoder().encode(c), as: UTF8.self)
        #expect(json.contains("\"imagesToArrangeWords\""))
        // Nothing said, nothing kept.
        let plain = plan("My mother has a lung nodule and we would like an opinion on her CT report.")
        #expect(plain.imagesToArrangeWords == nil)
        #expect(!plain.issues.contains(.imagesToArrange))
    }

    @Test func aFollowUpAddsToWhatWasSaidAndKeepsTheIssue() {
        var first = TestMail()
        first.text = "My MRI is on a CD from the hospital.\nI accept the terms and conditions."
        first.attachments = [("r.pdf", "application/pdf", TestFiles.pdf, [])]
        let c1 = planner.plan(bytes: first.bytes, receivedAt: received, caseId: "SMO-2026-000123").intakeCase
        #expect(c1.imagesToArrangeWords == ["My MRI is on a CD from the hospital."])
        var second = TestMail()
        second.set("Subject", "Re: [SMO-2026-000123]")
        second.set("Message-ID", "<m2@example.com>")
        second.text = "I also have two sets of scans from 2023."
        let c2 = planner.plan(bytes: second.bytes, receivedAt: received.addingTimeInterval(3600), caseId: "SMO-2026-000123", existingCase: c1)
            .intakeCase
        #expect(c2.issues.contains(.imagesToArrange))
        #expect(c2.imagesToArrangeWords == ["My MRI is on a CD from the hospital.", "I also have two sets of scans from 2023."])
        var third = TestMail()
        third.set("Subject", "Re: [SMO-2026-000123]")
        third.set("Message-ID", "<m3@example.com>")
        third.text = "Thank you."
        let c3 = planner.plan(bytes: third.bytes, receivedAt: received.addingTimeInterval(7200), caseId: "SMO-2026-000123", existingCase: c2)
            .intakeCase
        #expect(c3.issues.contains(.imagesToArrange))
    }
}

import Foundation
import Testing

@testable import MailIntake

/// Choosing a callback window by number or by time in English, French and Arabic, what an
/// unclear choice does, and moving or cancelling a booked call: all pure, with the clock and
/// the calendar given.
@Suite struct IntakePlannerBookingTests {
    static func t(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
    let planner = IntakePlanner(configuration: .default)
    /// Friday 27 November 2026, 09:15 London: windows Fri 11–12, Mon 30 Nov 9–10, Mon 16–17.
    let received = Self.t("2026-11-27T09:15:00Z")
    let later = Self.t("2026-11-27T13:00:00Z")

    /// Monday 30 November 10–11, Tuesday 1 December 10–11, Tuesday 1 December 15–16 (London = UTC).
    static let slots: [IntakeCase.Callback.Slot] = [
        .init(start: t("2026-11-30T10:00:00Z"), end: t("2026-11-30T11:00:00Z")),
        .init(start: t("2026-12-01T10:00:00Z"), end: t("2026-12-01T11:00:00Z")),
        .init(start: t("2026-12-01T15:00:00Z"), end: t("2026-12-01T16:00:00Z")),
    ]

    func choice(_ text: String, open: (IntakeCase.Callback.Slot) -> Bool = { _ in true }) -> SlotChoice {
        SlotChoice.read(text, slots: Self.slots, receivedAt: Self.t("2026-11-27T12:00:00Z"), calendar: .london(), isOpen: open)
    }

    @Test(arguments: [
        ("2", 2), ("option 2", 2), ("Option 2 please", 2), ("the second one", 2), ("I'll take the 2nd slot", 2),
        ("Tuesday 10:00 please", 2), ("Tuesday at 10am works for me", 2), ("Tuesday afternoon", 3), ("the last one please", 3),
        ("Monday", 1), ("le deuxième créneau", 2), ("le deuxieme creneau svp", 2), ("mardi à 10 h", 2), ("choix 3", 3),
        ("mardi après-midi", 3), ("الموعد الثاني", 2), ("الخيار 2", 2), ("الخيار ٢", 2), ("٢", 2), ("الثلاثاء الساعة 10", 2),
        ("الثلاثاء الساعة ١٠", 2), ("الاثنين من فضلك", 1), ("الخيار الأول", 1),
    ] as [(String, Int)])
    func aWindowIsChosenByNumberOrByTimeInTheThreeLanguages(_ text: String, _ n: Int) {
        #expect(choice(text) == .chosen(n), "\(text)")
    }

    @Test(arguments: [
        ("Tuesday", [2, 3]), ("1 or 2", [1, 2]), ("10am please", [1, 2]), ("mardi", [2, 3]), ("option 1 ou option 3", [1, 3]),
        ("الثلاثاء", [2, 3]), ("الخيار 1 أو الخيار 2", [1, 2]),
    ] as [(String, [Int])])
    func aChoiceThatFitsSeveralWindowsIsUnclear(_ text: String, _ windows: [Int]) {
        #expect(choice(text) == .unclear(windows), "\(text)")
    }

    @Test(arguments: [
        "I would like a second opinion on my scans.", "My MRI was done on Tuesday morning at the Royal Marsden hospital last year.",
        "Thank you, I attach 2 more reports.", "Voici mon deuxième rapport.", "أرسلت التقرير الثاني",
    ])
    func wordsThatChooseNothingBookNothing(_ text: String) {
        #expect(choice(text) == .none, "\(text)")
    }

    @Test func aWindowThatHasPassedCannotBeChosen() {
        #expect(choice("option 1", open: { $0 != Self.slots[0] }) == .unclear([1]))
        #expect(choice("Monday", open: { $0 != Self.slots[0] }) == .none)
    }

    // MARK: Through the planner

    func firstMail(_ text: String) -> TestMail {
        var m = TestMail()
        m.text = text
        m.attachments = [("r.pdf", "application/pdf", TestFiles.pdf, [])]
        return m
    }

    func followUp(_ text: String, id: String) -> TestMail {
        var m = TestMail()
        m.set("Subject", "Re: Second opinion request [SMO-2026-000123]")
        m.set("Message-ID", "<\(id)@example.com>")
        m.text = text
        return m
    }

    func plan(_ mail: TestMail, existing: IntakeCase? = nil, at: Date) -> IntakePlan {
        planner.plan(bytes: mail.bytes, receivedAt: at, caseId: "SMO-2026-000123", existingCase: existing)
    }

    static let english = "My father has a liver lesion and we would like a second opinion.\nI accept the terms and conditions."
    static let french = "Mon père a une lésion du foie et nous souhaitons un second avis.\nJ'accepte les conditions générales."
    static let arabic = "والدي مصاب بورم في الكبد ونرغب في رأي طبي ثان.\nأوافق على الشروط والأحكام."

    @Test(arguments: [
        (english, "Monday please", "We could not tell from your reply which window you chose"),
        (french, "lundi svp", "Votre réponse ne nous permet pas de savoir quel créneau vous avez choisi"),
        (arabic, "الاثنين من فضلك", "لم نتمكن من معرفة الفترة التي اخترتموها"),
    ])
    func anUnclearChoiceBooksNothingAndTheReplySaysSo(_ first: String, _ answer: String, _ words: String) throws {
        let p1 = plan(firstMail(first), at: received)
        let p2 = plan(followUp(answer, id: "m2"), existing: p1.intakeCase, at: later)
        #expect(p2.intakeCase.callback.booked == nil)
        #expect(p2.intakeCase.callback.slots == p1.intakeCase.callback.slots)
        let text = ReplyParts.plain(try #require(p2.reply))
        #expect(text.contains(words))
    }

    @Test(arguments: [(english, "Monday 4pm please"), (french, "lundi à 16 h"), (arabic, "الاثنين الساعة ٤"), (arabic, "الخيار ٣")])
    func aWindowChosenByItsTimeIsBooked(_ first: String, _ answer: String) throws {
        let p1 = plan(firstMail(first), at: received)
        let p2 = plan(followUp(answer, id: "m2"), existing: p1.intakeCase, at: later)
        #expect(p2.intakeCase.callback.booked == p1.intakeCase.callback.slots[2], "\(answer)")
    }

    func booked(_ first: String) -> IntakeCase {
        let p1 = plan(firstMail(first), at: received)
        let p2 = plan(followUp("2", id: "m2"), existing: p1.intakeCase, at: later)
        #expect(p2.intakeCase.callback.booked == p1.intakeCase.callback.slots[1])  // Monday 30 November 9–10
        return p2.intakeCase
    }

    @Test(arguments: [
        (english, "Could you call me on Tuesday at 10am instead?", "As you asked, we have moved your call from Monday 30 November 2026, 9am to 10am."),
        (french, "Je ne pourrai pas lundi, plutôt mardi à 10 h.", "nous avons déplacé votre appel, prévu le lundi 30 novembre 2026"),
        (arabic, "لن أكون متاحا يوم الاثنين، أرجو الاتصال يوم الثلاثاء الساعة 10", "غيّرنا موعد الاتصال"),
    ])
    func aMoveToATimeThatPinsOneWindowRebooksIt(_ first: String, _ message: String, _ words: String) throws {
        let c = booked(first)
        let p = plan(followUp(message, id: "m3"), existing: c, at: later)
        let cb = p.intakeCase.callback
        #expect(cb.booked == .init(start: Self.t("2026-12-01T10:00:00Z"), end: Self.t("2026-12-01T11:00:00Z")))
        #expect(cb.bookingChange?.kind == .move)
        #expect(cb.bookingChange?.outcome == .rebooked)
        #expect(cb.bookingChange?.previous == c.callback.booked)
        let text = ReplyParts.plain(try #require(p.reply))
        #expect(text.contains(words))
        #expect(!text.contains("call you on Monday 30 November 2026 between"))
    }

    @Test(arguments: [
        (english, "I can't make Monday any more, sorry.", "An administrator will contact you to agree a new time"),
        (french, "Je ne pourrai pas être disponible lundi, désolé.", "Un conseiller vous contactera pour convenir d'une nouvelle heure"),
        (arabic, "أرجو تأجيل الموعد", "سيتواصل معكم أحد الإداريين للاتفاق على موعد جديد"),
    ])
    func aMoveWithoutANewTimeIsFlaggedForAnAdministrator(_ first: String, _ message: String, _ words: String) throws {
        let c = booked(first)
        let p = plan(followUp(message, id: "m3"), existing: c, at: later)
        let cb = p.intakeCase.callback
        #expect(cb.booked == nil)
        #expect(cb.bookingChange?.outcome == .needsAdministrator)
        #expect(!cb.slots.contains(c.callback.booked!))
        #expect(CaseRow(p.intakeCase).notes.first?.hasPrefix("For an administrator: asked to move the call") == true)
        let text = ReplyParts.plain(try #require(p.reply))
        #expect(text.contains(words))
        #expect(!text.contains("the time you chose"))
    }

    @Test(arguments: [
        (english, "Please cancel the call, I have found a specialist here.", "we have cancelled the call booked for Monday 30 November 2026, 9am to 10am"),
        (french, "Merci d'annuler l'appel.", "nous avons annulé l'appel prévu le lundi 30 novembre 2026"),
        (arabic, "أرجو إلغاء الموعد", "ألغينا الاتصال المحدد يوم"),
    ])
    func aCancelledCallIsUnbookedFlaggedAndSaid(_ first: String, _ message: String, _ words: String) throws {
        let c = booked(first)
        let p = plan(followUp(message, id: "m3"), existing: c, at: later)
        #expect(p.intakeCase.callback.booked == nil)
        #expect(p.intakeCase.callback.bookingChange?.kind == .cancel)
        #expect(p.intakeCase.callback.bookingChange?.outcome == .needsAdministrator)
        #expect(CaseRow(p.intakeCase).notes.first?.hasPrefix("For an administrator: asked to cancel the call") == true)
        let text = ReplyParts.plain(try #require(p.reply))
        #expect(text.contains(words))
        #expect(!text.contains("the time you chose"))
    }

    @Test func aDifferentNumberAfterBookingMovesTheBooking() throws {
        let c = booked(Self.english)
        let p = plan(followUp("Actually, option 3 please.", id: "m3"), existing: c, at: later)
        #expect(p.intakeCase.callback.booked == c.callback.slots[2])
        #expect(p.intakeCase.callback.bookingChange?.outcome == .rebooked)
    }
}

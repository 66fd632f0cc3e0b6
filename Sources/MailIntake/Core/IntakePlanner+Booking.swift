import Foundation

/// What a follow-up did to the callback: the reply says it in words.
public enum BookingOutcome: Sendable, Equatable {
    /// Nothing about the callback changed.
    case unchanged
    /// A window was chosen (nothing was booked before).
    case booked
    /// They tried to choose, but their words fit several windows or none still open: nothing booked.
    case unclear
    /// The booked window was replaced by the one their words name.
    case moved(from: IntakeCase.Callback.Slot)
    /// They asked to move the booked call and no single window fits: an administrator agrees a new time.
    case changeToArrange(from: IntakeCase.Callback.Slot?)
    /// They asked to cancel the call: nothing is booked, an administrator follows up.
    case cancelled(from: IntakeCase.Callback.Slot?)
}

/// Choosing, moving and cancelling the callback in a follow-up. Pure: `now` and the
/// calendar are the planner's; the old booked window is never confirmed again once a message
/// asks to move or cancel it.
extension IntakePlanner {
    func updateCallback(_ c: inout IntakeCase, request: RequestExtractor.Request, receivedAt: Date, now: Date) -> BookingOutcome {
        let reading = request.reading
        let calendar = configuration.calendar
        let isOpen: (IntakeCase.Callback.Slot) -> Bool = { $0.start > now }
        func choice() -> SlotChoice {
            SlotChoice.read(request.description, slots: c.callback.slots, receivedAt: receivedAt, calendar: calendar, isOpen: isOpen)
        }
        func note(_ kind: IntakeCase.Callback.BookingChange.Kind, _ text: String, _ previous: IntakeCase.Callback.Slot?, _ outcome: IntakeCase.Callback.BookingChange.Outcome) {
            c.callback.bookingChange = .init(kind: kind, text: text, receivedAt: receivedAt, previous: previous, outcome: outcome)
        }
        func wishWindows(_ wish: CallbackWish) -> IntakeCase.Callback.Requested {
            .init(text: wish.text, windows: wish.windows(receivedAt: receivedAt, calendar: calendar))
        }

        // A booked call they want moved or cancelled.
        if let previous = c.callback.booked, let change = reading.bookingChange {
            // Numbers refer to the windows as they were offered, so read them before any change.
            let chosen = SlotChoice.read(
                change.asked, slots: c.callback.slots, receivedAt: receivedAt, calendar: calendar,
                isOpen: { isOpen($0) && $0 != previous })
            c.callback.booked = nil
            if change.kind == .cancel {
                c.callback.slots.removeAll { $0 == previous }
                note(.cancel, change.text, previous, .needsAdministrator)
                reofferWhenNoneAhead(&c, now: now)
                return .cancelled(from: previous)
            }
            if case .chosen(let n) = chosen {
                c.callback.booked = c.callback.slots[n - 1]
                c.callback.slots.removeAll { $0 == previous }
                note(.move, change.text, previous, .rebooked)
                return .moved(from: previous)
            }
            if let wish = change.wish { c.callback.requested = wishWindows(wish) }
            reoffer(&c, now: now, leaving: previous)
            // Their new time pins down exactly one window: book it.
            if change.wish != nil, let windows = c.callback.requested?.windows, !windows.isEmpty {
                let fitting = c.callback.slots.filter { s in windows.contains { $0.start <= s.start && s.end <= $0.end } }
                if fitting.count == 1 {
                    c.callback.booked = fitting[0]
                    note(.move, change.text, previous, .rebooked)
                    return .moved(from: previous)
                }
            }
            note(.move, change.text, previous, .needsAdministrator)
            return .changeToArrange(from: previous)
        }

        if let booked = c.callback.booked {
            // A different window named outright ("actually, option 3"): a move.
            if case .chosen(let n) = choice(), c.callback.slots[n - 1] != booked {
                c.callback.booked = c.callback.slots[n - 1]
                note(.move, request.description, booked, .rebooked)
                return .moved(from: booked)
            }
            return .unchanged
        }

        // Nothing booked.
        if let change = reading.bookingChange, change.kind == .cancel {
            note(.cancel, change.text, nil, .needsAdministrator)
            return .cancelled(from: nil)
        }
        switch choice() {
        case .chosen(let n):
            c.callback.booked = c.callback.slots[n - 1]
            if c.callback.bookingChange?.outcome == .needsAdministrator { c.callback.bookingChange?.outcome = .rebooked }
            return .booked
        case .unclear:
            // The windows stay as numbered, so that they can answer with one number.
            reofferWhenNoneAhead(&c, now: now)
            return .unclear
        case .none:
            // A move's own wish leaves out the day they cannot make; a plain wish is taken whole.
            if let wish = reading.bookingChange.map({ $0.wish }) ?? reading.callbackWish {
                c.callback.requested = wishWindows(wish)
                reoffer(&c, now: now, leaving: nil)
            } else {
                reofferWhenNoneAhead(&c, now: now)
            }
            return .unchanged
        }
    }

    /// New windows from `now` that respect the current wish, keeping the deadline unless it has
    /// passed, and never the window they are moving away from.
    func reoffer(_ c: inout IntakeCase, now: Date, leaving previous: IntakeCase.Callback.Slot?) {
        let change = c.callback.bookingChange
        var fresh = offer(receivedAt: c.receivedAt, now: now, requested: c.callback.requested, caseId: c.caseId)
        if let previous { fresh.slots.removeAll { $0.start < previous.end && previous.start < $0.end } }
        fresh.bookingChange = change
        c.callback = fresh
    }

    /// The windows first offered are all gone: offer new ones (and a deadline) from now.
    func reofferWhenNoneAhead(_ c: inout IntakeCase, now: Date) {
        guard c.callback.booked == nil, !c.callback.slots.contains(where: { $0.start > now }) else { return }
        let change = c.callback.bookingChange
        c.callback = offer(receivedAt: now, now: now, requested: c.callback.requested, caseId: c.caseId)
        c.callback.bookingChange = change
    }

    /// The window a reply chose by day and time ("Monday morning", "lundi après-midi",
    /// "الثلاثاء الساعة 10"): 1-based, or nil when none or several fit.
    static func chosenSlot(in text: String, slots: [IntakeCase.Callback.Slot], calendar: BusinessCalendar) -> Int? {
        guard let received = slots.first?.start.addingTimeInterval(-86_400),
            case .chosen(let n) = SlotChoice.read(text, slots: slots, receivedAt: received, calendar: calendar)
        else { return nil }
        return n
    }

    /// The window number a reply chose ("2", "option 2", "the second one", "الخيار ٢").
    static func chosenSlot(in text: String, count: Int) -> Int? {
        guard count > 0 else { return nil }
        let picked = SentenceSplitter.split(text).flatMap { SlotChoice.numbers(in: $0, count: count) }
        return Set(picked).count == 1 ? picked[0] : nil
    }
}

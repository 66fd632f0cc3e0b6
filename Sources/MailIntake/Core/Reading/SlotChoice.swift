import Foundation

/// Which offered callback window a reply chooses: by its number ("2", "option 2", "the
/// second one", "le deuxième créneau", "الخيار ٢", "الموعد الثاني") or by its day and time
/// ("Tuesday 10:00 please", "mardi à 10 h", "الثلاثاء الساعة 10", "Monday morning").
///
/// Pure: the windows, the received time and the office calendar are arguments. A choice
/// that fits several windows ("Monday" when two Monday windows were offered, "1 or 2"), or
/// names a window that has passed, is `unclear`: nothing is booked and the reply says so.
public enum SlotChoice: Sendable, Equatable {
    /// Nothing in the text chooses a window.
    case none
    /// Exactly one window, 1-based as first offered.
    case chosen(Int)
    /// Every window the text could mean (1-based), or the gone one it named: none is booked.
    case unclear([Int])

    /// What `text` chooses among `slots` (numbered from 1 as first offered). Only windows for
    /// which `isOpen` holds can be chosen; `receivedAt` anchors "tomorrow".
    public static func read(
        _ text: String, slots: [IntakeCase.Callback.Slot], receivedAt: Date, calendar: BusinessCalendar,
        isOpen: (IntakeCase.Callback.Slot) -> Bool = { _ in true }
    ) -> SlotChoice {
        guard !slots.isEmpty else { return .none }
        var picked: [Int] = []
        func pick(_ n: Int) { if !picked.contains(n) { picked.append(n) } }
        for s in SentenceSplitter.split(text) {
            let byNumber = numbers(in: s, count: slots.count)
            byNumber.forEach(pick)
            guard byNumber.isEmpty, choosesByTime(s) else { continue }
            for part in CallbackWishReader.parts(in: s) {
                for (k, slot) in slots.enumerated() where isOpen(slot) {
                    if fits(part, slot, receivedAt: receivedAt, calendar: calendar) { pick(k + 1) }
                }
            }
        }
        if picked.count == 1, isOpen(slots[picked[0] - 1]) { return .chosen(picked[0]) }
        return picked.isEmpty ? .none : .unclear(picked.sorted())
    }

    // MARK: By number

    /// Nouns a window is called by, folded: "option 2", "créneau 2", "الخيار 2", "the second one".
    static let nouns: Set<String> = folded([
        "option", "options", "slot", "window", "choice", "number", "no", "num", "nr", "one", "time", "creneau", "choix", "numero",
        "n", "plage", "horaire", "proposition", "خيار", "الخيار", "اختيار", "الاختيار", "موعد", "الموعد", "رقم", "الرقم", "فترة",
        "الفترة", "الوقت", "البديل",
    ])
    /// Nouns that may follow an ordinal ("time" is not one of them: "the second time I write").
    static let ordinalNouns: Set<String> = nouns.subtracting(folded(["time", "no", "num", "nr", "n", "number", "الرقم", "رقم", "الوقت"]))

    static let ordinals: [String: Int] = {
        var m: [String: Int] = [:]
        let lists: [(Int, [String])] = [
            (1, ["first", "1st", "premier", "premiere", "1er", "1ere", "الأول", "الأولى", "اول", "أول"]),
            (2, ["second", "2nd", "deuxieme", "seconde", "2e", "2eme", "الثاني", "الثانية", "ثاني"]),
            (3, ["third", "3rd", "troisieme", "3e", "3eme", "الثالث", "الثالثة", "ثالث"]),
            (0, ["last", "final", "dernier", "derniere", "الأخير", "الأخيرة"]),
        ]
        for (n, words) in lists { for w in words { m[TextFolding.fold(w)] = n } }
        return m
    }()

    /// What follows the digits of an ordinal ("2nd", "3rd", "2e", "2ème").
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "e", "eme", "er", "ere"]

    /// Words that may stand around a bare number ("2 please", "٢ من فضلك", "1 or 2").
    static let fillers: Set<String> = folded([
        "please", "pls", "plz", "thanks", "thank", "you", "ok", "okay", "yes", "fine", "is", "for", "me", "thx", "works", "great",
        "merci", "svp", "stp", "oui", "parfait", "pour", "moi", "شكرا", "من", "فضلك", "فضلكم", "لو", "سمحت", "نعم", "ممتاز",
        "or", "ou", "او", "أو", "either", "soit",
    ])

    /// The window numbers a sentence names: a bare number (with only courtesies around it),
    /// a noun and a number, an ordinal and a noun, or (Arabic) a noun and an ordinal.
    static func numbers(in s: Sentence, count: Int) -> [Int] {
        let t = s.tokens.map(\.folded)
        var out: [Int] = []
        func add(_ n: Int) { if (1...count).contains(n), !out.contains(n) { out.append(n) } }
        // "2", "2.", "2 please", "1 or 2": nothing but numbers and courtesies.
        if t.count <= 6, t.contains(where: { Int($0) != nil }), t.allSatisfy({ Int($0) != nil || fillers.contains($0) }) {
            t.compactMap { Int($0) }.forEach(add)
            return out
        }
        for i in t.indices {
            guard nouns.contains(t[i]) || nouns.contains(withoutClitic(t[i])) else { continue }
            // "option 2", "n° 2", "number two", "الخيار ٢".
            if i + 1 < t.count, let n = Int(t[i + 1]) ?? cardinal(t[i + 1]), t[i] != "one" { add(n) }
            // "الموعد الثاني", "option deux"… and Arabic's noun-then-ordinal.
            if i + 1 < t.count, let n = ordinals[t[i + 1]], s.tokens[i].isArabic { add(n == 0 ? count : n) }
            // "the second one", "le deuxième créneau", "2nd option" ("2nd" is the tokens "2" "nd").
            let isOrdinalNoun = ordinalNouns.contains(t[i]) || ordinalNouns.contains(withoutClitic(t[i]))
            if i > 0, let n = ordinals[t[i - 1]], isOrdinalNoun { add(n == 0 ? count : n) }
            if i > 1, isOrdinalNoun, ordinalSuffixes.contains(t[i - 1]), let n = Int(t[i - 2]) { add(n) }
        }
        return out
    }

    static func cardinal(_ w: String) -> Int? {
        if ["one", "un", "une", "واحد"].contains(w) { return 1 }
        return NumberWords.words[w]
    }

    static func withoutClitic(_ w: String) -> String {
        for c in ["و", "ب", "ف"] where w.hasPrefix(c) && w.count > 3 { return String(w.dropFirst()) }
        return w
    }

    // MARK: By day and time

    /// Words that make a day or a time in a sentence a choice ("Monday morning suits me").
    static let choiceWords: Set<String> = folded([
        "suits", "suit", "works", "work", "fine", "good", "ok", "okay", "please", "pls", "best", "perfect", "prefer", "choose",
        "pick", "take", "book", "great", "convient", "parfait", "svp", "stp", "merci", "prefere", "choisis", "retiens", "va",
        "يناسبني", "مناسب", "افضل", "أفضل", "اختار", "أختار", "ارجو", "أرجو", "فضلك", "ممتاز",
    ])

    /// A sentence that names a day or a time chooses with it when it is short ("Monday
    /// morning", "mardi à 10 h") or says it is a choice or a call; "my MRI was on Monday
    /// morning" does not.
    static func choosesByTime(_ s: Sentence) -> Bool {
        if s.tokens.count <= 5 { return true }
        if s.tokens.contains(where: { choiceWords.contains($0.folded) }) { return true }
        return ReadingTables.table.hits(in: s).contains { [.callWish, .contactPhone, .moveBooking].contains($0.cue) }
    }

    /// `slot` lies on the days of `part` and starts within its hours (or holds its hour: "at 10").
    static func fits(_ part: CallbackWish.Part, _ slot: IntakeCase.Callback.Slot, receivedAt: Date, calendar: BusinessCalendar) -> Bool {
        let day = calendar.localDay(of: slot.start)
        let today = calendar.localDay(of: receivedAt)
        switch part.days {
        case .unspecified: break
        case .weekdays(let w): guard w.contains(day.isoWeekday) else { return false }
        case .relative(let r): guard r.contains(day.dayNumber - today.dayNumber) else { return false }
        case .nextWeek:
            let monday = today.adding(days: 8 - today.isoWeekday)
            guard day >= monday, day < monday.adding(days: 7) else { return false }
        }
        if part.from <= CallbackWish.dayStart, part.to >= CallbackWish.dayEnd { return part.days != .unspecified }
        let clock = calendar.localTime(of: slot.start)
        let start = clock.hour * 60 + clock.minute
        let end = start + Int(slot.end.timeIntervalSince(slot.start) / 60)
        if start >= part.from, start < part.to { return true }
        return part.to - part.from <= 60 && start <= part.from && part.from < end
    }

    static func folded(_ words: [String]) -> Set<String> { Set(words.map { TextFolding.fold($0) }) }
}

/// Reads days, parts of the day and clock times out of one sentence ("Thursday afternoon",
/// "any time after 4pm", "entre 14h et 16h", "avant 11 h", "يوم الأحد بعد الساعة 4 عصراً").
///
/// A sentence is read as alternatives ("Monday or Tuesday morning"): each alternative
/// collects days and a time range; an alternative with days but no time borrows the next
/// one's time, one with a time but no day borrows the previous one's days.
enum CallbackWishReader {
    struct Segment {
        var days: CallbackWish.Days = .unspecified
        var part: (Int, Int)?
        var clockFrom: Int?
        var clockTo: Int?
        var isEmpty: Bool { days == .unspecified && part == nil && clockFrom == nil && clockTo == nil }
        var hasTime: Bool { part != nil || clockFrom != nil || clockTo != nil }

        /// The time range: a clock range refines a part of the day when they overlap.
        var range: (Int, Int) {
            let p = part ?? (CallbackWish.dayStart, CallbackWish.dayEnd)
            guard clockFrom != nil || clockTo != nil else { return p }
            let from = clockFrom ?? (part == nil ? CallbackWish.dayStart : p.0)
            let to = clockTo ?? (part == nil ? CallbackWish.dayEnd : p.1)
            let lo = max(from, clockFrom == nil ? p.0 : from), hi = min(to, clockTo == nil ? p.1 : to)
            return hi > lo ? (lo, hi) : (from, to)
        }
    }

    /// The parts of the wish in `s`, or [] when it names no day or time.
    static func parts(in s: Sentence) -> [CallbackWish.Part] {
        var segments: [Segment] = [Segment()]
        let t = s.tokens.map(\.folded)
        var pending: TimeWords.Marker?
        var i = 0
        func add(days new: [Int], relative: Bool) {
            var seg = segments[segments.count - 1]
            if seg.days == .unspecified {
                seg.days = relative ? .relative(new) : .weekdays(new)
            } else if seg.hasTime {
                segments.append(Segment(days: relative ? .relative(new) : .weekdays(new)))
                return
            } else {
                switch (seg.days, relative) {
                case (.weekdays(let old), false): seg.days = .weekdays(old + new)
                case (.relative(let old), true): seg.days = .relative(old + new)
                default:
                    segments.append(Segment(days: relative ? .relative(new) : .weekdays(new)))
                    return
                }
            }
            segments[segments.count - 1] = seg
        }
        // "any time except Friday", "sauf le vendredi", "ما عدا الجمعة": days left out.
        var excluded: [Int] = []
        var excluding = false
        while i < t.count {
            let w = t[i]
            if TimeWords.except.contains(w) || (TimeWords.notWords.contains(w) && nextIsWeekday(t, after: i)) {
                excluding = true
                i += 1
                continue
            }
            if excluding {
                if let wd = weekday(w) {
                    excluded.append(wd)
                    i += 1
                    continue
                }
                if TimeWords.listWords.contains(w) {
                    i += 1
                    continue
                }
                excluding = false
            }
            if TimeWords.alternatives.contains(w), !segments[segments.count - 1].isEmpty {
                segments.append(Segment())
                i += 1
                continue
            }
            if let n = TimeWords.nextWeek.first(where: { Array(t[i..<min(t.count, i + $0.count)]) == $0 }) {
                segments[segments.count - 1].days = .nextWeek
                i += n.count
                continue
            }
            if let wd = weekday(w) {
                add(days: [wd], relative: false)
            } else if let r = TimeWords.relativeDays[w] {
                add(days: [r], relative: true)
                if w == "tonight" { segments[segments.count - 1].part = TimeWords.parts["evening"] }
            } else if let p = part(t, i) {
                var seg = segments[segments.count - 1]
                if seg.part != nil && seg.clockFrom == nil && seg.clockTo == nil {
                    segments.append(Segment(days: seg.days))
                    seg = segments[segments.count - 1]
                }
                if pending == .after, p.0 == 12 * 60, p.1 == 14 * 60 {
                    seg.clockFrom = 13 * 60  // "after lunch"
                } else if pending == .after {
                    seg.clockFrom = p.1
                } else if pending == .before {
                    seg.clockTo = p.0
                } else {
                    seg.part = (p.0, p.1)
                }
                segments[segments.count - 1] = seg
                pending = nil
                i += p.2
                continue
            } else if let m = TimeWords.markers[w] {
                if m == .at, pending != nil {
                    // "de 14h à 16h": "à" closes the range; "بعد الساعة 4": "الساعة" is "o'clock".
                } else if m != .to || pending != nil || segments[segments.count - 1].clockFrom != nil {
                    pending = m
                }
            } else if s.tokens[i].isNumber, !inNumberRun(s, i), let (minutes, used, explicit) = clock(t, i) {
                let marker = pending
                guard explicit || marker != nil else {
                    i += 1
                    continue
                }
                var seg = segments[segments.count - 1]
                switch marker {
                case .after: seg.clockFrom = minutes
                case .before: seg.clockTo = minutes
                case .between: seg.clockFrom = minutes
                case .to:
                    if let from = seg.clockFrom, from >= minutes, from >= 12 * 60, minutes < 12 * 60 {
                        seg.clockTo = minutes + 12 * 60
                    } else {
                        seg.clockTo = minutes
                    }
                    // "between 2 and 4pm": the first time takes the second's half of the day.
                    if let from = seg.clockFrom, let to = seg.clockTo, from + 12 * 60 < to, from < 12 * 60 { seg.clockFrom = from + 12 * 60 }
                case .at, nil:
                    seg.clockFrom = minutes
                    seg.clockTo = minutes + 60
                }
                segments[segments.count - 1] = seg
                pending = marker == .between || marker == .after ? .to : nil
                i += used
                continue
            } else if !TimeWords.hourWords.contains(w) {
                if pending != .to { pending = nil }
            }
            i += 1
        }
        // Days without a time borrow the next alternative's time; times without days the previous days.
        var filled = segments.filter { !$0.isEmpty }
        if !excluded.isEmpty {
            let allowed = (1...5).filter { !excluded.contains($0) }
            if filled.isEmpty { filled = [Segment()] }
            for k in filled.indices {
                switch filled[k].days {
                case .weekdays(let w): filled[k].days = .weekdays(w.filter { !excluded.contains($0) })
                case .unspecified: filled[k].days = .weekdays(allowed)
                default: break
                }
            }
        }
        var out: [CallbackWish.Part] = []
        for (k, seg) in filled.enumerated() {
            var seg = seg
            if !seg.hasTime, let next = filled[(k + 1)...].first(where: \.hasTime) {
                seg.part = next.part
                seg.clockFrom = next.clockFrom
                seg.clockTo = next.clockTo
            }
            if seg.days == .unspecified, k > 0, filled[k - 1].days != .unspecified { seg.days = filled[k - 1].days }
            let r = seg.range
            out.append(.init(days: seg.days, from: r.0, to: r.1))
        }
        return out
    }

    /// A weekday follows token `i`, directly or after "on" / "le" / "يوم" ("not on Fridays").
    static func nextIsWeekday(_ t: [String], after i: Int) -> Bool {
        var j = i + 1
        while j < t.count, TimeWords.listWords.contains(t[j]) { j += 1 }
        return j < t.count && weekday(t[j]) != nil
    }

    /// Token `i` sits next to another number with only spaces between: a phone number or a
    /// date ("06 12 34 56 78"), not a time.
    static func inNumberRun(_ s: Sentence, _ i: Int) -> Bool {
        func spaced(_ a: Int, _ b: Int) -> Bool {
            s.tokens[a].isNumber && s.tokens[b].isNumber
                && s.text[s.tokens[a].range.upperBound..<s.tokens[b].range.lowerBound].allSatisfy { $0 == " " || $0 == "+" }
        }
        return (i > 0 && spaced(i - 1, i)) || (i + 1 < s.tokens.count && spaced(i, i + 1))
    }

    static func isWeekdays(_ d: CallbackWish.Days) -> Bool {
        if case .weekdays = d { return true }
        return false
    }

    /// A weekday name, also with the Arabic "يوم"/clitic in front ("ويوم الخميس", "بالخميس").
    static func weekday(_ w: String) -> Int? {
        if let d = TimeWords.weekdays[w] { return d }
        for c in ["و", "ب", "يوم", "ويوم"] where w.hasPrefix(c) {
            if let d = TimeWords.weekdays[String(w.dropFirst(c.count))] { return d }
        }
        return nil
    }

    /// A part of the day at `i`: "morning", "après-midi", "بعد الظهر", "end of the day"; with the tokens it used.
    static func part(_ t: [String], _ i: Int) -> (Int, Int, Int)? {
        if i + 1 < t.count, t[i] == "apres", t[i + 1] == "midi" { return (12 * 60, 17 * 60, 2) }
        if i + 1 < t.count, t[i] == "بعد", t[i + 1] == "الظهر" { return (12 * 60, 17 * 60, 2) }
        if i + 2 < t.count, t[i] == "end", t[i + 1] == "of", ["the", "day"].contains(t[i + 2]) {
            return (16 * 60, 18 * 60, t[i + 2] == "the" ? 4 : 3)
        }
        if i + 2 < t.count, t[i] == "fin", t[i + 1] == "de", t[i + 2] == "journee" { return (16 * 60, 18 * 60, 3) }
        if let p = TimeWords.parts[t[i]] { return (p.0, p.1, 1) }
        for c in ["و", "ب", "في"] where t[i].hasPrefix(c) {
            if let p = TimeWords.parts[String(t[i].dropFirst(c.count))] { return (p.0, p.1, 1) }
        }
        return nil
    }

    /// A clock time at `i` ("4", "4pm", "16:30", "16h30", "10 a.m.", "4 عصرا"): minutes after
    /// midnight, tokens used, and whether it carried its own sign of being a time.
    static func clock(_ t: [String], _ i: Int) -> (Int, Int, Bool)? {
        guard let h = Int(t[i]), (0...24).contains(h), t[i].count <= 2 else { return nil }
        var j = i + 1
        var minute = 0
        var explicit = false
        var half: Bool?  // true pm, false am
        if j < t.count, TimeWords.notTime.contains(t[j]) { return nil }
        if j < t.count, TimeWords.hourWords.contains(t[j]) {
            explicit = true
            j += 1
            if j < t.count, t[j] == "clock" { j += 1 }
        }
        if j < t.count, t[j].count == 2, let m = Int(t[j]), (0..<60).contains(m) {
            minute = m
            explicit = true
            j += 1
        }
        if j < t.count, TimeWords.hourWords.contains(t[j]) {
            explicit = true
            j += 1
        }
        if j < t.count, TimeWords.pm.contains(t[j]) {
            half = true
            j += 1
        } else if j < t.count, TimeWords.am.contains(t[j]) {
            half = false
            j += 1
        } else if j + 1 < t.count, ["a", "p"].contains(t[j]), t[j + 1] == "m" {
            half = t[j] == "p"
            j += 2
        }
        var hour = h
        if let half {
            explicit = true
            if half, hour < 12 { hour += 12 }
            if !half, hour == 12 { hour = 0 }
        } else if hour >= 1, hour <= 7 {
            hour += 12  // nobody asks for a call at 4 in the morning
        }
        guard hour <= 24 else { return nil }
        return (hour * 60 + minute, j - i, explicit)
    }
}

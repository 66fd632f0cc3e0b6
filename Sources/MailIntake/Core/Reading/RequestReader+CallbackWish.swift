/// When to call, and changes to a booked call.
extension RequestReader {
    /// The first sentences that ask for a call (or say when they are free) and name a day or
    /// a time. The wish keeps their words.
    static func readCallbackWish(_ all: [[Finding]], _ sentences: [Sentence]) -> CallbackWish? {
        var texts: [String] = []
        var parts: [CallbackWish.Part] = []
        for (k, s) in sentences.enumerated() {
            let asks = all[k].contains { [.callWish, .contactPhone, .moveBooking].contains($0.hit.cue) && !$0.negated }
                || all[k].contains { $0.hit.cue == .callWish && $0.negated }
            guard asks else { continue }
            var found = CallbackWishReader.parts(in: s)
            guard !found.isEmpty else { continue }
            // "pas dispo avant 17h", "not free before 10": available after that time.
            if all[k].contains(where: { $0.hit.cue == .callWish && $0.negated }) {
                found = found.map { p in
                    p.from == CallbackWish.dayStart && p.to < CallbackWish.dayEnd ? .init(days: p.days, from: p.to, to: CallbackWish.dayEnd) : p
                }
            }
            texts.append(s.text)
            parts += found
        }
        return texts.isEmpty ? nil : CallbackWish(text: texts.joined(separator: " "), parts: parts)
    }

    /// A wish to move or cancel a call: "Could you call me on Tuesday at 10am instead?",
    /// "je ne pourrai pas lundi, plutôt mardi matin", "أرجو إلغاء الموعد".
    static func readBookingChange(_ all: [[Finding]], _ sentences: [Sentence]) -> RequestReading.BookingChange? {
        for (k, s) in sentences.enumerated() {
            if all[k].contains(where: { $0.hit.cue == .cancelBooking && !$0.negated }) {
                return .init(kind: .cancel, text: s.text)
            }
            if let move = all[k].first(where: { $0.hit.cue == .moveBooking && !$0.negated }) {
                // The new time may be in this sentence or the next ("I can't do Monday. Tuesday at 10?").
                // "I can't make Monday, …", "je ne pourrai pas lundi", "لن أكون متاحا الاثنين": the day
                // in that clause is the one they leave, not the one they ask for.
                var wish: CallbackWish?
                var text = s.text
                var here = s
                let hitWords = s.tokens[move.hit.start..<move.hit.end].map(\.folded)
                if hitWords.contains(where: { leavingWords.contains($0) }) {
                    let clause = s.clause(of: move.hit.start)
                    here = clause.upperBound < s.tokens.count
                        ? Sentence(String(s.text[s.tokens[clause.upperBound].range.lowerBound...])) : Sentence("")
                }
                for s2 in [here] + sentences[(k + 1)...].prefix(1) {
                    let parts = CallbackWishReader.parts(in: s2)
                    // A move names the day it leaves too: keep the last alternative named.
                    if !parts.isEmpty {
                        if k + 1 < sentences.count, s2.text == sentences[k + 1].text { text += " " + s2.text }
                        wish = CallbackWish(text: text, parts: parts)
                        break
                    }
                }
                let asked = ([here.text] + sentences[(k + 1)...].map(\.text)).joined(separator: "\n")
                return .init(kind: .move, text: text, wish: wish, asked: asked)
            }
        }
        return nil
    }

    /// Words of a move phrase that leave a time ("can't make", "ne pourrai pas", "لن أكون").
    static let leavingWords: Set<String> = ["can", "cannot", "not", "won", "t", "ne", "pas", "pourrai", "لن"]
}

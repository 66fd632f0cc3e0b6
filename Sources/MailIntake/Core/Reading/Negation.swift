/// Negation and its scope: a cue ("no", "not", "don't have", "without", "ne … pas", "sans",
/// "ليس", "لا", "بدون") negates what follows it in the same clause, up to a few words on and
/// never past a word that starts a new statement ("whether", "if", "that", "because" …).
///
/// "I don't have any scans to send" negates "scans"; "I have no idea whether the MRI is
/// normal" does not negate "MRI"; "je n'ai pas d'images" negates "images" ("pas" is the cue:
/// "ne" alone is often dropped in writing).
public enum Negation {
    /// How far a cue reaches, in words between its end and the start of what it negates.
    static let reach = 5

    /// Words that end a negation's scope.
    static let scopeBreakers: Set<String> = [
        "whether", "if", "that", "because", "which", "who", "so", "since", "when", "until", "and",
        "si", "que", "qui", "car", "parce", "quand", "lorsque", "et",
        "ان", "لان", "اذا", "الذي", "التي", "عندما", "حتي",
    ]

    /// True when the hit starting at token `start` is negated by one of `negations` in `s`.
    public static func isNegated(start: Int, in s: Sentence, negations: [PhraseTable.Hit]) -> Bool {
        let clause = s.clause(of: start)
        for n in negations where n.cue == .negation && clause.contains(n.start) && n.end <= start {
            guard start - n.end <= reach else { continue }
            let between = s.tokens[n.end..<start].map(\.folded)
            if between.contains(where: { scopeBreakers.contains($0) }) { continue }
            return true
        }
        return false
    }

    /// The negation cues of `s` that are not part of a "not only" or "don't hesitate".
    static func cues(in s: Sentence, table: PhraseTable) -> [PhraseTable.Hit] {
        let all = table.hits(in: s)
        // Longest-match already lets "don't hesitate" (notNegation) win over "don't".
        return all.filter { $0.cue == .negation }
    }
}

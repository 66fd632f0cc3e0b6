/// The language a request is written in: Arabic by its script, French or English by their
/// most common words; English when unsure (the contract's default).
enum LanguageGuess {
    static let french: Set<String> = [
        "le", "la", "les", "des", "du", "de", "et", "est", "je", "j", "ai", "mon", "ma", "mes", "pour", "avec", "une", "un", "pas",
        "ne", "vous", "nous", "merci", "bonjour", "suis", "sont", "au", "aux", "dans", "sur", "qui", "que", "cette", "il", "elle",
        "votre", "vos", "avoir", "etre", "madame", "monsieur", "cordialement", "svp", "ci", "joint", "mere", "pere", "avis",
        "dossier", "rendez", "aussi", "tres", "mais", "ou", "se", "sa", "son", "ces", "d", "l", "n", "qu", "moi", "m",
        "pouvez", "pourriez", "voulez", "veux", "par", "sans", "ce", "quand", "mieux", "notre", "nos", "en", "y", "mais",
        "tous", "toutes", "tout", "cette", "etes", "sont", "fait", "peut", "peux", "chez", "apres", "avant", "demain", "jeudi",
        "lundi", "mardi", "mercredi", "vendredi", "samedi", "dimanche", "soir", "matin", "bonsoir", "courriel",
    ]
    static let english: Set<String> = [
        "the", "and", "is", "i", "my", "of", "to", "for", "with", "a", "an", "have", "has", "this", "that", "you", "your", "we",
        "are", "be", "was", "not", "please", "thank", "thanks", "would", "like", "it", "on", "in", "at", "am", "can",
        "could", "regards", "dear", "hello", "hi", "attached", "find", "opinion", "second", "mother", "father", "by", "from",
    ]

    static func language(of sentences: [Sentence], subject: String) -> IntakeCase.Language {
        var arabic = 0, latin = 0, fr = 0, en = 0
        var all = sentences
        if sentences.allSatisfy({ $0.tokens.count < 3 }) { all.append(Sentence(subject)) }
        for s in all {
            for t in s.tokens where !t.isNumber {
                if t.isArabic {
                    arabic += 1
                } else {
                    latin += 1
                    if french.contains(t.folded) { fr += 1 }
                    // Accented letters are French here (the reader's three languages).
                    if t.folded.unicodeScalars.count != s.text[t.range].unicodeScalars.count
                        || s.text[t.range].unicodeScalars.contains(where: { (0xC0...0x17F).contains($0.value) })
                    {
                        fr += 1
                    }
                    if english.contains(t.folded) { en += 1 }
                }
            }
        }
        if arabic > 0, arabic * 2 >= latin { return .ar }
        if fr >= 1, fr > en { return .fr }
        return .en
    }
}

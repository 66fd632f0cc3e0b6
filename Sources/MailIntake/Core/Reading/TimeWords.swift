/// The words for days, parts of the day and clock times, folded, in the three languages:
/// the vocabulary `CallbackWishReader` reads times with. Adding a word is adding it here.
enum TimeWords {
    static let weekdays: [String: Int] = {
        var m: [String: Int] = [:]
        let names = [
            ["monday", "mondays", "lundi", "lundis", "الاثنين", "اثنين", "الإثنين"],
            ["tuesday", "tue", "tues", "tuesdays", "mardi", "mardis", "الثلاثاء", "ثلاثاء"],
            ["wednesday", "wed", "wednesdays", "mercredi", "mercredis", "الأربعاء", "الاربعاء", "اربعاء"],
            ["thursday", "thu", "thur", "thurs", "thursdays", "jeudi", "jeudis", "الخميس", "خميس"],
            ["friday", "fri", "fridays", "vendredi", "vendredis", "الجمعة", "جمعة"],
            ["saturday", "saturdays", "samedi", "samedis", "السبت", "سبت"],
            ["sunday", "sundays", "dimanche", "dimanches", "الأحد", "الاحد", "احد"],
        ]
        for (i, list) in names.enumerated() { for n in list { m[TextFolding.fold(n)] = i + 1 } }
        return m
    }()

    static let relativeDays: [String: Int] = {
        var m: [String: Int] = [:]
        for n in ["today", "tonight", "aujourd", "اليوم", "الليلة"] { m[TextFolding.fold(n)] = 0 }
        for n in ["tomorrow", "tmrw", "tmr", "demain", "غدا", "غداً", "بكرة", "بكره", "الغد"] { m[TextFolding.fold(n)] = 1 }
        return m
    }()

    /// Parts of the day, minutes after midnight.
    static let parts: [String: (Int, Int)] = {
        var m: [String: (Int, Int)] = [:]
        let morning = (9 * 60, 12 * 60), lunch = (12 * 60, 14 * 60), afternoon = (12 * 60, 17 * 60), evening = (17 * 60, 20 * 60)
        for n in ["morning", "mornings", "matin", "matins", "matinee", "صباح", "صباحا", "الصباح", "صباحاً", "الصبح"] {
            m[TextFolding.fold(n)] = morning
        }
        for n in ["lunchtime", "lunch", "midday", "noon", "midi", "الظهر", "ظهرا", "ظهراً"] { m[TextFolding.fold(n)] = lunch }
        for n in ["afternoon", "afternoons", "aprem", "العصر", "عصرا", "عصراً"] { m[TextFolding.fold(n)] = afternoon }
        for n in ["evening", "evenings", "tonight", "soir", "soiree", "soirs", "مساء", "مساءا", "المساء", "مساءً"] {
            m[TextFolding.fold(n)] = evening
        }
        return m
    }()

    enum Marker { case after, before, between, at, to }

    static let markers: [String: Marker] = {
        var m: [String: Marker] = [:]
        for n in ["after", "from", "past", "since", "apres", "partir", "des", "depuis", "de", "بعد", "من"] { m[TextFolding.fold(n)] = .after }
        for n in ["before", "by", "until", "till", "til", "avant", "jusqu", "jusque", "قبل", "حتى"] { m[TextFolding.fold(n)] = .before }
        for n in ["between", "entre", "بين"] { m[TextFolding.fold(n)] = .between }
        for n in ["at", "around", "about", "a", "vers", "الساعة", "حوالي", "حوالى", "@"] { m[TextFolding.fold(n)] = .at }
        for n in ["to", "and", "et", "الى", "إلى", "و", "-"] { m[TextFolding.fold(n)] = .to }
        return m
    }()

    static let pm: Set<String> = ["pm", "مساء", "مساءا", "م", "عصرا", "ظهرا", "soir"].reduce(into: []) { $0.insert(TextFolding.fold($1)) }
    static let am: Set<String> = ["am", "صباحا", "ص", "matin"].reduce(into: []) { $0.insert(TextFolding.fold($1)) }
    static let hourWords: Set<String> = ["h", "heure", "heures", "hr", "hrs", "hours", "oclock", "o", "clock", "ساعة", "الساعة"]
        .reduce(into: []) { $0.insert(TextFolding.fold($1)) }
    /// Words after a number that make it a date or a quantity, not a time.
    static let notTime: Set<String> = [
        "th", "st", "nd", "rd", "er", "eme", "days", "day", "weeks", "week", "months", "years", "year", "jours", "semaines",
        "mois", "ans", "minutes", "mins", "images", "scans", "mg", "kg", "cm", "mm", "يوم", "ايام", "أيام", "سنة", "شهر",
    ].reduce(into: []) { $0.insert(TextFolding.fold($1)) }
    static let nextWeek: [[String]] = [
        ["next", "week"], ["semaine", "prochaine"], ["la", "semaine", "prochaine"], ["الاسبوع", "القادم"], ["الاسبوع", "المقبل"],
    ].map { $0.map { TextFolding.fold($0) } }
    /// Words that separate alternatives ("Monday or Tuesday").
    static let alternatives: Set<String> = ["or", "ou", "او", "أو", "otherwise", "sinon"].reduce(into: []) { $0.insert(TextFolding.fold($1)) }
    /// Words that leave the days after them out ("any time except Friday", "sauf le vendredi", "ما عدا الجمعة").
    static let except: Set<String> = ["except", "excluding", "excl", "sauf", "excepte", "hormis", "عدا", "ماعدا", "باستثناء", "الا", "إلا"]
        .reduce(into: []) { $0.insert(TextFolding.fold($1)) }
    /// "not" before a day leaves it out too ("but not Fridays", "pas le vendredi", "ليس يوم الجمعة").
    static let notWords: Set<String> = ["not", "never", "pas", "jamais", "ليس", "غير", "لا"].reduce(into: []) { $0.insert(TextFolding.fold($1)) }
    /// Words between the days of a list ("Friday or Monday", "le vendredi et le lundi").
    static let listWords: Set<String> = ["and", "or", "on", "the", "et", "ou", "le", "les", "و", "او", "أو", "يوم", "ايام", "أيام", "يومي"]
        .reduce(into: []) { $0.insert(TextFolding.fold($1)) }
}

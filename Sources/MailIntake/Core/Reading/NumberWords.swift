/// Small numbers written as digits or words in the three languages ("six", "six", "ست"),
/// for counts of images.
enum NumberWords {
    static let words: [String: Int] = {
        var m: [String: Int] = [:]
        let lists: [(Int, [String])] = [
            (2, ["two", "deux", "اثنين", "اثنتين"]), (3, ["three", "trois", "ثلاث", "ثلاثة"]), (4, ["four", "quatre", "اربع", "أربع"]),
            (5, ["five", "cinq", "خمس"]), (6, ["six", "ست", "ستة"]), (7, ["seven", "sept", "سبع"]), (8, ["eight", "huit", "ثمان"]),
            (9, ["nine", "neuf", "تسع"]), (10, ["ten", "dix", "عشر"]), (11, ["eleven", "onze"]), (12, ["twelve", "douze"]),
            (15, ["fifteen", "quinze"]), (20, ["twenty", "vingt"]),
        ]
        for (n, names) in lists { for w in names { m[TextFolding.fold(w)] = n } }
        return m
    }()

    /// The number a folded token stands for, or nil.
    static func value(of token: String) -> Int? {
        if let n = Int(token), n < 10_000 { return n }
        return words[token]
    }
}

/// Every phrase the reader knows, in one table built once from the per-language lists
/// (`ReadingTables+English`, `+French`, `+Arabic`) and the relationship words below.
/// A request is matched against all three, so a French request with an English sentence
/// in it is read whole.
public enum ReadingTables {
    /// The compiled table.
    public static let table = PhraseTable(english + french + arabic + relationLines)

    /// Relationship words, by the word the case records. Possessive context is added by
    /// `relationLines` ("my mother has…", "for my mother", "ma mère a…"); Arabic words carry
    /// the possessive themselves ("والدتي": my mother).
    static let relations: [(label: String, english: String, french: String, arabic: String)] = [
        ("mother", "mother|mum|mom|mam|mummy|mommy|mama", "mere|maman", "والدتي|أمي|امي|الوالدة|الوالده|والدتنا"),
        ("father", "father|dad|daddy|papa", "pere|papa", "والدي|الوالد|والدنا"),
        ("son", "son|boy", "fils", "ابني|إبني|ولدي"),
        ("daughter", "daughter|girl", "fille", "ابنتي|إبنتي|بنتي"),
        ("wife", "wife", "femme|epouse", "زوجتي"),
        ("husband", "husband", "mari|epoux", "زوجي"),
        ("partner", "partner|fiance|fiancee|girlfriend|boyfriend", "compagnon|compagne|conjoint|conjointe", "خطيبي|خطيبتي"),
        ("brother", "brother", "frere", "أخي|اخي|شقيقي"),
        ("sister", "sister", "soeur", "أختي|اختي|شقيقتي"),
        ("grandmother", "grandmother|grandma|nan|nana|granny", "grand_mere|grand_maman|mamie", "جدتي"),
        ("grandfather", "grandfather|grandad|grandpa", "grand_pere|grand_papa|papi", "جدي"),
        ("child", "child|baby|kid|toddler|infant", "enfant|bebe", "طفلي|طفلتي|رضيعي"),
        ("grandson", "grandson", "petit_fils", "حفيدي"),
        ("granddaughter", "granddaughter", "petite_fille", "حفيدتي"),
        ("stepmother or mother-in-law", "stepmother|stepmum|stepmom", "belle_mere", "زوجة_أبي|زوجة_ابي|حماتي"),
        ("stepfather or father-in-law", "stepfather|stepdad", "beau_pere", "زوج_أمي|زوج_امي|حماي"),
        ("uncle", "uncle", "oncle", "عمي"),
        ("aunt", "aunt|auntie", "tante", "عمتي|خالتي"),
        ("cousin", "cousin", "cousin|cousine", "ابن_عمي|بنت_عمي|ابن_خالي|بنت_خالي"),
        ("nephew", "nephew", "neveu", "ابن_أخي|ابن_اخي|ابن_أختي|ابن_اختي"),
        ("niece", "niece", "niece", "بنت_أخي|بنت_اخي|بنت_أختي|بنت_اختي"),
        ("friend", "friend", "ami|amie", "صديقي|صديقتي"),
        ("relative", "relative|family_member", "proche|parent_proche", "قريبي|قريبتي"),
        ("employee", "employee|staff_member", "employe|employee|salarie", "موظفنا|موظفتنا"),
        ("client", "client", "client|cliente", "عميلنا"),
    ]

    /// Verbs that make the relative the subject of the request ("my mother has …").
    static let englishPatientVerbs =
        "has|is|was|needs|suffers|suffering|underwent|diagnosed|got|requires|been|had_surgery|had_a|had_an|s|recently|developed|presented|started|complains|seeing|saw|broke|fell|injured|hurt|collapsed|does|did|went|takes|keeps|feels|lost|tested|received|suffered|can_t|cannot|@name"
    static let frenchPatientVerbs = "a|est|souffre|doit|presente|a_ete|vient|atteint|atteinte|suivi|suivie|souffrant|opere|operee"

    static var relationLines: [PhraseTable.Line] {
        relations.flatMap { r -> [PhraseTable.Line] in
            let cue = ReadingCue.relation(r.label)
            return [
                .init("my|our \(r.english) ~ \(englishPatientVerbs)", cue),
                .init("for|about|regarding|concerning|re ~ my|our \(r.english)", cue),
                .init("my|our \(r.english) s", cue),
                .init("^ my|our \(r.english)", cue),
                .init("^ my|our \(r.english) and_i|and_me|and_myself", .selfPatient),
                .init("^ ma|mon|notre \(r.french)", cue),
                .init("on_behalf_of ~ my|our \(r.english)", cue),
                .init("ma|mon|notre \(r.french) ~ \(frenchPatientVerbs)", cue),
                .init("pour|concernant|au_sujet_de|au_nom_de ~ ma|mon|notre \(r.french)", cue),
                .init("de_ma|de_mon \(r.french)", cue),
                .init(r.arabic, cue),
            ]
        }
    }
}

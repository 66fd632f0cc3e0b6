/// The reply templates compiled into the program, one per language (`en.mustache`,
/// `fr.mustache`, `ar.mustache` in an override folder replace them). Embedded as Swift strings
/// so the binary needs no resource bundle. docs/replies.md describes the format and variables.
enum BuiltInReplyTemplates {
    /// The template text for `language`.
    static func text(_ language: IntakeCase.Language) -> String {
        switch language {
        case .en: english
        case .fr: french
        case .ar: arabic
        }
    }
}

/// One acknowledgement rendered for a person: the text/plain and text/html bodies, and the
/// languages they are in (the requester's first, then English below it when different).
public struct ReplyDocument: Sendable, Equatable {
    /// Languages in reading order: `[.en]`, `[.fr, .en]` or `[.ar, .en]`.
    public var languages: [IntakeCase.Language]
    public var plainText: String
    public var html: String

    /// `Content-Language` (RFC 3282): "ar, en".
    public var contentLanguage: String { languages.map(\.rawValue).joined(separator: ", ") }

    /// Renders `source` in the requester's language (with English below) through `templates`.
    public init(_ source: ReplyModel.Source, language: IntakeCase.Language, configuration: IntakeConfiguration, templates: ReplyTemplates) {
        languages = language == .en ? [.en] : [language, .en]
        let clinic = configuration.clinic
        var texts: [String] = []
        var sections: [String] = []
        for l in languages {
            let model = ReplyModel(source, language: l, configuration: configuration)
            let markup = templates.render(model, language: l)
            let rtl = l == .ar
            let prices = [configuration.recordsReviewPrice, configuration.recordsAndImagesReviewPrice]
            texts.append(Self.isolated(markup.plainText, verbatim: [clinic.phone, clinic.imagesPhone, clinic.termsURL] + prices, rtl: rtl))
            let body = markup.html(links: [clinic.termsURL], verbatim: [clinic.phone, clinic.imagesPhone, source.intakeCase.caseId] + prices)
            let align = rtl ? "right" : "left"
            sections.append(
                "<div lang=\"\(l.rawValue)\" dir=\"\(rtl ? "rtl" : "ltr")\" style=\"text-align:\(align)\">\n\(body)\n</div>")
        }
        plainText = texts.joined(separator: "\n\n" + String(repeating: "=", count: 30) + " English " + String(repeating: "=", count: 30) + "\n\n") + "\n"
        html = Self.page(sections: sections, language: language, title: source.intakeCase.caseId)
    }

    /// In right-to-left text, numbers and URLs set apart (Unicode isolates) so a phone number's
    /// groups are not shown in reverse order.
    static func isolated(_ text: String, verbatim: [String], rtl: Bool) -> String {
        guard rtl else { return text }
        var out = text
        for v in verbatim where !v.isEmpty { out = out.replacingOccurrences(of: v, with: "\u{2066}" + v + "\u{2069}") }
        return out
    }

    /// The whole HTML document: a centred column of inline-styled blocks, no images, no remote
    /// content, no `<style>` element (Gmail and Outlook drop or mangle those).
    static func page(sections: [String], language: IntakeCase.Language, title: String) -> String {
        let dir = language == .ar ? "rtl" : "ltr"
        let separator = "<hr style=\"border:0;border-top:1px solid #d0d7de;margin:28px 0\">"
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)" dir="\(dir)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title))</title>
            </head>
            <body style="margin:0;padding:0;background-color:#f3f5f7">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f5f7">
            <tr><td align="center" style="padding:24px 12px">
            <table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:640px;background-color:#ffffff;border:1px solid #d0d7de">
            <tr><td style="padding:24px 28px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.55;color:#1f2328">
            \(sections.joined(separator: "\n" + separator + "\n"))
            </td></tr>
            </table>
            </td></tr>
            </table>
            </body>
            </html>

            """
    }
}

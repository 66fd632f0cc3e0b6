import Mustache

/// The reply templates in use: the built-in ones, each possibly replaced by an administrator's
/// file (`[replies] templates`). Parsed once, when the configuration is read; a template that
/// does not parse, or renders nothing, is a configuration error naming the file and line.
public struct ReplyTemplates: Sendable {
    /// One template and where it came from.
    struct Entry: Sendable {
        var template: MustacheTemplate
        /// "built-in en", or the override file's path.
        var origin: String
    }

    var entries: [IntakeCase.Language: Entry]

    /// Every language from the built-in templates.
    public static let builtIn: ReplyTemplates = {
        var entries: [IntakeCase.Language: Entry] = [:]
        for language in IntakeCase.Language.allCases {
            // The built-in texts are tested; should one ever fail to parse, the test suite says so.
            if let t = try? MustacheTemplate(string: pragma + BuiltInReplyTemplates.text(language)) {
                entries[language] = Entry(template: t, origin: "built-in \(language.rawValue)")
            }
        }
        return ReplyTemplates(entries: entries)
    }()

    /// Templates render plain text: the markup is escaped for HTML afterwards, not by Mustache.
    /// On the first line, so that line numbers in errors are the file's own.
    static let pragma = "{{% CONTENT_TYPE: TEXT}}"

    /// The built-in templates with `overrides` (language → (file name, text)) put in their place.
    /// Each override is parsed and rendered against sample cases; the first failure is thrown.
    public static func withOverrides(_ overrides: [IntakeCase.Language: (origin: String, text: String)]) throws(ReplyTemplateError)
        -> ReplyTemplates
    {
        var result = builtIn
        for language in IntakeCase.Language.allCases {
            guard let (origin, text) = overrides[language] else { continue }
            let template: MustacheTemplate
            do {
                template = try MustacheTemplate(string: pragma + text)
            } catch let error as MustacheTemplate.ParserError {
                throw ReplyTemplateError(
                    file: origin, line: error.context.lineNumber, column: error.context.columnNumber,
                    message: "\(error.error)")
            } catch {
                throw ReplyTemplateError(file: origin, line: nil, column: nil, message: "\(error)")
            }
            result.entries[language] = Entry(template: template, origin: origin)
        }
        try result.check()
        return result
    }

    /// Renders each template against sample replies (a new request with everything missing, a
    /// complete one, a follow-up, a confirmation): each must produce a greeting and the case
    /// reference, so an override that lost its content is caught at start-up, not by a patient.
    public func check() throws(ReplyTemplateError) {
        for language in IntakeCase.Language.allCases {
            guard let entry = entries[language] else { continue }
            for model in ReplySamples.models(language: language) {
                let text = ReplyMarkup(entry.template.render(model)).plainText
                guard text.contains(model.caseId) else {
                    throw ReplyTemplateError(
                        file: entry.origin, line: nil, column: nil,
                        message: "renders no case reference ({{caseId}}) for a \(ReplySamples.describe(model))")
                }
            }
        }
    }

    /// The rendered markup for `model` in its language (English when a language has no template).
    func render(_ model: ReplyModel, language: IntakeCase.Language) -> ReplyMarkup {
        let entry = entries[language] ?? entries[.en]
        return ReplyMarkup(entry?.template.render(model) ?? "")
    }

    /// Where the template of `language` came from.
    public func origin(_ language: IntakeCase.Language) -> String { entries[language]?.origin ?? "missing" }
}

/// A reply template that cannot be used: the file, the line and column when known, and why.
public struct ReplyTemplateError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public var description: String {
        var at = file
        if let line { at += ":\(line)" }
        if let column { at += ":\(column)" }
        return "reply template \(at): \(message)"
    }
}

import ArgumentParser
import Foundation
import MailIntake

/// `mail-bot render-reply (FILE.eml | CASES/SMO-…) [--format text|html|eml] [--language ar]
/// [--now ISO8601] [--config FILE]`: prints the acknowledgement for review; sends nothing and
/// writes nothing. With `--config`, the configured `[clinic]` values and template folder are used.
struct RenderReplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-reply",
        abstract: "Print the reply of a message or of a case folder, for review, without sending it.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, html, eml }

    @Argument(help: "A message (.eml) to plan as a new case, or a case folder (holding case.json).")
    var source: String

    @Option(help: "What to print: text (the text/plain part), html (the text/html part) or eml (the whole message).")
    var format: Format = .text

    @Option(help: "Write the reply in this language (en, fr, ar) instead of the case's.")
    var language: String?

    @Option(help: "The moment the reply is composed, e.g. 2026-11-24T09:15:00Z (default: now for a message, the received time for a case).")
    var now: String?

    @Option(help: "The configuration file (TOML): [clinic], [replies] templates, [intake].")
    var config: String?

    func validate() throws {
        if let language, IntakeCase.Language(rawValue: language) == nil {
            throw ValidationError("--language '\(language)' is not one of en, fr, ar")
        }
        if let now, ProcessCommand.parseISO8601(now) == nil {
            throw ValidationError("--now '\(now)' is not an ISO 8601 date-time (e.g. 2026-11-24T09:15:00Z)")
        }
    }

    func run() async throws {
        let intake = try config.map { path -> IntakeConfiguration in
            do {
                return IntakeConfiguration(try Configuration.load(path: path))
            } catch {
                throw CommandFailure.usage("--config: \(error)")
            }
        } ?? .default
        let clock = now.flatMap(ProcessCommand.parseISO8601)
        let lang = language.flatMap(IntakeCase.Language.init(rawValue:))
        let caseJSON = URL(fileURLWithPath: source).appendingPathComponent("case.json").path
        let mail: OutgoingMail?
        if FileManager.default.fileExists(atPath: caseJSON) {
            guard let data = FileManager.default.contents(atPath: caseJSON), let c = try? IntakeCase.decode(json: Array(data)) else {
                throw CommandFailure.usage("cannot read '\(caseJSON)' as a case")
            }
            let original = FileManager.default.contents(atPath: URL(fileURLWithPath: source).appendingPathComponent("original.eml").path)
            mail = ReplyPreview.forCase(c, original: original.map(Array.init), configuration: intake, now: clock, language: lang)
        } else {
            guard let data = FileManager.default.contents(atPath: source) else {
                throw CommandFailure.usage("cannot read '\(source)': not a message file nor a case folder")
            }
            mail = ReplyPreview.forMessage(Array(data), configuration: intake, now: clock ?? Date(), language: lang)
        }
        guard let mail else {
            throw CommandFailure.runtime("no reply: the intake sends none to this message (automatic mail or our own address)")
        }
        let document = ReplyPreview.document(of: mail)
        switch format {
        case .eml: FileHandle.standardOutput.write(Data(mail.bytes))
        case .text: print(document.text, terminator: "")
        case .html: print(document.html, terminator: "")
        }
    }
}

import Foundation

/// The administrators' template folder (`[replies] templates`): `en.mustache`, `fr.mustache`,
/// `ar.mustache`, each replacing the built-in template of its language; a language without a
/// file keeps the built-in one. Read and checked when the configuration is loaded, so a
/// broken template stops start-up with the file and line, instead of reaching a patient.
public enum ReplyTemplateFolder {
    /// The templates of `folder` over the built-in ones.
    public static func load(_ folder: String) throws(ReplyTemplateError) -> ReplyTemplates {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw ReplyTemplateError(file: folder, line: nil, column: nil, message: "cannot read the folder (\(error.localizedDescription))")
        }
        var overrides: [IntakeCase.Language: (origin: String, text: String)] = [:]
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            guard let language = IntakeCase.Language(rawValue: String(name.dropLast(".mustache".count))) else {
                throw ReplyTemplateError(
                    file: path, line: nil, column: nil,
                    message: "not a reply template name: use en.mustache, fr.mustache or ar.mustache")
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ReplyTemplateError(file: path, line: nil, column: nil, message: "cannot be read as UTF-8 text")
            }
            overrides[language] = (path, text)
        }
        return try ReplyTemplates.withOverrides(overrides)
    }
}

import Foundation

/// Typed access to one table of the configuration file, with errors that name the key,
/// the file and the line ("'poll.interval_seconds' must be an integer, found a string …").
struct ConfigurationSectionReader {
    let table: TOMLTable
    let source: String
    /// Relative paths are resolved against this folder (the configuration file's).
    let baseDirectory: String

    var name: String { table.name }

    func has(_ key: String) -> Bool { table.entry(key) != nil }

    func error(_ key: String, _ message: String, hint: String? = nil) -> ConfigurationError {
        ConfigurationError(
            key: "\(name).\(key)", message, source: source,
            position: table.entry(key)?.position ?? table.position, hint: hint)
    }

    func missing(_ key: String) -> ConfigurationError {
        ConfigurationError(
            key: "\(name).\(key)", "missing key '\(name).\(key)' in section [\(name)]", source: source,
            position: table.position)
    }

    private func wrongType(_ key: String, expected: String, found: TOMLValue) -> ConfigurationError {
        error(key, "'\(name).\(key)' must be \(expected), found \(found.typeName)")
    }

    func optionalString(_ key: String) throws(ConfigurationError) -> String? {
        guard let entry = table.entry(key) else { return nil }
        guard case .string(let value) = entry.value else { throw wrongType(key, expected: "a string", found: entry.value) }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error(key, "'\(name).\(key)' is empty")
        }
        return value
    }

    func string(_ key: String) throws(ConfigurationError) -> String {
        guard let value = try optionalString(key) else { throw missing(key) }
        return value
    }

    func string(_ key: String, default value: String) throws(ConfigurationError) -> String {
        try optionalString(key) ?? value
    }

    func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let entry = table.entry(key) else { return nil }
        guard case .integer(let value) = entry.value else { throw wrongType(key, expected: "an integer", found: entry.value) }
        guard range.contains(value) else {
            throw error(key, "'\(name).\(key)' is \(value), outside \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    func integer(_ key: String, default value: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        try optionalInteger(key, in: range) ?? value
    }

    func boolean(_ key: String, default value: Bool) throws(ConfigurationError) -> Bool {
        guard let entry = table.entry(key) else { return value }
        guard case .boolean(let flag) = entry.value else { throw wrongType(key, expected: "true or false", found: entry.value) }
        return flag
    }

    func strings(_ key: String) throws(ConfigurationError) -> [String] {
        guard let entry = table.entry(key) else { return [] }
        guard case .array(let values) = entry.value else {
            throw wrongType(key, expected: "an array of strings", found: entry.value)
        }
        var result: [String] = []
        for value in values {
            guard case .string(let text) = value else {
                throw error(key, "'\(name).\(key)' must hold only strings, found \(value.typeName)")
            }
            result.append(text)
        }
        return result
    }

    /// A path, made absolute against the configuration file's folder.
    func path(_ key: String) throws(ConfigurationError) -> String {
        Self.absolute(try string(key), base: baseDirectory)
    }

    func optionalPath(_ key: String) throws(ConfigurationError) -> String? {
        try optionalString(key).map { Self.absolute($0, base: baseDirectory) }
    }

    static func absolute(_ path: String, base: String) -> String {
        var expanded = path
        if expanded == "~" || expanded.hasPrefix("~/") {
            expanded = NSHomeDirectory() + expanded.dropFirst()
        }
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
        return URL(fileURLWithPath: base).appendingPathComponent(expanded).standardizedFileURL.path
    }

    /// The section's credential: exactly one of `password_env`, `password_file`, `oauth2_token_file`.
    func credential() throws(ConfigurationError) -> TransportCredential? {
        let present = ConfigurationSchema.credentialKeys.filter(has)
        if present.count > 1 {
            let names = present.map { "'\(name).\($0)'" }.joined(separator: " and ")
            throw error(present[1], "\(names) are both set", hint: "give exactly one of password_env, password_file, oauth2_token_file")
        }
        switch present.first {
        case "password_env": return .passwordEnvironment(try string("password_env"))
        case "password_file": return .passwordFile(try path("password_file"))
        case "oauth2_token_file": return .oauth2TokenFile(try path("oauth2_token_file"))
        default: return nil
        }
    }
}

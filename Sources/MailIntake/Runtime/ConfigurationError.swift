/// A configuration that cannot be used, naming the key, the file and the line: the CLI
/// prints it and exits 2.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending key as `section.key` (or `[section]` for a whole section), when there is one.
    public var key: String?
    /// What is wrong, e.g. "unknown key 'imap.passwrd'".
    public var message: String
    /// The file's path, or "the embedded default".
    public var source: String
    /// Where in the file, when known.
    public var position: TOMLPosition?
    /// What to do, e.g. "did you mean 'password_env'?".
    public var hint: String?

    public init(key: String? = nil, _ message: String, source: String, position: TOMLPosition? = nil, hint: String? = nil) {
        self.key = key
        self.message = message
        self.source = source
        self.position = position
        self.hint = hint
    }

    /// "unknown key 'imap.passwrd' in /etc/mail-bot.toml line 3: did you mean 'password_env'?"
    public var description: String {
        var text = "\(message) in \(source)"
        if let position { text += " line \(position.line)" }
        if let hint { text += ": \(hint)" }
        return text
    }

    /// The closest of `candidates` to a misspelt `word`, if one is close enough to suggest.
    ///
    /// Compares against each candidate and its `_`-separated prefixes, so `passwrd` finds
    /// `password_env` (one letter from `password`) and `interval` finds `interval_seconds`.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let parts = candidate.split(separator: "_")
            var forms = [candidate]
            for n in 1..<max(parts.count, 1) { forms.append(parts.prefix(n).joined(separator: "_")) }
            let distance = forms.map { editDistance(word.lowercased(), $0) }.min() ?? Int.max
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(2, word.count / 3) else { return nil }
        return best.candidate
    }

    /// Levenshtein distance between two short strings.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}

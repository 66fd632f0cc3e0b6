/// Who counts as a sponsor by address: known sponsor domains and addresses (configured),
/// and patterns of government domains (`*.gov.sa`, `mofa.*`, `*.gouv.*` …).
public struct SponsorDirectory: Sendable, Hashable {
    /// Domains of known sponsors; subdomains match too.
    public var knownDomains: [String]
    /// Individual addresses of known sponsors (officers writing from elsewhere).
    public var knownAddresses: [String]
    /// Label patterns: `*` stands for one or more labels, and a leading `*.` also for none.
    public var governmentPatterns: [String]

    public init(knownDomains: [String] = [], knownAddresses: [String] = [], governmentPatterns: [String] = SponsorDirectory.defaultPatterns) {
        self.knownDomains = knownDomains.map { $0.lowercased() }
        self.knownAddresses = knownAddresses.map { $0.lowercased() }
        self.governmentPatterns = governmentPatterns.map { $0.lowercased() }
    }

    public static let `default` = SponsorDirectory()

    /// Government domains of the countries whose embassies usually sponsor patients in London.
    public static let defaultPatterns: [String] =
        ["sa", "ae", "kw", "qa", "om", "bh", "eg", "ly", "iq", "jo", "lb", "ye", "dz", "ma", "tn", "sd", "ng", "pk", "kz"]
        .map { "*.gov.\($0)" } + ["mofa.*", "*.mofa.*", "*.gouv.*", "*.diplomatie.*", "*.mfa.*", "*.embassy.*"]

    /// Why `address` is a sponsor's, or nil.
    public func match(address: String) -> String? {
        let a = address.lowercased()
        guard let at = a.lastIndex(of: "@") else { return nil }
        let domain = String(a[a.index(after: at)...])
        if knownAddresses.contains(a) { return "sender \(a) is a known sponsor address" }
        if let d = knownDomains.first(where: { domain == $0 || domain.hasSuffix("." + $0) }) {
            return "sender domain \(domain) is a known sponsor (\(d))"
        }
        if let p = governmentPatterns.first(where: { Self.matches(domain: domain, pattern: $0) }) {
            return "sender domain \(domain) is a government domain (\(p))"
        }
        return nil
    }

    /// Label-wise glob: "*" matches one or more labels; a leading "*." may also match none.
    static func matches(domain: String, pattern: String) -> Bool {
        let d = domain.split(separator: ".").map(String.init)
        let p = pattern.split(separator: ".").map(String.init)
        if p.first == "*", match(d[...], Array(p.dropFirst())[...]) { return true }
        return match(d[...], p[...])
    }

    private static func match(_ d: ArraySlice<String>, _ p: ArraySlice<String>) -> Bool {
        guard let head = p.first else { return d.isEmpty }
        if head == "*" {
            guard !d.isEmpty else { return false }
            for k in 1...d.count where match(d.dropFirst(k), p.dropFirst()) { return true }
            return false
        }
        guard let first = d.first, first == head else { return false }
        return match(d.dropFirst(), p.dropFirst())
    }
}

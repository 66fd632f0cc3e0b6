import Foundation

/// The case registry as a value: which message became which case, which of our
/// acknowledgements belongs to which case, and the last sequence number per year.
///
/// It is the layout of `CASES/.mail-bot/index.json`, where earlier versions kept the registry
/// (read and rewritten whole for every message); the registry now lives in SQL
/// (``CaseRegistryTable``), and this value is what an old file or the case folders are read
/// into to be imported (``CaseRegistryImport``) and what a session collects before it saves.
/// The case folders stay the truth: an id whose folder exists is never given again.
struct CaseRegistry: Codable, Equatable {
    var version = 1
    /// Last sequence number used, per year ("2026" → 123).
    var sequences: [String: Int] = [:]
    /// Message key → case id. Keys: `mid:<message-id>` and `sha256:<hex of the raw bytes>`.
    var messages: [String: String] = [:]
    /// Message-ID of a mail we sent (acknowledgement) → the case it belongs to.
    var acknowledgements: [String: String] = [:]

    /// The keys a raw message is known by: its Message-ID (when it has one) and its digest.
    static func keys(messageId: String?, sha256: String) -> [String] {
        var keys: [String] = []
        if let id = messageId?.trimmingCharacters(in: .whitespaces), !id.isEmpty, id != "<>" {
            keys.append("mid:" + id)
        }
        keys.append("sha256:" + sha256)
        return keys
    }

    /// The case already made from a message with any of these keys.
    func caseId(forKeys keys: [String]) -> String? {
        for key in keys {
            if let id = messages[key] { return id }
        }
        return nil
    }

    mutating func record(keys: [String], caseId: String) {
        for key in keys where messages[key] == nil { messages[key] = caseId }
    }

    /// Takes the next id for `year`, beyond both the recorded sequence and every folder
    /// already present (`existingIds`), so a lost registry never causes a reuse.
    mutating func allocate(year: Int, existingIds: [String]) -> String {
        let prefix = "SMO-\(year)-"
        let highestFolder = existingIds.compactMap { id -> Int? in
            guard id.hasPrefix(prefix) else { return nil }
            return Int(id.dropFirst(prefix.count))
        }.max() ?? 0
        let next = max(sequences[String(year)] ?? 0, highestFolder) + 1
        sequences[String(year)] = next
        return CaseRegistry.caseId(year: year, sequence: next)
    }

    /// "SMO-2026-000123".
    static func caseId(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "SMO-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Whether `s` has the shape of one of our case ids.
    static func isCaseId(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "SMO" && parts[1].count == 4 && parts[2].count >= 6
            && parts[1].allSatisfy(\.isASCII) && parts[1].allSatisfy(\.isNumber)
            && parts[2].allSatisfy(\.isASCII) && parts[2].allSatisfy(\.isNumber)
    }
}

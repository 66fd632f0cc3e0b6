/// Separates what the requester wrote now from quoted earlier mail and from the signature.
///
/// Line-based, as mail clients write them: "> " quotes; an attribution line ("On … wrote:",
/// "Le … a écrit :", Arabic "… كتب:") that starts the quoted history; Outlook's
/// "-----Original Message-----" or a "From: … / Sent: …" header block; and the "-- "
/// signature separator (RFC 3676 §4.3). Everything from the first history marker on is
/// history. The original message is always kept whole elsewhere (`original.eml`).
public enum QuoteStripper {
    /// The parts of a body.
    public struct Split: Sendable, Equatable {
        /// What the requester wrote now (sign-offs like "Kind regards" stay).
        public var fresh: String
        /// The signature after "-- ", or "" when there was none.
        public var signature: String
    }

    public static func split(_ text: String) -> Split {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fresh: [String] = []
        var signature: [String] = []
        var inSignature = false
        var i = 0
        scan: while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if startsHistory(lines, at: i) { break scan }
            if line == "-- " || line == "--" || trimmed == "—" {
                inSignature = true
                i += 1
                continue
            }
            if trimmed.hasPrefix(">") {
                i += 1
                continue
            }
            if inSignature { signature.append(line) } else { fresh.append(line) }
            i += 1
        }
        var f = fresh.joined(separator: "\n")
        for device in deviceFooters where f.hasSuffix(device) { f = String(f.dropLast(device.count)) }
        return Split(
            fresh: HTMLReducer.tidy(f),
            signature: HTMLReducer.tidy(signature.joined(separator: "\n")))
    }

    static let deviceFooters = ["Sent from my iPhone", "Sent from my iPad", "Sent from my Android", "Sent from Outlook"]

    /// True when line `i` begins quoted history.
    static func startsHistory(_ lines: [String], at i: Int) -> Bool {
        let t = lines[i].trimmingCharacters(in: .whitespaces)
        let lower = t.lowercased()
        if lower.hasPrefix("-----original message") || lower.hasPrefix("-----message d'origine")
            || lower.hasPrefix("----- original message") || t.hasPrefix("-----الرسالة الأصلية")
        {
            return true
        }
        // Attribution: "On Tue, 24 Nov 2026 at 09:15, Name <a@b> wrote:" (possibly wrapped onto the next line).
        if isAttribution(lower) { return true }
        if i + 1 < lines.count, lower.hasPrefix("on ") || lower.hasPrefix("le "),
            isAttribution(lower + " " + lines[i + 1].trimmingCharacters(in: .whitespaces).lowercased())
        {
            return true
        }
        // Outlook header block: "From: …" followed closely by "Sent:"/"Date:" and "To:"/"Subject:".
        if lower.hasPrefix("from:") || lower.hasPrefix("de :") || lower.hasPrefix("de:") || t.hasPrefix("من:") {
            let next = lines[(i + 1)..<min(lines.count, i + 5)].map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let hasDate = next.contains { $0.hasPrefix("sent:") || $0.hasPrefix("date:") || $0.hasPrefix("envoyé :") || $0.hasPrefix("envoyé:") || $0.hasPrefix("تاريخ الإرسال:") || $0.hasPrefix("أرسلت:") }
            let hasOther = next.contains { $0.hasPrefix("to:") || $0.hasPrefix("subject:") || $0.hasPrefix("à :") || $0.hasPrefix("objet :") || $0.hasPrefix("إلى:") || $0.hasPrefix("الموضوع:") }
            if hasDate && hasOther { return true }
        }
        if t.hasPrefix("________________________________"), i + 1 < lines.count {
            let n = lines[i + 1].trimmingCharacters(in: .whitespaces).lowercased()
            if n.hasPrefix("from:") || n.hasPrefix("de :") || n.hasPrefix("من:") { return true }
        }
        return false
    }

    static func isAttribution(_ lower: String) -> Bool {
        if lower.hasPrefix("on "), lower.hasSuffix("wrote:") { return true }
        if lower.hasPrefix("le "), lower.hasSuffix("a écrit :") || lower.hasSuffix("a écrit:") { return true }
        if lower.hasSuffix("كتب:") || lower.hasSuffix("كتب :") { return true }
        if lower.hasPrefix("am "), lower.hasSuffix("schrieb:") || lower.hasSuffix("geschrieben:") { return true }
        return false
    }
}

import Foundation

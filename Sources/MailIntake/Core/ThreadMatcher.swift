import MIMEParser

/// Finds what ties a message to an earlier case: our case reference ("SMO-2026-000123") in
/// the subject, and the Message-IDs it replies to. The case store looks the ids up; the ids
/// we generate (`<SMO-2026-000123.ack-1@domain>`) carry their case id, so they also name it.
public enum ThreadMatcher {
    /// Case ids named by the message (subject first, then our own Message-IDs it refers to),
    /// and every Message-ID it refers to (In-Reply-To first, then References newest first).
    public static func references(in m: MessageView) -> (caseIds: [String], messageIds: [String]) {
        var caseIds = caseReferences(in: m.subject)
        var ids: [String] = []
        for id in m.inReplyTo + m.references.reversed() where !ids.contains(id) { ids.append(id) }
        for id in ids {
            if let c = caseId(fromMessageID: id), !caseIds.contains(c) { caseIds.append(c) }
        }
        return (caseIds, ids)
    }

    /// Every "SMO-YYYY-NNNNNN" in `text`, in order, without repeats (case-insensitive, written upper-case).
    public static func caseReferences(in text: String) -> [String] {
        var out: [String] = []
        let u = Array(text.uppercased().utf8)
        var i = 0
        while i + 15 <= u.count {
            if u[i] == 0x53, u[i + 1] == 0x4D, u[i + 2] == 0x4F, u[i + 3] == 0x2D,  // "SMO-"
                (i + 4..<i + 8).allSatisfy({ isDigit(u[$0]) }), u[i + 8] == 0x2D,
                (i + 9..<i + 15).allSatisfy({ isDigit(u[$0]) }),
                i + 15 == u.count || !isDigit(u[i + 15]), i == 0 || !isAlnum(u[i - 1])
            {
                let ref = String(decoding: u[i..<(i + 15)], as: UTF8.self)
                if !out.contains(ref) { out.append(ref) }
                i += 15
            } else {
                i += 1
            }
        }
        return out
    }

    /// The Message-ID of our `sequence`-th reply on a case: deterministic, so a crash and a
    /// retry produce the same message, and a reply to it names its case.
    public static func messageID(caseId: String, sequence: Int, domain: String) -> String {
        "<\(caseId).ack-\(sequence)@\(domain)>"
    }

    /// The case id inside one of our own Message-IDs, or nil.
    public static func caseId(fromMessageID id: String) -> String? {
        let inner = id.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        guard let dot = inner.firstIndex(of: "."), inner[dot...].hasPrefix(".ack-") else { return nil }
        let refs = caseReferences(in: String(inner[..<dot]))
        return refs.count == 1 && refs[0].count == inner.distance(from: inner.startIndex, to: dot) ? refs[0] : nil
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
}

import Foundation

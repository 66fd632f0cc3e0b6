import MIMEParser

/// Who may join a case. Case ids are sequential and our Message-IDs name their case, so a
/// reference in the subject or in In-Reply-To/References proves nothing about the sender:
/// anyone can write "SMO-2026-000042". A message joins the case it cites only when it comes
/// from that case's requester; otherwise it opens a case of its own, linked to the one it
/// cites (`claims-existing-case`), and learns nothing about it.
///
/// The sender is the From address, compared without its display name (a display name of
/// "amira@example.com" on another address is the oldest spoof there is). Reply-To never
/// counts: it only says where answers go, and anyone can set it to the requester's address.
/// What the policy cannot see through is a forged From itself; the receiving server's
/// authentication results (recorded on embassy cases) are for a person to weigh.
public enum CaseAccessPolicy {
    /// What a message citing an existing case may do with it.
    public enum Decision: Sendable, Equatable {
        /// It comes from the case's requester: it continues the case.
        case join
        /// It does not: it opens a case of its own, linked to the cited one, with the issue
        /// `claims-existing-case`. `reason` says why, for the administrator.
        case claim(reason: String)
        /// It comes from the requester but the mail server's spam filter marked it: it opens
        /// a case of its own (with `suspected-spam`), so that nothing of it reaches the case.
        case separate(reason: String)
    }

    /// The decision for message `m`, which cites the existing case `cited`.
    public static func decide(_ m: MessageView, cites cited: IntakeCase) -> Decision {
        guard let from = m.from.first?.address, m.from.count == 1 else {
            return .claim(reason: m.from.isEmpty ? "the message has no sender address" : "the message names several senders")
        }
        guard isRequester(from, of: cited) else {
            return .claim(reason: "sent from an address that is not the case's requester")
        }
        if let spam = SpamFilterMark.reason(m) { return .separate(reason: "marked as spam (\(spam))") }
        return .join
    }

    /// True when `address` is the requester of `c`: the same address (case-insensitive); for
    /// an embassy case, any address at the same domain, unless the domain is a public mail
    /// service (where "the same domain" means anyone at all).
    public static func isRequester(_ address: String, of c: IntakeCase) -> Bool {
        guard let sender = MailboxAddress(address), let requester = MailboxAddress(c.requester.email) else { return false }
        if sender == requester { return true }
        return c.requester.kind == .embassy && sender.domain == requester.domain && !PublicMailDomains.contains(sender.domain)
    }
}

/// An address split for comparison: local part and domain, lower-cased, the domain without
/// a trailing dot. Nothing else is folded: `amira+x@` and `amira@` are different people as
/// far as a case is concerned, and so are look-alike domains (`examp1e.org`, a Cyrillic
/// "а", `example.org.evil.net`).
struct MailboxAddress: Hashable {
    var local: String
    var domain: String

    init?(_ address: String) {
        let a = address.trimmingCharacters(in: .whitespaces).lowercased()
        guard let at = a.lastIndex(of: "@") else { return nil }
        local = String(a[..<at])
        var d = String(a[a.index(after: at)...])
        if d.hasSuffix(".") { d.removeLast() }
        domain = d
        guard !local.isEmpty, !domain.isEmpty else { return nil }
    }
}

import Foundation

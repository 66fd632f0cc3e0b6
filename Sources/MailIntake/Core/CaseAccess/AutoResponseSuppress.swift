import MIMEParser

/// `X-Auto-Response-Suppress` ([MS-OXCMAIL] §2.2.3.2.14): the sender's request that certain
/// automatic responses not be sent. Its value is a comma-separated list of `None`, `All`,
/// `DR` (delivery receipts), `NDR` (non-delivery reports), `RN` / `NRN` (read and non-read
/// notifications), `OOF` (out-of-office notices) and `AutoReply` (automatic replies other
/// than out-of-office notices).
///
/// Our acknowledgement is an automatic reply, so `All` and `AutoReply` withhold it. `OOF`,
/// `DR`, `NDR`, `RN` and `NRN` on their own ask for no out-of-office notices or receipts,
/// which we never send, and do not. The message still becomes a case as usual; only the
/// reply is `suppressed`, with the reason.
public enum AutoResponseSuppress {
    /// Why the acknowledgement must not be sent, in words, or nil.
    public static func reason(_ m: MessageView) -> String? {
        for v in m.header.values(named: "X-Auto-Response-Suppress") {
            let tokens = v.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if let hit = tokens.first(where: { $0 == "all" || $0 == "autoreply" }) {
                return "the sender asked for no automatic reply (X-Auto-Response-Suppress: \(hit == "all" ? "All" : "AutoReply"))"
            }
        }
        return nil
    }
}

import Foundation

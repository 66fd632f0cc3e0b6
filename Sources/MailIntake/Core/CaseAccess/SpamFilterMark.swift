import MIMEParser

/// The receiving server's spam verdict, as SpamAssassin and most filters write it:
/// `X-Spam-Flag: YES`, or `X-Spam-Status: Yes, score=7.2 required=5.0 …`. Such mail is kept
/// as a case (`suspected-spam`, shown apart on the board) so nothing is lost, but never answered: a
/// reply would confirm the address to a spammer, or land as backscatter on a forged one.
///
/// Any instance of either field counts: a sender can add "X-Spam-Flag: NO" to its own
/// message, but cannot remove the field the server adds.
public enum SpamFilterMark {
    /// The field that marks `m` as spam, in words ("X-Spam-Flag: YES"), or nil.
    public static func reason(_ m: MessageView) -> String? {
        for v in m.header.values(named: "X-Spam-Flag") where v.trimmingCharacters(in: .whitespaces).lowercased() == "yes" {
            return "X-Spam-Flag: YES"
        }
        for v in m.header.values(named: "X-Spam-Status") {
            let verdict = v.split(separator: ",", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if verdict == "yes" { return "X-Spam-Status: Yes" }
        }
        return nil
    }
}

import Foundation

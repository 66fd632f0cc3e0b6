import Foundation

/// A Maildir file name: `<unique>:2,<flags>` (cr.yp.to/proto/maildir.html; Dovecot adds
/// `,S=<size>` fields to the unique part, which stay part of it).
struct MaildirName {
    /// Everything before `:2,`: the message's identity.
    var unique: String
    /// The info letters after `:2,`, e.g. "RS".
    var letters: String

    init(_ name: String) {
        if let colon = name.range(of: ":2,") {
            unique = String(name[..<colon.lowerBound])
            letters = String(name[colon.upperBound...])
        } else if let colon = name.firstIndex(of: ":") {
            unique = String(name[..<colon])
            letters = ""
        } else {
            unique = name
            letters = ""
        }
    }

    /// Letters to IMAP flags: D Draft, F Flagged, R Answered, S Seen, T Deleted (P has none).
    var imapFlags: Set<String> {
        var flags: Set<String> = []
        for letter in letters {
            switch letter {
            case "D": flags.insert("\\Draft")
            case "F": flags.insert("\\Flagged")
            case "R": flags.insert("\\Answered")
            case "S": flags.insert("\\Seen")
            case "T": flags.insert("\\Deleted")
            default: break
            }
        }
        return flags
    }

    /// The file name with one more flag letter (letters kept in ASCII order, as the spec asks).
    func with(flag: Character) -> String {
        var set = Set(letters)
        set.insert(flag)
        return unique + ":2," + String(set.sorted())
    }
}

/// `mail-intake-uidlist`: one `<uid> <unique>` line per message, plus the next UID on the first
/// line, so a message keeps its UID for as long as it stays in the folder.
struct MaildirUIDList {
    let file: URL
    private var uids: [String: UInt32] = [:]
    private var next: UInt32 = 1
    private(set) var changed = false

    init(file: URL) {
        self.file = file
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return }
        var lines = text.split(separator: "\n")
        if let first = lines.first, first.hasPrefix("next "), let value = UInt32(first.dropFirst(5)) {
            next = value
            lines.removeFirst()
        }
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, let uid = UInt32(parts[0]) {
                uids[String(parts[1])] = uid
                next = max(next, uid + 1)
            }
        }
    }

    mutating func uid(for unique: String) -> UInt32 {
        if let uid = uids[unique] { return uid }
        let uid = next
        next += 1
        uids[unique] = uid
        changed = true
        return uid
    }

    /// Drops names no longer present (moved away); their UIDs are never reused.
    mutating func forget(except present: Set<String>) {
        let before = uids.count
        uids = uids.filter { present.contains($0.key) }
        if uids.count != before { changed = true }
    }

    /// Written to a temporary file and renamed, so a crash never leaves half a list.
    func save() throws {
        var text = "next \(next)\n"
        for (unique, uid) in uids.sorted(by: { $0.value < $1.value }) { text += "\(uid) \(unique)\n" }
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".mail-intake-uidlist.tmp")
        try text.write(to: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary.path, file.path) == 0 else {
            throw TransportError(.other, host: file.path, operation: "write UID list", curlText: String(cString: strerror(errno)))
        }
    }
}

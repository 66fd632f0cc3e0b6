import Foundation

extension DovecotServer {
    /// Delivers a message the way a mail server would (`doveadm save`): it arrives unseen.
    func deliver(_ message: [UInt8], to mailbox: String = "INBOX") throws {
        guard let doveadm = Self.doveadm else { throw Failure(description: "doveadm is not installed") }
        try Self.run(doveadm, ["-c", configFile, "save", "-u", user, "-m", mailbox], input: Data(message))
    }

    /// Writes messages straight into Maildir/new (fast: thousands per second); they arrive
    /// unseen, in the given order, when the mailbox is next opened.
    func seed(_ messages: [[UInt8]]) throws {
        let new = maildir.appendingPathComponent("new")
        let base = Int(Date().timeIntervalSince1970)
        for message in messages {
            seeded += 1
            let name = "\(base).M\(seeded)P\(getpid()).rig"
            let path = new.appendingPathComponent(name).path
            // Plain POSIX writes: FileManager's atomic writes cost milliseconds each.
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard fd >= 0 else { throw Failure(description: "cannot write \(path): errno \(errno)") }
            let written = message.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            fchown(fd, mailOwnerIDs.uid, mailOwnerIDs.gid)
            close(fd)
            guard written == message.count else { throw Failure(description: "short write to \(path)") }
        }
    }

    /// UIDs and flags as Dovecot itself reports them (`doveadm fetch`): an independent check
    /// that the client under test changed no flag.
    func flags(in mailbox: String = "INBOX") throws -> [UInt32: Set<String>] {
        guard let doveadm = Self.doveadm else { throw Failure(description: "doveadm is not installed") }
        let output = try Self.run(doveadm, ["-c", configFile, "fetch", "-u", user, "uid flags", "mailbox", mailbox, "all"])
        var result: [UInt32: Set<String>] = [:]
        var uid: UInt32?
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("uid: ") {
                uid = UInt32(line.dropFirst(5).trimmingCharacters(in: .whitespaces))
            } else if line.hasPrefix("flags:"), let current = uid {
                result[current] = Set(line.dropFirst(6).split(separator: " ").map(String.init))
            }
        }
        return result
    }

    /// UIDs Dovecot reports as \Seen (`doveadm search`), cheaper than `flags` for big mailboxes.
    func seenUIDs(in mailbox: String = "INBOX") throws -> [UInt32] {
        guard let doveadm = Self.doveadm else { throw Failure(description: "doveadm is not installed") }
        let output = try Self.run(doveadm, ["-c", configFile, "search", "-u", user, "mailbox", mailbox, "SEEN"])
        return String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { line in
            line.split(separator: " ").last.flatMap { UInt32($0) }
        }
    }

    /// Folder names as Dovecot lists them (Unicode).
    func folders() throws -> [String] {
        guard let doveadm = Self.doveadm else { throw Failure(description: "doveadm is not installed") }
        let output = try Self.run(doveadm, ["-c", configFile, "mailbox", "list", "-u", user])
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// A small RFC 5322 message with CRLF line endings.
    static func message(subject: String, body: String = "Hello.\r\n", from: String = "patient@example.org") -> [UInt8] {
        Array(
            """
            From: \(from)\r
            To: secondopinion@example.org\r
            Subject: \(subject)\r
            Message-ID: <\(UUID().uuidString)@example.org>\r
            Date: Tue, 24 Nov 2026 09:15:00 +0000\r
            \r
            \(body)
            """.utf8)
    }
}

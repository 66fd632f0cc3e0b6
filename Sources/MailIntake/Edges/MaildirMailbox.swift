import Foundation

/// The same `Mailbox` over a local Maildir (new/, cur/, tmp/), as Dovecot and Postfix write it.
///
/// Flags live in the file name (`<unique>:2,<letters>`, letters sorted: D F P R S T); a move
/// goes to a Maildir++ subfolder (`.Processed/cur`, names in modified UTF-7 as Dovecot spells
/// them). UIDs come from a small list file (`mail-intake-uidlist`) so they stay fixed while a
/// message stays; the key, `maildir:<unique>`, never changes at all.
///
/// Read-only mode (the embedded default's `samples/maildir`, which lives in git): nothing in
/// the folder is written or renamed; `pending()` asks the caller's record (`isHandled`)
/// instead of flags, `markSeen` and `move` do nothing, and UIDs are positions in name order.
public final class MaildirMailbox: Mailbox, @unchecked Sendable {
    public let root: URL
    public let readOnly: Bool
    public let maxMessageBytes: Int
    /// In read-only mode: true for keys the caller has already dealt with (its journal).
    private let isHandled: @Sendable (String) -> Bool
    /// Guards the UID list file within this process.
    private let lock = NSLock()

    public init(
        path: String, readOnly: Bool = false, maxMessageBytes: Int = 40 << 20,
        isHandled: @escaping @Sendable (String) -> Bool = { _ in false }
    ) {
        root = URL(fileURLWithPath: path, isDirectory: true)
        self.readOnly = readOnly
        self.maxMessageBytes = maxMessageBytes
        self.isHandled = isHandled
    }

    // MARK: Mailbox

    public func pending() async throws -> [MailboxEntry] {
        try listing().filter { entry in
            readOnly ? !isHandled(entry.key) : !entry.flags.contains("\\Deleted")
        }
    }

    public func all() async throws -> [MailboxEntry] {
        try listing()
    }

    public func fetch(_ entry: MailboxEntry, maxBytes: Int) async throws -> [UInt8] {
        let limit = min(maxBytes, maxMessageBytes)
        let file = try locate(entry)
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        if size > limit {
            throw error(.messageTooLarge(size: size, limit: limit), entry, "read")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw error(.other, entry, "read", detail: "cannot read \(file.path)")
        }
        guard data.count <= limit else { throw error(.messageTooLarge(size: data.count, limit: limit), entry, "read") }
        return [UInt8](data)
    }

    public func markSeen(_ entry: MailboxEntry) async throws {
        guard !readOnly else { return }
        let file = try locate(entry)
        let name = MaildirName(file.lastPathComponent)
        let target = root.appendingPathComponent("cur").appendingPathComponent(name.with(flag: "S"))
        try rename(file, to: target, entry, "mark seen")
    }

    public func move(_ entry: MailboxEntry, to folder: String) async throws {
        guard !readOnly else { return }
        let file = try locate(entry)
        let sub = file.deletingLastPathComponent().lastPathComponent  // new or cur
        let target = try subfolder(folder).appendingPathComponent(sub).appendingPathComponent(file.lastPathComponent)
        try rename(file, to: target, entry, "move to \(folder)")
    }

    // MARK: Listing

    /// Every message in new/ and cur/, in UID order.
    private func listing() throws -> [MailboxEntry] {
        var files: [(unique: String, file: URL, flags: Set<String>, size: Int)] = []
        for sub in ["new", "cur"] {
            let folder = root.appendingPathComponent(sub)
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            } catch {
                throw TransportError(.unknownMailbox, host: root.path, mailbox: sub, operation: "list Maildir", curlText: "cannot read \(folder.path)")
            }
            for name in names where !name.hasPrefix(".") {
                let file = folder.appendingPathComponent(name)
                let parsed = MaildirName(name)
                let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
                files.append((parsed.unique, file, sub == "new" ? [] : parsed.imapFlags, size))
            }
        }
        files.sort { $0.unique < $1.unique }
        let uids = try assignUIDs(files.map(\.unique))
        return zip(files, uids).map { item, uid in
            MailboxEntry(
                uid: uid, size: item.size, flags: item.flags, key: "maildir:\(item.unique)",
                receivedAt: Self.deliveryTime(item.unique, file: item.file))
        }.sorted { $0.uid < $1.uid }
    }

    /// UIDs from the list file (new names get the next numbers, in name order); positions
    /// when read-only.
    private func assignUIDs(_ uniques: [String]) throws -> [UInt32] {
        if readOnly { return uniques.indices.map { UInt32($0 + 1) } }
        lock.lock()
        defer { lock.unlock() }
        var list = MaildirUIDList(file: root.appendingPathComponent("mail-intake-uidlist"))
        let uids = uniques.map { list.uid(for: $0) }
        list.forget(except: Set(uniques))
        if list.changed {
            do { try list.save() } catch {
                throw TransportError(.other, host: root.path, operation: "write UID list", curlText: "\(error)")
            }
        }
        return uids
    }

    /// Delivery time: the Unix time a Maildir name starts with (`1795511760.M1P1.host`), or
    /// the file's modification time.
    static func deliveryTime(_ unique: String, file: URL) -> Date? {
        let digits = unique.prefix { $0.isNumber }
        if digits.count >= 9, let seconds = Int(digits) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        return (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate]) as? Date
    }

    private func locate(_ entry: MailboxEntry) throws -> URL {
        let unique = entry.key.hasPrefix("maildir:") ? String(entry.key.dropFirst(8)) : entry.key
        for sub in ["new", "cur"] {
            let folder = root.appendingPathComponent(sub)
            if let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path),
                let name = names.first(where: { MaildirName($0).unique == unique })
            {
                return folder.appendingPathComponent(name)
            }
        }
        throw error(.serverSaidNo("the message is no longer in the Maildir"), entry, "find")
    }

    /// `.Folder` with new/cur/tmp, created when missing (Maildir++; Dovecot's name encoding).
    private func subfolder(_ folder: String) throws -> URL {
        let url = root.appendingPathComponent("." + ModifiedUTF7.encode(folder).replacingOccurrences(of: "/", with: "."))
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        return url
    }

    private func rename(_ file: URL, to target: URL, _ entry: MailboxEntry, _ operation: String) throws {
        guard file != target else { return }
        guard Foundation.rename(file.path, target.path) == 0 else {
            throw error(.other, entry, operation, detail: "rename to \(target.path) failed: \(String(cString: strerror(errno)))")
        }
    }

    private func error(_ code: TransportError.Code, _ entry: MailboxEntry, _ operation: String, detail: String = "") -> TransportError {
        TransportError(code, host: root.path, mailbox: "Maildir", uid: entry.uid, operation: "Maildir \(operation)", curlText: detail)
    }
}

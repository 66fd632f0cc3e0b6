/// A logged-in connection with the configured mailbox selected: the synchronous IMAP work of
/// `CurlIMAPMailbox`, one command at a time. Not thread-safe; the mailbox confines it to its
/// queue.
final class IMAPSession {
    let connection: IMAPConnection
    let settings: IMAPSettings
    let mailbox: String
    /// RFC 3501 §2.3.1.1: UIDs are only meaningful together with this number.
    private(set) var uidValidity: UInt32 = 0
    private(set) var uidNext: UInt32 = 0
    private(set) var exists = 0
    /// Folders known to exist (so CREATE is sent at most once per folder and connection).
    private var knownFolders: Set<String> = []
    /// Test hook: behave as if the server did not offer MOVE.
    var moveDisabled = false

    init(settings: IMAPSettings) throws(TransportError) {
        self.settings = settings
        mailbox = settings.mailbox
        connection = try IMAPConnection(options: settings.connectionOptions, maxLiteral: settings.maxMessageBytes)
        try select()
    }

    var host: String { connection.host }

    /// RFC 3501 §6.3.1 SELECT, reading EXISTS, UIDVALIDITY and UIDNEXT from the replies.
    func select() throws(TransportError) {
        let done = try connection.run("SELECT \(IMAPCommandSyntax.mailbox(mailbox))", operation: "SELECT", mailbox: mailbox, uid: nil)
        guard done.status == .ok else {
            throw TransportError(.unknownMailbox, host: host, mailbox: mailbox, operation: "SELECT", curlText: "server said: \(done.status.rawValue) \(done.text)")
        }
        absorb(done.untagged)
    }

    /// Notes EXISTS / UIDVALIDITY / UIDNEXT wherever they turn up.
    func absorb(_ untagged: [IMAPUntagged]) {
        for response in untagged {
            switch response.parse() {
            case .exists(let count): exists = count
            case .expunge: exists = max(0, exists - 1)
            case .responseCode(let name, let value) where name == "UIDVALIDITY": uidValidity = UInt32(value) ?? uidValidity
            case .responseCode(let name, let value) where name == "UIDNEXT": uidNext = UInt32(value) ?? uidNext
            default: break
            }
        }
    }

    /// NOOP (RFC 3501 §6.1.2) to bring the server's view up to date: Dovecot answers a SEARCH
    /// from the view as it was and announces newer mail (`* n EXISTS`) only after the result,
    /// so a listing without this first misses mail that arrived since the last command.
    func refresh() throws(TransportError) {
        try require("NOOP", operation: "NOOP")
    }

    /// Runs a command that must succeed; NO / BAD become `serverSaidNo` with the server's text.
    @discardableResult
    func require(_ command: String, operation: String, uid: UInt32? = nil) throws(TransportError) -> [IMAPUntagged] {
        let done = try connection.run(command, operation: operation, mailbox: mailbox, uid: uid)
        absorb(done.untagged)
        guard done.status == .ok else {
            throw TransportError(.serverSaidNo("\(done.status.rawValue) \(done.text)"), host: host, mailbox: mailbox, uid: uid, operation: operation)
        }
        return done.untagged
    }

    func key(for uid: UInt32) -> String { "imap:\(uidValidity):\(uid)" }

    // MARK: Listing

    /// RFC 3501 §6.4.4 UID SEARCH; `criteria` like "UNSEEN" or "UID 5:*".
    func search(_ criteria: String) throws(TransportError) -> [UInt32] {
        var uids: [UInt32] = []
        for response in try require("UID SEARCH \(criteria)", operation: "UID SEARCH \(criteria)") {
            if case .search(let found) = response.parse() { uids += found }
        }
        return uids.sorted()
    }

    /// UIDs above `uid`. `UID n:*` always matches the highest UID even when it is below n
    /// (RFC 3501 §6.4.8: "*" is the largest UID in use), so the answer is filtered.
    func uids(after uid: UInt32) throws(TransportError) -> [UInt32] {
        try search("UID \(uid &+ 1):*").filter { $0 > uid }
    }

    /// Sizes and flags of the given messages (one UID FETCH for all), in UID order.
    func entries(_ uids: [UInt32]) throws(TransportError) -> [MailboxEntry] {
        guard !uids.isEmpty else { return [] }
        return try entries(set: IMAPCommandSyntax.uidSet(uids))
    }

    /// Every message in the mailbox.
    func allEntries() throws(TransportError) -> [MailboxEntry] {
        exists == 0 ? [] : try entries(set: "1:*")
    }

    private func entries(set: String) throws(TransportError) -> [MailboxEntry] {
        var result: [MailboxEntry] = []
        for response in try require("UID FETCH \(set) (UID RFC822.SIZE FLAGS INTERNALDATE)", operation: "UID FETCH (RFC822.SIZE)") {
            guard case .fetch(_, let fetched) = response.parse(), let uid = fetched.uid else { continue }
            result.append(
                MailboxEntry(
                    uid: uid, size: fetched.size ?? 0, flags: Set(fetched.flags ?? []), key: key(for: uid),
                    receivedAt: fetched.internalDate.flatMap(IMAPDateTime.parse)))
        }
        return result.sorted { $0.uid < $1.uid }
    }

    // MARK: One message

    /// The exact bytes of one message via BODY.PEEK[] (RFC 3501 §6.4.5: PEEK sets no flag).
    /// The size is checked first; the literal is discarded, not kept, if it is larger still.
    func fetch(_ entry: MailboxEntry, maxBytes: Int) throws(TransportError) -> [UInt8] {
        try checkValidity(entry, operation: "UID FETCH \(entry.uid)")
        if entry.size > maxBytes {
            throw TransportError(.messageTooLarge(size: entry.size, limit: maxBytes), host: host, mailbox: mailbox, uid: entry.uid, operation: "UID FETCH \(entry.uid)")
        }
        let operation = "UID FETCH \(entry.uid) BODY.PEEK[]"
        let done = try connection.run(
            "UID FETCH \(entry.uid) (UID BODY.PEEK[])", operation: operation, mailbox: mailbox, uid: entry.uid, maxLiteral: maxBytes,
            within: Self.fetchLimit(size: entry.size, stall: settings.timeouts.stall))
        absorb(done.untagged)
        if let discarded = connection.takeDiscardedLiteral() {
            throw TransportError(.messageTooLarge(size: discarded, limit: maxBytes), host: host, mailbox: mailbox, uid: entry.uid, operation: operation)
        }
        guard done.status == .ok else {
            throw TransportError(.serverSaidNo("\(done.status.rawValue) \(done.text)"), host: host, mailbox: mailbox, uid: entry.uid, operation: operation)
        }
        for response in done.untagged {
            if case .fetch(_, let fetched) = response.parse(), fetched.uid == entry.uid || fetched.uid == nil, let body = fetched.body {
                return body
            }
        }
        throw TransportError(.serverSaidNo("message UID \(entry.uid) is no longer in the mailbox"), host: host, mailbox: mailbox, uid: entry.uid, operation: operation)
    }

    /// The slowest transfer a FETCH is allowed on average: 16 KiB/s, far below any real link,
    /// so only a server trickling bytes just often enough to dodge the stall timeout meets it.
    static let slowestFetchRate = 16 * 1024

    /// How long one message's whole FETCH may take: the stall timeout, plus its listed size at
    /// the slowest rate (a 40 MB message: 43 minutes; a 5 KB one: the stall timeout).
    static func fetchLimit(size: Int, stall: Duration) -> Duration {
        stall + .seconds(max(0, size) / slowestFetchRate)
    }

    /// RFC 3501 §6.4.6 UID STORE: adds and removes flags, answer suppressed (.SILENT).
    func store(_ entry: MailboxEntry, adding: [String], removing: [String]) throws(TransportError) {
        try checkValidity(entry, operation: "UID STORE \(entry.uid)")
        if !adding.isEmpty {
            try require("UID STORE \(entry.uid) +FLAGS.SILENT \(IMAPCommandSyntax.flagList(adding))", operation: "UID STORE \(entry.uid) +FLAGS", uid: entry.uid)
        }
        if !removing.isEmpty {
            try require("UID STORE \(entry.uid) -FLAGS.SILENT \(IMAPCommandSyntax.flagList(removing))", operation: "UID STORE \(entry.uid) -FLAGS", uid: entry.uid)
        }
    }

    /// RFC 6851 UID MOVE, or, when the server does not offer MOVE, UID COPY + \Deleted +
    /// UID EXPUNGE (RFC 4315; plain EXPUNGE only without UIDPLUS). Creates the folder if needed.
    func move(_ entry: MailboxEntry, to folder: String) throws(TransportError) {
        let operation = "move UID \(entry.uid) to \(folder)"
        try checkValidity(entry, operation: operation)
        try ensureFolder(folder)
        let target = IMAPCommandSyntax.mailbox(folder)
        if connection.capabilities.contains("MOVE") && !moveDisabled {
            try require("UID MOVE \(entry.uid) \(target)", operation: operation, uid: entry.uid)
            return
        }
        try require("UID COPY \(entry.uid) \(target)", operation: operation + " (COPY)", uid: entry.uid)
        try require("UID STORE \(entry.uid) +FLAGS.SILENT (\\Deleted)", operation: operation + " (STORE \\Deleted)", uid: entry.uid)
        if connection.capabilities.contains("UIDPLUS") {
            try require("UID EXPUNGE \(entry.uid)", operation: operation + " (UID EXPUNGE)", uid: entry.uid)
        } else {
            try require("EXPUNGE", operation: operation + " (EXPUNGE)", uid: entry.uid)
        }
    }

    /// Moves many messages in one command: `UID MOVE <set>` (RFC 6851 §3.1; UIDs no longer in
    /// the mailbox are ignored, RFC 3501 §6.4.8), or COPY + STORE + UID EXPUNGE of the set.
    /// One round trip, one Dovecot transaction (its fsyncs) for the whole batch, instead of
    /// one per message. Every entry must belong to the current UIDVALIDITY.
    func move(_ entries: [MailboxEntry], to folder: String) throws(TransportError) {
        guard !entries.isEmpty else { return }
        if entries.count == 1 { return try move(entries[0], to: folder) }
        let set = IMAPCommandSyntax.uidSet(entries.map(\.uid))
        let operation = "move UIDs \(set) to \(folder)"
        for entry in entries { try checkValidity(entry, operation: operation) }
        try ensureFolder(folder)
        let target = IMAPCommandSyntax.mailbox(folder)
        if connection.capabilities.contains("MOVE") && !moveDisabled {
            try require("UID MOVE \(set) \(target)", operation: operation)
            return
        }
        try require("UID COPY \(set) \(target)", operation: operation + " (COPY)")
        try require("UID STORE \(set) +FLAGS.SILENT (\\Deleted)", operation: operation + " (STORE \\Deleted)")
        if connection.capabilities.contains("UIDPLUS") {
            try require("UID EXPUNGE \(set)", operation: operation + " (UID EXPUNGE)")
        } else {
            try require("EXPUNGE", operation: operation + " (EXPUNGE)")
        }
    }

    /// RFC 3501 §6.3.8 LIST to see whether the folder exists, §6.3.3 CREATE when it does not.
    func ensureFolder(_ folder: String) throws(TransportError) {
        guard !knownFolders.contains(folder) else { return }
        let wire = IMAPCommandSyntax.mailbox(folder)
        var found = false
        for response in try require("LIST \"\" \(wire)", operation: "LIST \(folder)") {
            if case .list(_, let name) = response.parse(), ModifiedUTF7.decode(name) == folder || name == folder { found = true }
        }
        if !found {
            let done = try connection.run("CREATE \(wire)", operation: "CREATE \(folder)", mailbox: folder, uid: nil)
            if done.status != .ok && !done.text.uppercased().contains("ALREADYEXISTS") {
                throw TransportError(.serverSaidNo("\(done.status.rawValue) \(done.text)"), host: host, mailbox: folder, operation: "CREATE \(folder)")
            }
        }
        knownFolders.insert(folder)
    }

    /// Folder names as the server lists them, decoded to Unicode.
    func folders() throws(TransportError) -> [String] {
        var names: [String] = []
        for response in try require("LIST \"\" \"*\"", operation: "LIST") {
            if case .list(_, let name) = response.parse() { names.append(ModifiedUTF7.decode(name)) }
        }
        return names
    }

    /// A UID from another UIDVALIDITY names a different message (the mailbox was rebuilt):
    /// acting on it could touch the wrong mail, so refuse.
    func checkValidity(_ entry: MailboxEntry, operation: String) throws(TransportError) {
        let parts = entry.key.split(separator: ":")
        guard parts.count == 3, parts[0] == "imap", let validity = UInt32(parts[1]) else { return }
        guard validity == uidValidity else {
            throw TransportError(.serverSaidNo("UIDVALIDITY changed from \(validity) to \(uidValidity): the mailbox was rebuilt; list it again"), host: host, mailbox: mailbox, uid: entry.uid, operation: operation)
        }
    }
}

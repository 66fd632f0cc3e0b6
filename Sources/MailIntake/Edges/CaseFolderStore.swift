#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One file to put in a case folder's sub-folder (`attachments/` or `messages/`).
public struct CaseFile: Sendable, Equatable {
    /// `attachments/<name>` or `messages/<name>`; the name is sanitised again before writing.
    public var relativePath: String
    public var bytes: [UInt8]

    public init(relativePath: String, bytes: [UInt8]) {
        self.relativePath = relativePath
        self.bytes = bytes
    }

    /// The sub-folders a case may hold files in.
    public static let folders: Set<String> = ["attachments", "messages"]
}

/// Everything a new case folder holds.
public struct CaseFolderContents: Sendable {
    public var intakeCase: IntakeCase
    /// The message exactly as received, for `original.eml`.
    public var original: [UInt8]
    /// Accepted attachments (`attachments/…`).
    public var files: [CaseFile]
    /// The acknowledgement we composed, kept as `reply.eml` so administrators see what was said.
    public var reply: [UInt8]?

    public init(intakeCase: IntakeCase, original: [UInt8], files: [CaseFile], reply: [UInt8]?) {
        self.intakeCase = intakeCase
        self.original = original
        self.files = files
        self.reply = reply
    }
}

/// The shared folder administrators read: `CASES/<caseId>/` per case, plus `index.html`.
///
/// A new case is built in `CASES/.incoming/<id>.<random>/` (files synced) and renamed to its
/// final name in one step, so a half-written case is never visible. An existing case is
/// updated file by file, each through a temporary file and a rename, with `case.json` last.
/// Bookkeeping lives in hidden folders: `.mail-bot/` (registry and lock), `.incoming/`,
/// `.failed/` (messages that could not become a case).
public struct CaseFolderStore: Sendable {
    /// Modes for what the store creates; the default keeps patient data to the service user.
    public struct Permissions: Sendable, Equatable {
        public var folderMode: UInt16
        public var fileMode: UInt16
        /// The group that may read the share (`[cases] group`): the folders are set-group-ID,
        /// so everything created inside them belongs to it as well.
        public var group: UInt32?
        public init(folderMode: UInt16 = 0o700, fileMode: UInt16 = 0o600, group: UInt32? = nil) {
            self.folderMode = folderMode
            self.fileMode = fileMode
            self.group = group
        }
        public static let `default` = Permissions()

        /// Folders 0750 with set-group-ID and files 0640, in `group` (the group's numeric id).
        public static func shared(group: UInt32) -> Permissions {
            Permissions(folderMode: 0o2750, fileMode: 0o640, group: group)
        }
    }

    /// The absolute path of the shared folder.
    public let root: String
    public let permissions: Permissions
    /// The rows the board, the archive pages, the calendar and the spreadsheet are built from.
    public let rows: CaseRowStore
    /// Cases received longer ago than this move from the board to the monthly archive pages.
    public let boardDays: Int
    /// The office's time zone: what "today" and an archive month mean on the pages.
    public let timeZone: TimeZone

    var folderMode: mode_t { mode_t(permissions.folderMode) }
    var fileMode: mode_t { mode_t(permissions.fileMode) }
    var stateFolder: String { root + "/.mail-bot" }
    var incomingFolder: String { root + "/.incoming" }
    /// Where messages that could not be turned into a case are kept, with the reason.
    public var failedFolder: String { root + "/.failed" }

    /// Opens (creating when missing) the shared folder at `root`. `rows` defaults to a row
    /// store of its own in `.mail-bot/board.sqlite`; the daemon passes the journal's.
    public init(
        root: String, permissions: Permissions = .default, rows: CaseRowStore? = nil, boardDays: Int = 60,
        timeZone: TimeZone = TimeZone(identifier: "Europe/London") ?? .gmt
    ) throws {
        let absolute = URL(fileURLWithPath: root).standardizedFileURL.path
        self.root = absolute
        self.permissions = permissions
        self.boardDays = boardDays
        self.timeZone = timeZone
        try AtomicFiles.makeDirectoryWithParents(absolute, mode: mode_t(permissions.folderMode))
        for folder in [absolute, absolute + "/.mail-bot", absolute + "/.incoming"] {
            try AtomicFiles.makeDirectory(folder, mode: mode_t(permissions.folderMode))
            if let group = permissions.group { try AtomicFiles.adopt(folder, group: gid_t(group), mode: mode_t(permissions.folderMode)) }
        }
        self.rows = try rows ?? CaseRowStore(path: absolute + "/.mail-bot/board.sqlite", fileMode: mode_t(permissions.fileMode))
    }

    /// The folder of case `id`.
    public func folder(of id: String) -> String { root + "/" + id }

    public func caseExists(_ id: String) -> Bool {
        AtomicFiles.exists(folder(of: id) + "/case.json")
    }

    /// Reads `CASES/<id>/case.json`.
    public func readCase(_ id: String) throws -> IntakeCase {
        let path = folder(of: id) + "/case.json"
        let bytes = try AtomicFiles.readAll(path)
        do {
            return try IntakeCase.decode(json: bytes)
        } catch {
            throw FileStoreError("decode", path, detail: String(describing: error))
        }
    }

    /// Every case folder name present (not the hidden bookkeeping folders).
    public func caseIds() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { CaseRegistry.isCaseId($0) }.sorted()
    }

    /// Writes a new case folder atomically. Throws when a case of that id already exists.
    public func create(_ contents: CaseFolderContents) throws {
        let id = contents.intakeCase.caseId
        guard CaseRegistry.isCaseId(id) else { throw FileStoreError("create case", id, detail: "not a case id") }
        let final = folder(of: id)
        if AtomicFiles.exists(final) { throw FileStoreError("create case", final, detail: "already exists") }
        let temp = incomingFolder + "/" + id + "." + AtomicFiles.randomToken()
        var intakeCase = contents.intakeCase
        let paths = try finalPaths(contents.files, existing: { _ in [] }, patching: &intakeCase)
        // The row first: a crash after it leaves a row whose folder the redo writes; a crash
        // before it a case the board would never show.
        try upsertRow(of: intakeCase)
        do {
            try AtomicFiles.makeDirectory(temp, mode: folderMode)
            try AtomicFiles.makeDirectory(temp + "/attachments", mode: folderMode)
            for (file, path) in zip(contents.files, paths) {
                try AtomicFiles.makeDirectory(temp + "/" + path.folder, mode: folderMode)
                try AtomicFiles.createNew(temp + "/" + path.folder + "/" + path.name, bytes: file.bytes, mode: fileMode)
            }
            try AtomicFiles.createNew(temp + "/original.eml", bytes: contents.original, mode: fileMode)
            if let reply = contents.reply {
                try AtomicFiles.createNew(temp + "/reply.eml", bytes: reply, mode: fileMode)
            }
            let page = CaseSummaryPage.render(intakeCase, reply: contents.reply.map(Self.replyText))
            try AtomicFiles.createNew(temp + "/summary.html", bytes: Array(page.utf8), mode: fileMode)
            try AtomicFiles.createNew(temp + "/case.json", bytes: intakeCase.jsonBytes(), mode: fileMode)
            AtomicFiles.syncFolder(temp + "/attachments")
            AtomicFiles.syncFolder(temp)
            try AtomicFiles.moveIntoPlace(temp, to: final)
        } catch {
            AtomicFiles.removeTree(temp)
            try? rows.delete(caseId: id)
            throw error
        }
    }

    /// The names already used in one of a case's sub-folders (`attachments`, `messages`), to
    /// pick new names that do not collide before building the merged case.
    public func fileNames(of id: String, in folder: String = "attachments") -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: self.folder(of: id) + "/" + folder)) ?? [])
    }

    /// Rewrites an existing case: adds `newFiles` (renamed on collision, `storedAs` patched
    /// to match), then `summary.html`, then `case.json` (the commit point), each atomically.
    /// Returns the case as written.
    @discardableResult
    public func update(_ intakeCase: IntakeCase, newFiles: [CaseFile] = []) throws -> IntakeCase {
        var intakeCase = intakeCase
        let id = intakeCase.caseId
        let dir = folder(of: id)
        guard caseExists(id) else { throw FileStoreError("update case", dir, detail: "no such case") }
        let paths = try finalPaths(newFiles, existing: { fileNames(of: id, in: $0) }, patching: &intakeCase, newestFirst: true)
        for (file, path) in zip(newFiles, paths) {
            try AtomicFiles.makeDirectory(dir + "/" + path.folder, mode: folderMode)
            try AtomicFiles.createOnce(dir + "/" + path.folder + "/" + path.name, bytes: file.bytes, mode: fileMode)
        }
        try upsertRow(of: intakeCase)
        // The latest reply: this update's (messages/<n>-reply.eml), else the acknowledgement.
        let latest = newFiles.last { $0.relativePath.hasSuffix("-reply.eml") }?.bytes ?? (try? AtomicFiles.readAll(dir + "/reply.eml"))
        let page = CaseSummaryPage.render(intakeCase, reply: latest.map(Self.replyText))
        try AtomicFiles.replace(dir + "/summary.html", bytes: Array(page.utf8), mode: fileMode)
        try AtomicFiles.replace(dir + "/case.json", bytes: intakeCase.jsonBytes(), mode: fileMode)
        return intakeCase
    }

    /// The text part of a reply we wrote, for the summary page.
    static func replyText(_ bytes: [UInt8]) -> String {
        ReplyPreview.document(of: OutgoingMail(envelopeFrom: "", recipients: [], bytes: bytes, name: "")).text
    }

    /// Keeps a message that could not become a case: `.failed/<timestamp>-<sha>.eml` and a
    /// `.reason.txt` beside it. The same message failing twice is kept once. Returns the path.
    @discardableResult
    public func recordFailure(raw: [UInt8], sha256: String, reason: String, at now: Date) throws -> String {
        try AtomicFiles.makeDirectory(failedFolder, mode: folderMode)
        let stamp = CaseFolderStore.compactTimestamp(now)
        let base = failedFolder + "/" + stamp + "-" + String(sha256.prefix(16))
        if let existing = existingFailure(sha256: sha256) { return existing }
        try AtomicFiles.createOnce(base + ".reason.txt", bytes: Array((reason + "\n").utf8), mode: fileMode)
        try AtomicFiles.createOnce(base + ".eml", bytes: raw, mode: fileMode)
        return base + ".eml"
    }

    private func existingFailure(sha256: String) -> String? {
        let suffix = "-" + String(sha256.prefix(16)) + ".eml"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: failedFolder)) ?? []
        return names.first { $0.hasSuffix(suffix) }.map { failedFolder + "/" + $0 }
    }

    /// Runs `body` holding the store's exclusive lock, with the registry loaded; the registry
    /// is saved (atomically) when `body` changed it, even when `body` then throws.
    public func withExclusiveAccess<T>(_ body: (CaseStoreSession) async throws -> T) async throws -> T {
        let lock = try await FileLock.acquire(stateFolder + "/lock")
        sweepIncoming()
        let session = try CaseStoreSession(store: self)
        do {
            let result = try await body(session)
            try session.save()
            withExtendedLifetime(lock) {}
            return result
        } catch {
            try? session.save()
            withExtendedLifetime(lock) {}
            throw error
        }
    }

    /// Removes what a crashed process left half-built in `.incoming/`. Cases are only built
    /// while the lock is held, so whatever is there when we hold it is nobody's work in progress.
    func sweepIncoming() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: incomingFolder)) ?? []
        for name in names { AtomicFiles.removeTree(incomingFolder + "/" + name) }
    }

    /// "20261124T091500Z", for file names.
    static func compactTimestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }

    /// Where to write each file: its folder checked against ``CaseFile/folders``, its name
    /// sanitised again (defence in depth) and made unique in that folder. When that changes a
    /// path, the attachment or follow-up whose `storedAs` named the old path is pointed at the
    /// new one, so `case.json` never names a file that is not there.
    private func finalPaths(
        _ files: [CaseFile], existing: (String) -> Set<String>, patching intakeCase: inout IntakeCase,
        newestFirst: Bool = false
    ) throws -> [(folder: String, name: String)] {
        var taken: [String: Set<String>] = [:]
        var patchedAttachments = Set<Int>()
        var patchedFollowUps = Set<Int>()
        var result: [(folder: String, name: String)] = []
        for file in files {
            let parts = file.relativePath.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, CaseFile.folders.contains(parts[0]) else {
                throw FileStoreError("store file", file.relativePath, detail: "not under attachments/ or messages/")
            }
            let folder = parts[0]
            var used = taken[folder] ?? existing(folder)
            let name = FilenameSanitizer.unique(FilenameSanitizer.sanitize(parts[1], index: used.count + 1), taken: used)
            used.insert(name)
            taken[folder] = used
            result.append((folder, name))
            let newPath = folder + "/" + name
            // In an update the new entries are the last ones: match from the end.
            let attachmentIndices = newestFirst ? Array(intakeCase.attachments.indices.reversed()) : Array(intakeCase.attachments.indices)
            let followUps = intakeCase.followUps ?? []
            let followUpIndices = newestFirst ? Array(followUps.indices.reversed()) : Array(followUps.indices)
            if let i = attachmentIndices.first(where: {
                !patchedAttachments.contains($0) && intakeCase.attachments[$0].storedAs == file.relativePath
            }) {
                patchedAttachments.insert(i)
                intakeCase.attachments[i].storedAs = newPath
            } else if let i = followUpIndices.first(where: {
                !patchedFollowUps.contains($0) && followUps[$0].storedAs == file.relativePath
            }) {
                patchedFollowUps.insert(i)
                intakeCase.followUps?[i].storedAs = newPath
            }
        }
        return result
    }
}

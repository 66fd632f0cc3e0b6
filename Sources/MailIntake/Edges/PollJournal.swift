import Foundation

/// What the poller did with one mailbox message, recorded before the message is moved.
public struct JournalRecord: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        /// A case was created or joined, or the case store already had the message.
        case processed
        /// The intake could not make a case of it (kept under `CASES/.failed/`).
        case failed
        /// Larger than `max_message_bytes`: never downloaded.
        case tooLarge = "too-large"
    }

    /// The mailbox key (`imap:<uidvalidity>:<uid>`, `maildir:<name>`).
    public var key: String
    public var outcome: Outcome
    public var caseId: String?
    /// `sent`, `queued` or `suppressed` when a reply was planned.
    public var replyStatus: String?
    /// Why the message failed (no patient data: error texts name paths, sizes, codes).
    public var reason: String?
    /// The folder the message goes to: Processed or Failed.
    public var folder: String
    public var at: Date
}

/// The poller's memory: one JSON line per handled message, appended and flushed before the
/// message is moved out of the inbox.
///
/// This is what makes a crash harmless. Crash before the record: the message is still in the
/// inbox, the next cycle processes it again and the case store recognises it (same case, no
/// second reply). Crash after the record but before the move: the next cycle finds the key
/// here and only moves it. For a read-only Maildir (the samples), the record alone keeps a
/// message from being looked at twice. A torn last line (crash mid-write) is ignored.
public struct PollJournal: Sendable {
    public let path: String
    public private(set) var records: [String: JournalRecord] = [:]

    /// Opens and reads the journal at `path`, creating its folder when needed.
    public init(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try self.init(readingOnly: path)
    }

    /// Reads the journal at `path` without creating anything (for `status`).
    public init(readingOnly path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let decoder = Self.decoder
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            if let record = try? decoder.decode(JournalRecord.self, from: Data(line)) {
                records[record.key] = record
            }
        }
    }

    /// The record for `key`, if the message was handled before.
    public func record(for key: String) -> JournalRecord? { records[key] }

    /// Appends `record` and flushes it to disk before returning.
    public mutating func append(_ record: JournalRecord) throws {
        var line = try Self.encoder.encode(record)
        line.append(UInt8(ascii: "\n"))
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileStoreError("open journal", path, errno: errno) }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw FileStoreError("append to journal", path, errno: errno) }
        guard fsync(fd) == 0 else { throw FileStoreError("fsync journal", path, errno: errno) }
        records[record.key] = record
    }

    /// Messages recorded with each outcome.
    public func count(_ outcome: JournalRecord.Outcome) -> Int {
        records.values.filter { $0.outcome == outcome }.count
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

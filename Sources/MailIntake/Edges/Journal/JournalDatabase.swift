import Foundation
import GRDB

/// The daemon's own memory in one SQLite file, through GRDB: which mailbox message became what
/// (`messages`), which replies wait for the mail server (`outbox`), how many automatic replies
/// went to each address per day (`replies_per_day`), and small facts (`meta`). Other parts of
/// the program add their own tables through ``JournalMigration`` (see /work/coord/journal-api.md).
///
/// **Why WAL with `synchronous = FULL`.** The journal's most important row is "this reply was
/// accepted by the mail server": if it is lost, the restarted daemon sends the acknowledgement a
/// second time. In WAL mode, `synchronous = NORMAL` does not sync the log at each commit, so
/// a power cut (not a mere crash of the process) can roll back the last transactions. `FULL`
/// syncs the WAL at every commit, so a commit that returned is on disk; the cost is one `fsync`
/// per write (a few milliseconds on the server's SSD, measured in docs/operations.md), which
/// is nothing next to an SMTP round trip. WAL lets `mail-bot status` and the monitoring pages
/// read while the poller writes, and a commit never rewrites the main file in place.
///
/// A `DatabasePool` (one writer, concurrent readers) is safe to share between tasks; every
/// lookup goes through an index, so nothing is re-read per cycle.
public final class JournalDatabase: Sendable {
    /// The SQLite file.
    public let path: String
    /// The connection pool: `write { db in … }` for changes, `read { db in … }` for lookups.
    public let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens (creating it and its folder when missing) the journal at `path` and brings its
    /// schema up to date: the base migrations, then every migration registered in
    /// ``JournalMigrations/registered``, then `extraMigrations` (tests, tools).
    public static func open(path: String, extraMigrations: [JournalMigration] = []) throws -> JournalDatabase {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = GRDB.Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // WAL is set by DatabasePool itself; FULL makes every commit durable (see above).
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // DatabasePool turns WAL on after `prepareDatabase` and sets the writer back to NORMAL
        // while doing so: say FULL again on the writer, the only connection that commits.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try JournalMigrations.migrator(extra: extraMigrations).migrate(pool)
        return JournalDatabase(path: path, pool: pool)
    }

    /// The SQLite journal for a configured `[journal] path`: a path ending in `.jsonl` (the
    /// JSON-lines journal of earlier versions) names its sibling `.sqlite`, whose first opening
    /// imports the old file (``JournalImport``); any other path is used as it is.
    public static func sqlitePath(forConfigured path: String) -> String {
        path.hasSuffix(".jsonl") ? String(path.dropLast(".jsonl".count)) + ".sqlite" : path
    }

    /// A value from the `meta` table.
    public func meta(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// Sets a value in the `meta` table.
    public func setMeta(_ key: String, _ value: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }
}

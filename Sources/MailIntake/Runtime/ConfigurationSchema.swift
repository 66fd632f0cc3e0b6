/// Every section and key the configuration file may contain, in documentation order.
///
/// Unknown sections and keys are rejected at start-up with a suggestion taken from here, so
/// a misspelt `passwrd` is an error the operator sees at once, not a silently ignored line.
enum ConfigurationSchema {
    static let credentialKeys = ["password_env", "password_file", "oauth2_token_file"]
    static let timeoutKeys = ["connect_timeout_seconds", "timeout_seconds"]

    static let sections: [(name: String, keys: [String])] = [
        ("imap", ["url", "username"] + credentialKeys
            + ["ca_file", "allow_plaintext", "processed_folder", "failed_folder", "max_message_bytes"] + timeoutKeys),
        ("smtp", ["url", "username"] + credentialKeys + ["ca_file", "allow_plaintext", "from"] + timeoutKeys),
        ("maildir", ["path", "read_only", "processed_folder", "failed_folder", "max_message_bytes"]),
        ("outbox", ["path", "from"]),
        ("cases", ["path", "group", "board_days"]),
        ("journal", ["path"]),
        ("poll", ["interval_seconds", "idle", "max_attempts", "message_timeout_seconds"]),
        ("monitoring", ["listen", "outbox_max_age_seconds", "min_free_bytes"]),
        ("replies", ["max_per_recipient_per_day", "templates"]),
        ("intake", [
            "message_id_domain", "own_addresses", "sponsor_domains", "closures", "time_zone",
            "office_close_hour", "max_file_bytes", "max_images", "records_review_price",
            "records_and_images_review_price",
        ]),
        ("clinic", ["name", "phone", "images_phone", "terms_url", "administrators"]),
    ]

    static var sectionNames: [String] { sections.map(\.name) }

    static func keys(of section: String) -> [String] {
        sections.first { $0.name == section }?.keys ?? []
    }

    // Defaults shared by the file and the embedded default.
    static let defaultProcessedFolder = "Processed"
    static let defaultFailedFolder = "Failed"
    /// 40 MiB: larger than any request with three 8 MB images and reports, base64-encoded.
    static let defaultMaxMessageBytes = 41_943_040
    static let defaultConnectTimeoutSeconds = 30
    /// Give up when the server sends nothing for this long (curl's low-speed limit).
    static let defaultTimeoutSeconds = 60
    static let defaultIntervalSeconds = 60
    /// Tries of one message that never finished (crash, hang) before it goes to Failed.
    static let defaultMaxAttempts = 3
    /// One message's intake may take this long; past it the process exits (and is restarted).
    static let defaultMessageTimeoutSeconds = 600
    /// Automatic replies to one address per day.
    static let defaultMaxRepliesPerRecipientPerDay = 5
    /// /healthz: a reply unsent for an hour means the outbox is stuck.
    static let defaultOutboxMaxAgeSeconds = 3600
    /// /healthz: below 256 MiB free, a few large requests could fill the disk.
    static let defaultMinFreeBytes = 268_435_456
    /// Cases received longer ago than this leave the board for the monthly archive pages.
    static let defaultBoardDays = 60
    static let defaultFrom = "Second Medical Opinion <secondopinion@example.org>"
}

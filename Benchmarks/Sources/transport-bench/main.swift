// transport-bench: how fast our IMAP client fetches mail, one message at a time, next to
// Python's imaplib and the curl command line, all against the same loopback Dovecot (IMAPS).
//
//   swift run -c release --package-path Benchmarks transport-bench [--small N] [--large N] [--rounds N]
//
// Seeds N small messages (~2 KB) and N large ones (1-5 MB), lets Dovecot index them, then
// times each client fetching every message by UID. Prints messages/s and MB/s per client and
// the ratio to the faster reference.
import Foundation
import MailIntake

struct Options {
    var small = 1_000
    var large = 10
    var rounds = 5

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next().flatMap { Int($0) } ?? 0
            switch flag {
            case "--small": small = value
            case "--large": large = value
            case "--rounds": rounds = max(1, value)
            default: FileHandle.standardError.write(Data("unknown flag \(flag)\n".utf8))
            }
        }
    }
}

/// One client's best round.
struct Result {
    var name: String
    var messages: Int
    var bytes: Int
    var seconds: Double

    var messagesPerSecond: Double { Double(messages) / seconds }
    var megabytesPerSecond: Double { Double(bytes) / seconds / 1_000_000 }
}

func smallMessage(_ index: Int) -> [UInt8] {
    let paragraph = "I would like a second opinion on my MRI report from last month, please. "
    let body = String(repeating: paragraph + "\r\n", count: 24)
    return DovecotServer.message(subject: "Request \(index)", body: body)
}

func largeMessage(_ index: Int, megabytes: Int) -> [UInt8] {
    var message = Array("From: patient@example.org\r\nSubject: Scan \(index)\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
    let line = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n".utf8)
    while message.count < megabytes * 1_000_000 { message += line }
    return message
}

func ourClient(_ server: DovecotServer, entries: [MailboxEntry], mailbox: CurlIMAPMailbox) async throws -> Result {
    var bytes = 0
    let start = ContinuousClock.now
    for entry in entries {
        bytes += try await mailbox.fetch(entry, maxBytes: 64 << 20).count
    }
    let elapsed = ContinuousClock.now - start
    return Result(name: "mail-intake (libcurl + own IMAP reader)", messages: entries.count, bytes: bytes, seconds: elapsed.seconds)
}

/// The same, one UID FETCH per message, but the loop runs on the mailbox's queue (`fetchEach`).
func ourClientBatch(_ server: DovecotServer, entries: [MailboxEntry], mailbox: CurlIMAPMailbox) async throws -> Result {
    let counter = ByteCounter()
    let start = ContinuousClock.now
    try await mailbox.fetchEach(entries, maxBytes: 64 << 20) { _, result in
        if case .success(let bytes) = result { counter.add(bytes.count) }
        return true
    }
    let elapsed = ContinuousClock.now - start
    return Result(name: "mail-intake fetchEach (queue-side loop)", messages: entries.count, bytes: counter.total, seconds: elapsed.seconds)
}

/// Sums sizes from the mailbox's queue; read after the call returns.
final class ByteCounter: @unchecked Sendable {
    private(set) var total = 0
    func add(_ count: Int) { total += count }
}

func imaplib(_ server: DovecotServer, range: String, script: String) throws -> Result {
    let output = try DovecotServer.run(
        "/usr/bin/env", ["python3", script, "\(server.imapsPort)", server.caFile, server.user, server.password, range])
    let fields = String(decoding: output, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
    guard fields.count >= 3, let messages = Int(fields[0]), let bytes = Int(fields[1]), let seconds = Double(fields[2]) else {
        throw DovecotServer.Failure(description: "imaplib printed: \(String(decoding: output, as: UTF8.self))")
    }
    return Result(name: "Python imaplib", messages: messages, bytes: bytes, seconds: seconds)
}

/// curl with every UID URL in one invocation (one connection, reused), bodies to /dev/null.
/// `;UID=n` fetches BODY[], which sets \Seen: run last. Start-up and login are taken out by
/// subtracting a one-message run.
func curlCommandLine(_ server: DovecotServer, count: Int, bytes: Int) throws -> Result {
    let one = try curlTime(server, count: 1)
    let all = try curlTime(server, count: count)
    return Result(name: "curl command line (;UID= URLs)", messages: count - 1, bytes: bytes * (count - 1) / count, seconds: max(1e-6, all - one))
}

func curlTime(_ server: DovecotServer, count: Int) throws -> Double {
    let config = server.directory.appendingPathComponent("curl.conf")
    var text = "silent\ncacert = \"\(server.caFile)\"\nuser = \"\(server.user):\(server.password)\"\n"
    for uid in 1...count {
        text += "url = \"imaps://127.0.0.1:\(server.imapsPort)/INBOX/;UID=\(uid)\"\noutput = \"/dev/null\"\n"
    }
    try text.write(to: config, atomically: true, encoding: .utf8)
    let start = ContinuousClock.now
    try DovecotServer.run("/usr/bin/curl", ["-K", config.path])
    return (ContinuousClock.now - start).seconds
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}

func report(_ title: String, _ results: [Result]) {
    print("\n\(title)")
    let fastestReference = results.dropFirst().map(\.messagesPerSecond).max() ?? 1
    let fastestReferenceMB = results.dropFirst().map(\.megabytesPerSecond).max() ?? 1
    for result in results {
        let name = result.name.padding(toLength: 42, withPad: " ", startingAt: 0)
        print(String(format: "  %@ %8.0f messages/s %9.1f MB/s  (%d messages, %.1f MB, %.3f s)",
            name, result.messagesPerSecond, result.megabytesPerSecond, result.messages,
            Double(result.bytes) / 1e6, result.seconds))
    }
    if let ours = results.first {
        print(String(format: "  ours / faster reference: %.0f%% (messages/s), %.0f%% (MB/s)",
            100 * ours.messagesPerSecond / fastestReference, 100 * ours.megabytesPerSecond / fastestReferenceMB))
    }
}

let options = Options(CommandLine.arguments)
let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("imaplib_fetch.py").path

do {
    let server = try DovecotServer()
    try server.seed((1...options.small).map(smallMessage))
    try server.seed((1...options.large).map { largeMessage($0, megabytes: 1 + ($0 - 1) % 5) })
    let settings = IMAPSettings(
        url: "imaps://127.0.0.1:\(server.imapsPort)/INBOX", username: server.user, credential: .password(server.password),
        caFile: server.caFile, maxMessageBytes: 64 << 20)
    let mailbox = CurlIMAPMailbox(settings: settings)
    let entries = try await mailbox.all()  // also makes Dovecot index everything
    let small = Array(entries.prefix(options.small))
    let large = Array(entries.suffix(options.large))
    print("Dovecot \(server.imapsPort) (IMAPS), \(small.count) small messages (\(small.map(\.size).reduce(0, +) / max(1, small.count)) bytes each), \(large.count) large (\(large.map(\.size).reduce(0, +) / 1_000_000) MB in all), best of \(options.rounds) rounds")

    // Rounds are interleaved (ours, imaplib, curl, ours, …) so that a busy machine slows every
    // client alike; each client's best round is reported.
    let smallBytes = small.map(\.size).reduce(0, +)
    var rounds: [String: [Result]] = [:]
    for _ in 0..<options.rounds {
        for (key, run) in [
            ("ours-small", { try await ourClient(server, entries: small, mailbox: mailbox) }),
            ("batch-small", { try await ourClientBatch(server, entries: small, mailbox: mailbox) }),
            ("py-small", { try imaplib(server, range: "1-\(small.count)", script: script) }),
            ("ours-large", { try await ourClient(server, entries: large, mailbox: mailbox) }),
            ("batch-large", { try await ourClientBatch(server, entries: large, mailbox: mailbox) }),
            ("py-large", { try imaplib(server, range: "\(small.count + 1)-\(entries.count)", script: script) }),
        ] as [(String, () async throws -> Result)] {
            rounds[key, default: []].append(try await run())
        }
    }
    // curl last: its ;UID= URLs fetch BODY[], which marks the messages \Seen.
    for _ in 0..<options.rounds {
        rounds["curl-small", default: []].append(try curlCommandLine(server, count: small.count, bytes: smallBytes))
    }
    func best(_ key: String) -> Result { rounds[key]!.min { $0.seconds < $1.seconds }! }
    report("Small messages, one at a time: fetch() per message", [best("ours-small"), best("py-small"), best("curl-small")])
    report("Small messages, one at a time: fetchEach", [best("batch-small"), best("py-small"), best("curl-small")])
    report("Large messages, one at a time: fetch() per message", [best("ours-large"), best("py-large")])
    report("Large messages, one at a time: fetchEach", [best("batch-large"), best("py-large")])
    await mailbox.close()
} catch {
    FileHandle.standardError.write(Data("transport-bench: \(error)\n".utf8))
    exit(1)
}

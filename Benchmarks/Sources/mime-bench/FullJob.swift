import Foundation
import MIMEParser

/// The full job as mail-bot does it, over every message of a corpus: parse, read the
/// header fields intake uses, walk every part, and transfer-decode every leaf body.
enum FullJob {
    struct Tally {
        var messages = 0
        var parts = 0
        var decodedBytes = 0
        var headerChars = 0
    }

    /// How leaf bodies are decoded: into one array each (`decodedBody()`), or streamed
    /// through a reused buffer (`decodeBody(to:)`, what `mail-bot` does for hashes).
    enum Mode: String {
        case array, stream
    }

    /// One pass over all messages.
    static func pass(_ messages: [[UInt8]], mode: Mode) -> Tally {
        var tally = Tally()
        for bytes in messages {
            let message = MIMEMessage(parsing: bytes)
            tally.messages += 1
            tally.headerChars &+= (message.subject?.utf8.count ?? 0)
            tally.headerChars &+= message.from.count + message.to.count + message.cc.count
            tally.headerChars &+= message.messageID?.utf8.count ?? 0
            if message.date != nil { tally.headerChars &+= 1 }
            for leaf in message.leaves {
                tally.parts += 1
                tally.headerChars &+= leaf.filename?.utf8.count ?? 0
                switch mode {
                case .array:
                    tally.decodedBytes &+= leaf.decodedBody().count
                case .stream:
                    var count = 0
                    leaf.decodeBody { chunk in count &+= chunk.count }
                    tally.decodedBytes &+= count
                }
            }
        }
        return tally
    }

    /// Loads `directory`, runs `runs` passes, prints one JSON line of the best.
    static func run(directory: String, corpus: String, runs: Int, mode: Mode) throws {
        let messages = try Measure.loadMessages(in: directory)
        let inputBytes = messages.reduce(0) { $0 + $1.count }
        Measure.resetPeak()
        let baseKB = Measure.currentResidentKB()
        var tally = Tally()
        let timing = Measure.best(runs: runs) { tally = pass(messages, mode: mode) }
        let result: [String: Any] = [
            "parser": mode == .array ? "MIMEParser (Swift), decodedBody()" : "MIMEParser (Swift), decodeBody(to:)", "corpus": corpus, "messages": tally.messages,
            "bytes": inputBytes, "parts": tally.parts, "decoded": tally.decodedBytes,
            "wall": timing.wall, "cpu": timing.cpu,
            "hwm_kb": Measure.peakResidentKB(), "base_kb": baseKB,
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
}

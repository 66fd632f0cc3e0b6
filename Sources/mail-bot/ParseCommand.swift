import ArgumentParser
import Crypto
import Foundation
import MIMEParser

/// `mail-bot parse FILE.eml… [--json]`: the structure of raw messages, as the contract's JSON
/// (one object per file per line, in order) or as a short summary for a person.
///
/// Any bytes are a message: broken input gives best-effort output plus warnings, exit 0.
/// Only a file that cannot be read is an error (exit 2, naming the file), after the
/// readable files have been printed.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the MIME structure of raw RFC 5322 messages.")

    @Argument(help: "Message files (.eml), raw RFC 5322 bytes.")
    var files: [String]

    @Flag(help: "One JSON object per file per line (see CONTRACT.md).")
    var json = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one message file to parse.") }
    }

    func run() throws {
        var unreadable: [String] = []
        for path in files {
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                unreadable.append("'\(path)' (\(ParseCommand.reason(error, path: path)))")
                continue
            }
            let message = MIMEMessage(parsing: bytes)
            let summary = MessageSummary(message)
            print(json ? summary.jsonLine() : summary.humanText(file: path))
        }
        if !unreadable.isEmpty {
            throw CommandFailure.usage("cannot read \(unreadable.joined(separator: ", "))")
        }
    }

    /// Why a file could not be read, in a few words.
    private static func reason(_ error: Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return error.localizedDescription
    }
}

/// What `parse` reports about one message: the contract's fields, computed once.
struct MessageSummary {
    struct Part {
        var path: String
        var contentType: String
        var charset: String?
        var disposition: String?
        var filename: String?
        var size: Int
        var sha256: String
    }

    var messageID: String?
    var subject: String?
    var from: [MailAddress]
    var date: Date?
    var parts: [Part]
    var warnings: [String]

    init(_ message: MIMEMessage) {
        messageID = message.messageID
        subject = message.subject
        from = message.from
        date = message.date
        var warnings = message.warnings.map(\.description)
        parts = message.leaves.map { leaf in
            var hasher = SHA256()
            var size = 0
            let report: DecodeReport?
            if leaf.contentType.type == "text" {
                // Text is decoded whole once: hashed, and read in its charset to say when
                // the label was missing, unknown or wrong.
                let decoded = leaf.decodedBodyReporting()
                if let note = leaf.textReporting(decoded: decoded.bytes)?.warning {
                    warnings.append("part \(leaf.path): \(note)")
                }
                decoded.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                size = decoded.bytes.count
                report = decoded.report
            } else {
                // Decoded in chunks: a large attachment is hashed without being held in memory.
                report = leaf.decodeBody { chunk in
                    hasher.update(bufferPointer: chunk)
                    size += chunk.count
                }
            }
            if let defects = report.flatMap(MessageSummary.defects) {
                warnings.append("part \(leaf.path): \(defects)")
            }
            return Part(
                path: leaf.path, contentType: leaf.contentType.mimeType, charset: leaf.charset,
                disposition: leaf.disposition?.type, filename: leaf.filename, size: size,
                sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined())
        }
        self.warnings = warnings
    }

    /// The contract's JSON object on one line, keys always present (null when absent).
    func jsonLine() -> String {
        let q = JSONText.quoted
        let fromJSON = from.map { "{\"name\":\(q($0.name)),\"address\":\(q($0.address))}" }
        let partsJSON = parts.map { p in
            "{\"path\":\(q(p.path)),\"contentType\":\(q(p.contentType)),\"charset\":\(q(p.charset)),"
                + "\"disposition\":\(q(p.disposition)),\"filename\":\(q(p.filename)),\"size\":\(p.size),\"sha256\":\(q(p.sha256))}"
        }
        return "{\"messageId\":\(q(messageID)),\"subject\":\(q(subject)),\"from\":[\(fromJSON.joined(separator: ","))],"
            + "\"date\":\(q(date.map(isoUTC))),\"parts\":[\(partsJSON.joined(separator: ","))],"
            + "\"warnings\":[\(warnings.map { q($0) }.joined(separator: ","))]}"
    }

    /// A few lines for a person reading a terminal.
    func humanText(file: String) -> String {
        var lines = [file]
        lines.append("  Subject: \(subject ?? "(none)")")
        lines.append("  From:    \(from.map { a in a.name.map { "\($0) <\(a.address)>" } ?? a.address }.joined(separator: ", "))")
        lines.append("  Date:    \(date.map(isoUTC) ?? "(none)")")
        lines.append("  Message-ID: \(messageID ?? "(none)")")
        for p in parts {
            var line = "  part \(p.path): \(p.contentType)"
            if let c = p.charset { line += "; charset=\(c)" }
            if let d = p.disposition { line += ", \(d)" }
            if let f = p.filename { line += " \"\(f)\"" }
            line += ", \(p.size) bytes"
            lines.append(line)
        }
        for w in warnings { lines.append("  warning: \(w)") }
        return lines.joined(separator: "\n")
    }

    /// What the transfer decoder had to repair in a body, or nil when it decoded cleanly.
    private static func defects(_ r: DecodeReport) -> String? {
        guard !r.isClean else { return nil }
        var defects: [String] = []
        if r.invalidBytesSkipped > 0 { defects.append("\(r.invalidBytesSkipped) invalid base64 bytes skipped") }
        if r.missingPadding { defects.append("base64 padding missing") }
        if r.invalidEscapes > 0 { defects.append("\(r.invalidEscapes) invalid quoted-printable escapes kept") }
        return defects.joined(separator: ", ")
    }

    private func isoUTC(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!))
    }
}

/// JSON string literals (RFC 8259 escaping) for the hand-built one-line objects.
enum JSONText {
    static func quoted(_ s: String?) -> String {
        guard let s else { return "null" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

import Crypto
import Foundation
import MIMEParser

/// What `parse` reports about one message: the contract's fields, computed once.
struct MessageSummary {
    struct Part {
        var path: String
        var contentType: String
        var charset: String?
        var disposition: String?
        var filename: String?
        var size: Int
        var sha256: SHA256.Digest
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
                // Text is decoded whole once: hashed, and checked against its charset to say
                // when the label was missing, unknown or wrong (without building the text).
                let decoded = leaf.decodedBodyReporting()
                if let note = leaf.charsetWarning(decoded: decoded.bytes) {
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
                sha256: hasher.finalize())
        }
        self.warnings = warnings
    }

    /// The contract's JSON object on one line (with its newline), keys always present (null
    /// when absent), appended as UTF-8.
    func appendJSONLine(to out: inout [UInt8]) {
        JSONBytes.appendRaw("{\"messageId\":", to: &out)
        JSONBytes.appendQuoted(messageID, to: &out)
        JSONBytes.appendRaw(",\"subject\":", to: &out)
        JSONBytes.appendQuoted(subject, to: &out)
        JSONBytes.appendRaw(",\"from\":[", to: &out)
        for (index, address) in from.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.appendRaw("{\"name\":", to: &out)
            JSONBytes.appendQuoted(address.name, to: &out)
            JSONBytes.appendRaw(",\"address\":", to: &out)
            JSONBytes.appendQuoted(address.address, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        JSONBytes.appendRaw("],\"date\":", to: &out)
        JSONBytes.appendQuoted(date.map(ISOTimestamp.utc), to: &out)
        JSONBytes.appendRaw(",\"parts\":[", to: &out)
        for (index, p) in parts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.appendRaw("{\"path\":", to: &out)
            JSONBytes.appendQuoted(p.path, to: &out)
            JSONBytes.appendRaw(",\"contentType\":", to: &out)
            JSONBytes.appendQuoted(p.contentType, to: &out)
            JSONBytes.appendRaw(",\"charset\":", to: &out)
            JSONBytes.appendQuoted(p.charset, to: &out)
            JSONBytes.appendRaw(",\"disposition\":", to: &out)
            JSONBytes.appendQuoted(p.disposition, to: &out)
            JSONBytes.appendRaw(",\"filename\":", to: &out)
            JSONBytes.appendQuoted(p.filename, to: &out)
            JSONBytes.appendRaw(",\"size\":", to: &out)
            JSONBytes.appendInt(p.size, to: &out)
            JSONBytes.appendRaw(",\"sha256\":", to: &out)
            JSONBytes.appendQuotedHex(p.sha256, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        JSONBytes.appendRaw("],\"warnings\":[", to: &out)
        for (index, warning) in warnings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.appendQuoted(warning, to: &out)
        }
        JSONBytes.appendRaw("]}\n", to: &out)
    }

    /// The JSON line as a String (tests, and callers that want text).
    func jsonLine() -> String {
        var out: [UInt8] = []
        appendJSONLine(to: &out)
        out.removeLast()
        return String(decoding: out, as: UTF8.self)
    }

    /// A few lines for a person reading a terminal.
    func humanText(file: String) -> String {
        var lines = [file]
        lines.append("  Subject: \(subject ?? "(none)")")
        lines.append("  From:    \(from.map { a in a.name.map { "\($0) <\(a.address)>" } ?? a.address }.joined(separator: ", "))")
        lines.append("  Date:    \(date.map(ISOTimestamp.utc) ?? "(none)")")
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
}

/// `2026-11-24T09:15:00Z`: whole seconds in UTC, computed from the day count (Foundation's
/// ISO 8601 format style costs microseconds per call, and `parse` formats one per message).
enum ISOTimestamp {
    static func utc(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else {
            return date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!))
        }
        var out = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int, at offset: Int, width: Int) {
            var v = value
            for i in stride(from: offset + width - 1, through: offset, by: -1) {
                out[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
        }
        put(year, at: 0, width: 4)
        out[4] = UInt8(ascii: "-")
        put(month, at: 5, width: 2)
        out[7] = UInt8(ascii: "-")
        put(day, at: 8, width: 2)
        out[10] = UInt8(ascii: "T")
        put(secondOfDay / 3600, at: 11, width: 2)
        out[13] = UInt8(ascii: ":")
        put(secondOfDay / 60 % 60, at: 14, width: 2)
        out[16] = UInt8(ascii: ":")
        put(secondOfDay % 60, at: 17, width: 2)
        out[19] = UInt8(ascii: "Z")
        return String(decoding: out, as: UTF8.self)
    }

    /// Proleptic Gregorian year, month, day of a count of days since 1970-01-01
    /// (H. Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

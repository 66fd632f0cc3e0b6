import Foundation
@testable import MIMEParser

/// Loads `.eml` fixtures from `Tests/MIMEParserTests/Fixtures/`, next to this file.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let names = [
        "simple", "multipart-mixed", "forwarded", "forwarded-base64", "dsn", "lf-only",
        "charsets", "encoded-words", "malformed", "headers-only", "empty",
    ]

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent("\(name).eml")))
    }

    static func message(_ name: String) throws -> MIMEMessage {
        MIMEMessage(parsing: try bytes(name))
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }
}

/// Builds a message from lines joined with CRLF (inline, table-driven cases).
func crlfMessage(_ lines: String...) -> MIMEMessage {
    MIMEMessage(parsing: Array(lines.joined(separator: "\r\n").utf8))
}

extension MIMEMessage {
    /// A canonical, complete description of the parse: used to compare parses of the same
    /// bytes fed in different ways.
    var canonicalDescription: String {
        var out = "header:\(header.fields.map { "\($0.name)=\($0.value)" })\nwarnings:\(warnings.map(\.description))\n"
        root.describe(into: &out, indent: "")
        return out
    }
}

extension MIMEPart {
    func describe(into out: inout String, indent: String) {
        out += "\(indent)\(path) \(contentType.mimeType) \(contentType.parameters.sorted { $0.key < $1.key }) "
        out += "\(disposition.map { "\($0.type) \($0.parameters.sorted { $0.key < $1.key })" } ?? "-") \(transferEncoding.label) "
        out += "body[\(rawBody.startIndex)..<\(rawBody.endIndex)] \(rawBody.count) fields:\(header.fields.count)\n"
        for c in children { c.describe(into: &out, indent: indent + "  ") }
        if let m = encapsulated?.message {
            out += "\(indent)  [message] \(m.header.fields.count) fields, \(m.warnings.count) warnings\n"
            m.root.describe(into: &out, indent: indent + "    ")
        }
    }
}

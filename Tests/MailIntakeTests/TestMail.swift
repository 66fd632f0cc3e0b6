import Foundation

/// Builds raw RFC 5322 messages for tests and benchmarks: a text (or HTML) body and
/// base64 attachments, CRLF throughout.
struct TestMail {
    var headers: [(String, String)] = [
        ("From", "Amira Haddad <amira@example.com>"), ("To", "secondopinion@example.org"),
        ("Subject", "Second opinion request"), ("Message-ID", "<m1@example.com>"),
        ("Date", "Mon, 23 Nov 2026 10:00:00 +0000"),
    ]
    var text: String? = "My father has a liver lesion and we would like a second opinion.\nI accept the terms and conditions.\nPlease call me on 07700 900123."
    var html: String? = nil
    /// (filename, content type, bytes, extra part headers)
    var attachments: [(String?, String, [UInt8], [String])] = []

    mutating func set(_ name: String, _ value: String) {
        headers.removeAll { $0.0.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    var bytes: [UInt8] {
        let boundary = "b1_test_boundary"
        var s = headers.map { "\($0.0): \($0.1)" }.joined(separator: "\r\n") + "\r\nMIME-Version: 1.0\r\n"
        s += "Content-Type: multipart/mixed; boundary=\"\(boundary)\"\r\n\r\n"
        if let text {
            s += "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            s += wrap(Data(text.utf8).base64EncodedString()) + "\r\n"
        }
        if let html {
            s += "--\(boundary)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            s += wrap(Data(html.utf8).base64EncodedString()) + "\r\n"
        }
        for (name, type, data, extra) in attachments {
            s += "--\(boundary)\r\nContent-Type: \(type)\r\nContent-Transfer-Encoding: base64\r\n"
            if let name { s += "Content-Disposition: attachment; filename=\"\(name)\"\r\n" }
            for h in extra { s += h + "\r\n" }
            s += "\r\n" + wrap(Data(data).base64EncodedString()) + "\r\n"
        }
        s += "--\(boundary)--\r\n"
        return Array(s.utf8)
    }

    func wrap(_ b64: String) -> String {
        var lines: [Substring] = []
        var rest = Substring(b64)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return lines.joined(separator: "\r\n")
    }
}

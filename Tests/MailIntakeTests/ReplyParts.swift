import MIMEParser

@testable import MailIntake

/// The decoded text/plain and text/html parts of a reply we composed.
enum ReplyParts {
    static func part(_ mail: OutgoingMail, _ mimeType: String) -> String {
        let m = MIMEMessage(parsing: mail.bytes)
        return m.root.children.first { $0.contentType.mimeType == mimeType }?.text() ?? ""
    }

    static func plain(_ mail: OutgoingMail) -> String { part(mail, "text/plain").replacingOccurrences(of: "\r\n", with: "\n") }
    static func html(_ mail: OutgoingMail) -> String { part(mail, "text/html").replacingOccurrences(of: "\r\n", with: "\n") }
}

import Foundation
import MIMEParser

/// What the intake rules read from one message, already decoded: header facts, the body
/// texts and the files. Built from a parsed `MIMEMessage` (`MessageView(_:)`), or directly
/// in tests and benchmarks. Keeping the rules on this plain value keeps them independent
/// of how the parser represents a message.
public struct MessageView: Sendable {
    /// One text body (text/plain or text/html, not an attachment).
    public struct Body: Sendable, Equatable {
        public var isHTML: Bool
        public var text: String
        /// Inside an attached `message/rfc822` (a forwarded message), not the requester's own text.
        public var isForwarded: Bool

        public init(isHTML: Bool, text: String, isForwarded: Bool = false) {
            self.isHTML = isHTML
            self.text = text
            self.isForwarded = isForwarded
        }
    }

    /// One non-body leaf.
    public struct File: Sendable {
        /// Part path ("1.2"), for generated names and messages.
        public var partPath: String
        public var filename: String?
        /// Lower-case `type/subtype`.
        public var contentType: String
        public var contentID: String?
        /// Content-Disposition was `inline` (or absent).
        public var isInline: Bool
        public var bytes: [UInt8]

        public init(partPath: String, filename: String?, contentType: String, contentID: String? = nil, isInline: Bool = false, bytes: [UInt8]) {
            self.partPath = partPath
            self.filename = filename
            self.contentType = contentType
            self.contentID = contentID
            self.isInline = isInline
            self.bytes = bytes
        }
    }

    public var messageID: String?
    public var subject: String
    public var from: [MailAddress]
    public var sender: [MailAddress]
    public var replyTo: [MailAddress]
    public var inReplyTo: [String]
    public var references: [String]
    /// Every header field of the message itself, raw (for the loop guard and authentication results).
    public var header: MIMEHeader
    public var bodies: [Body]
    public var files: [File]
    /// True for RFC 3464 delivery status notifications.
    public var isDeliveryStatus: Bool
    /// Text of the `message/delivery-status` and `text/rfc822-headers` parts of a DSN.
    public var deliveryStatusText: String

    public init(
        messageID: String? = nil, subject: String = "", from: [MailAddress] = [], sender: [MailAddress] = [],
        replyTo: [MailAddress] = [], inReplyTo: [String] = [], references: [String] = [], header: MIMEHeader = MIMEHeader(),
        bodies: [Body] = [], files: [File] = [], isDeliveryStatus: Bool = false, deliveryStatusText: String = ""
    ) {
        self.messageID = messageID
        self.subject = subject
        self.from = from
        self.sender = sender
        self.replyTo = replyTo
        self.inReplyTo = inReplyTo
        self.references = references
        self.header = header
        self.bodies = bodies
        self.files = files
        self.isDeliveryStatus = isDeliveryStatus
        self.deliveryStatusText = deliveryStatusText
    }

    /// The requester's own text: the first top-level text/plain body; else the first HTML
    /// body reduced to text; else a forwarded message's text (a bare forward is the request).
    public var requesterText: String {
        let own = bodies.filter { !$0.isForwarded }
        if let plain = own.first(where: { !$0.isHTML && !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            return plain.text
        }
        if let html = own.first(where: \.isHTML) { return HTMLReducer.reduce(html.text) }
        if let fwd = bodies.first(where: { $0.isForwarded && !$0.isHTML }) { return fwd.text }
        if let fwd = bodies.first(where: { $0.isForwarded }) { return HTMLReducer.reduce(fwd.text) }
        return ""
    }

    /// Content-IDs referenced from any HTML body (`src="cid:…"`), lower-cased.
    public var referencedContentIDs: Set<String> {
        var ids = Set<String>()
        for b in bodies where b.isHTML {
            var rest = Substring(b.text)
            while let r = rest.range(of: "cid:", options: .caseInsensitive) {
                let id = rest[r.upperBound...].prefix { !"\"' >)".contains($0) }
                if !id.isEmpty { ids.insert(id.removingPercentEncoding?.lowercased() ?? id.lowercased()) }
                rest = rest[r.upperBound...]
            }
        }
        return ids
    }

    /// The address replies go to: Reply-To when given, else From.
    public var replyAddress: MailAddress? { replyTo.first ?? from.first }
}

import Foundation

/// Decoded readings of the message's own header fields (RFC 5322 §3.6), computed on demand.
extension MIMEMessage {
    /// Subject with RFC 2047 words decoded.
    public var subject: String? { header["Subject"].map(Decoding.decodeEncodedWords) }

    /// The From mailboxes (usually one), display names decoded.
    public var from: [MailAddress] { addresses("From") }
    /// The Sender mailbox, when different from From.
    public var sender: [MailAddress] { addresses("Sender") }
    /// Reply-To mailboxes; empty when absent.
    public var replyTo: [MailAddress] { addresses("Reply-To") }
    /// To recipients (all To fields together).
    public var to: [MailAddress] { addresses("To") }
    /// Cc recipients (all Cc fields together).
    public var cc: [MailAddress] { addresses("Cc") }

    /// Every mailbox of every field with this name, in order.
    public func addresses(_ field: String) -> [MailAddress] {
        header.values(named: field).flatMap(AddressParser.parseList)
    }

    /// Message-ID in "<id@host>" form.
    public var messageID: String? { header["Message-ID"].flatMap { MessageIDParser.parse($0).first } }
    /// In-Reply-To ids, "<id@host>" form.
    public var inReplyTo: [String] { header["In-Reply-To"].map(MessageIDParser.parse) ?? [] }
    /// References ids, oldest first, "<id@host>" form.
    public var references: [String] { header["References"].map(MessageIDParser.parse) ?? [] }

    /// The Date field, or nil when absent or unparseable.
    public var date: Date? { header["Date"].flatMap(DateParser.parse) }

    /// True for delivery status notifications (RFC 3464): a `multipart/report` with
    /// `report-type=delivery-status`, or a `message/delivery-status` part outside any
    /// forwarded message.
    public var isDeliveryStatusNotification: Bool {
        let t = root.contentType
        if t.type == "multipart", t.subtype == "report" {
            let r = t.parameters["report-type"]?.lowercased()
            if r == "delivery-status" || r == "global-delivery-status" { return true }
        }
        return root.containsDeliveryStatus()
    }
}

extension MIMEPart {
    fileprivate func containsDeliveryStatus() -> Bool {
        if contentType.type == "message", contentType.subtype == "delivery-status" || contentType.subtype == "global-delivery-status" { return true }
        return children.contains { $0.containsDeliveryStatus() }
    }
}

/// Message identifiers (RFC 5322 §3.6.4): `msg-id = [CFWS] "<" id-left "@" id-right ">" [CFWS]`.
enum MessageIDParser {
    /// The ids in order, each as "<…>"; a bare id without brackets (seen in the wild) is wrapped.
    static func parse(_ text: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let slice = rest[rest.index(after: open)..<close]
            // Ids are nearly always plain ASCII without spaces: skip the Unicode
            // whitespace test per character (it was 3% of parsing ordinary mail).
            let plain = !slice.utf8.contains { $0 <= 0x20 || $0 >= 0x80 }
            let inner = plain ? String(slice) : slice.filter { !$0.isWhitespace }
            if !inner.isEmpty { ids.append("<\(inner)>") }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            let bare = text.trimmingWhitespace()
            if !bare.isEmpty, !bare.utf8.contains(ASCII.space), bare.utf8.contains(ASCII.at) { ids.append("<\(bare)>") }
        }
        return ids
    }
}

import Foundation
import MIMEParser

/// Reading a parsed message into the view the rules work on.
extension MessageView {
    /// Header facts only (no bodies decoded): enough for threading.
    public init(headersOf message: MIMEMessage) {
        self.init(
            messageID: message.messageID, subject: message.subject ?? "", from: message.from, sender: message.sender,
            replyTo: message.replyTo, inReplyTo: message.inReplyTo, references: message.references, header: message.header,
            isDeliveryStatus: message.isDeliveryStatusNotification)
    }

    /// Everything: header facts, body texts (charset-converted by the parser) and files
    /// (transfer-decoded), descending into forwarded messages.
    public init(_ message: MIMEMessage) {
        self.init(headersOf: message)
        var bodies: [Body] = []
        var files: [File] = []
        var status = ""
        Self.walk(message.root, forwarded: false, bodies: &bodies, files: &files, status: &status)
        self.bodies = bodies
        self.files = files
        self.deliveryStatusText = status
    }

    static func walk(_ part: MIMEPart, forwarded: Bool, bodies: inout [Body], files: inout [File], status: inout String) {
        if let inner = part.encapsulated {
            // The returned or forwarded message's own header tells a bounce which message it was.
            status += inner.message.header.fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n"
            walk(inner.message.root, forwarded: true, bodies: &bodies, files: &files, status: &status)
            return
        }
        if !part.children.isEmpty {
            for child in part.children { walk(child, forwarded: forwarded, bodies: &bodies, files: &files, status: &status) }
            return
        }
        let type = part.contentType.mimeType
        if type == "message/delivery-status" || type == "message/global-delivery-status" || type == "text/rfc822-headers" {
            status += String(decoding: part.decodedBody(), as: UTF8.self) + "\n"
            return
        }
        let isBody = (type == "text/plain" || type == "text/html") && part.filename == nil
            && part.disposition?.type != "attachment"
        if isBody {
            bodies.append(Body(isHTML: type == "text/html", text: part.text() ?? "", isForwarded: forwarded))
            return
        }
        files.append(
            File(
                partPath: part.path, filename: part.filename, contentType: type, contentID: part.contentID,
                isInline: part.disposition == nil || part.disposition?.type == "inline", bytes: part.decodedBody()))
    }
}

extension IntakePlanner {
    /// Plans a parsed message. `existingCase` is the case the edge found for this thread
    /// (see `ThreadMatcher.references(in:)`), or nil to open case `caseId`.
    public func plan(
        _ message: MIMEMessage, receivedAt: Date, now: Date? = nil, caseId: String, existingCase: IntakeCase? = nil
    ) -> IntakePlan {
        plan(MessageView(message), receivedAt: receivedAt, now: now, caseId: caseId, existingCase: existingCase)
    }

    /// Plans raw message bytes.
    public func plan(
        bytes: [UInt8], receivedAt: Date, now: Date? = nil, caseId: String, existingCase: IntakeCase? = nil
    ) -> IntakePlan {
        plan(MIMEMessage(parsing: bytes), receivedAt: receivedAt, now: now, caseId: caseId, existingCase: existingCase)
    }

}

extension ThreadMatcher {
    /// The same, for a parsed message.
    public static func references(in message: MIMEMessage) -> (caseIds: [String], messageIds: [String]) {
        references(in: MessageView(headersOf: message))
    }

}

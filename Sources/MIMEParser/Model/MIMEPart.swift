/// One node of a message's MIME tree.
///
/// A part is a leaf (a body), a multipart (with `children`), or a `message/rfc822`
/// (with `encapsulated`). Leaves synthesised from legacy containers (TNEF, uuencode)
/// carry their origin and their already-decoded content.
public struct MIMEPart: Sendable {
    /// Depth-first position, as IMAP numbers it: "1", "1.2", "2.1.1". The root of a
    /// single-part message is "1".
    public var path: String
    /// This part's own header fields (empty for synthesised leaves).
    public var header: MIMEHeader
    /// The parsed Content-Type (defaulted per RFC 2045 when absent or broken).
    public var contentType: ContentType
    /// The parsed Content-Disposition, when present.
    public var disposition: ContentDisposition?
    /// The Content-Transfer-Encoding to undo when decoding `rawBody`.
    public var transferEncoding: TransferEncoding
    /// The body exactly as it appears in the input, still transfer-encoded.
    public var rawBody: ArraySlice<UInt8>
    /// The sub-parts of a multipart, in order.
    public var children: [MIMEPart]
    /// The message inside a `message/rfc822` (or `message/global`) part.
    public var encapsulated: EncapsulatedMessage?
    /// Where this part came from: the MIME tree itself, or a legacy container inside a leaf.
    public var origin: PartOrigin

    public init(
        path: String,
        header: MIMEHeader,
        contentType: ContentType,
        disposition: ContentDisposition?,
        transferEncoding: TransferEncoding,
        rawBody: ArraySlice<UInt8>,
        children: [MIMEPart] = [],
        encapsulated: EncapsulatedMessage? = nil,
        origin: PartOrigin = .mime
    ) {
        self.path = path
        self.header = header
        self.contentType = contentType
        self.disposition = disposition
        self.transferEncoding = transferEncoding
        self.rawBody = rawBody
        self.children = children
        self.encapsulated = encapsulated
        self.origin = origin
    }
}

/// Where a part came from.
public enum PartOrigin: Sendable, Hashable {
    /// An ordinary MIME entity.
    case mime
    /// A file extracted from an `application/ms-tnef` (winmail.dat) part.
    case tnef
    /// A file found uuencoded inside a text body.
    case uuencode
}

/// Box for the message inside a `message/rfc822` part (breaks the value-type recursion).
public final class EncapsulatedMessage: Sendable {
    public let message: MIMEMessage

    public init(_ message: MIMEMessage) {
        self.message = message
    }
}

/// RFC 2045 §6: the transfer encodings, plus whatever unknown token was found.
public enum TransferEncoding: Sendable, Hashable {
    case sevenBit, eightBit, binary, quotedPrintable, base64
    /// An encoding we do not know (e.g. `x-uuencode`); the body is treated as-is.
    case other(String)
}

/// Outlook's Transport Neutral Encapsulation Format (`application/ms-tnef`, "winmail.dat"):
/// the files it carries.
///
/// Outlook wraps a message's attachments in one opaque part when it sends "rich text" mail;
/// without unpacking it, every attachment of such a request would be lost. Only the files
/// are extracted; the message-level attributes (body, RTF, sender) are skipped.
///
/// Every length is checked against the input that is left, every loop consumes input, and
/// embedded messages are followed to a fixed depth, so a hostile stream can neither crash,
/// loop nor allocate more than a few times its own size.
package enum TNEF {
    /// MS-OXTNEF §2.1.3.1: the stream's first four bytes, little-endian.
    package static let signature: UInt32 = 0x223E_9F78
    /// More files than this in one stream are dropped with a warning.
    package static let maxFiles = 1000
    /// How deep embedded messages (attachments that are themselves TNEF) are followed.
    package static let maxDepth = 4

    /// One file found in the stream.
    package struct File: Sendable, Hashable {
        /// The long file name when present, else the 8.3 title; nil when the stream has none.
        package var filename: String?
        /// PR_ATTACH_MIME_TAG, when Outlook recorded one.
        package var mimeType: String?
        /// The file's bytes, in an array of their own.
        package var bytes: [UInt8]
    }

    /// The files found and the defects worked around.
    package struct Extraction: Sendable {
        package var files: [File] = []
        package var warnings: [String] = []
        /// Attachments beyond `maxFiles`, reported once at the end.
        var droppedFiles = 0
    }

    /// MS-OXTNEF §2.1.3.2 attribute identifiers (the low 16 bits; the high 16 are the type).
    enum AttributeID {
        static let attachRenderData: UInt16 = 0x9002
        static let attachTitle: UInt16 = 0x8010
        static let attachData: UInt16 = 0x800F
        static let attachment: UInt16 = 0x9005
    }

    /// True when `bytes` start with the TNEF signature.
    package static func hasSignature(_ bytes: ArraySlice<UInt8>) -> Bool {
        var cursor = ByteCursor(bytes)
        return cursor.readUInt32() == signature
    }

    /// Extracts the attached files of a TNEF stream. Never fails: a damaged stream yields the
    /// files read before the damage plus warnings that say what was wrong and at which offset.
    package static func extract(_ bytes: ArraySlice<UInt8>) -> Extraction {
        var out = Extraction()
        extract(bytes, depth: 0, into: &out)
        if out.droppedFiles > 0 {
            out.warnings.append("TNEF: more than \(maxFiles) attachments; \(out.droppedFiles) skipped")
        }
        return out
    }

    static func extract(_ bytes: ArraySlice<UInt8>, depth: Int, into out: inout Extraction) {
        var cursor = ByteCursor(bytes)
        guard cursor.readUInt32() == signature else {
            out.warnings.append("TNEF: no TNEF signature, nothing extracted")
            return
        }
        guard cursor.readUInt16() != nil else {
            out.warnings.append("TNEF: stream ends inside its header")
            return
        }
        var pending: PendingAttachment?
        // MS-OXTNEF §2.1.3.3: Attribute = AttrLevel AttrID Length Data Checksum
        while !cursor.isAtEnd {
            let start = cursor.position
            guard cursor.readUInt8() != nil, let id = cursor.readUInt32(), let declared = cursor.readUInt32() else {
                out.warnings.append("TNEF: stream ends inside an attribute header at offset \(start)")
                break
            }
            let length = Int(declared)
            let truncated = length > cursor.remaining
            if truncated {
                out.warnings.append(
                    "TNEF: attribute 0x\(hex(id)) at offset \(start) declares \(length) bytes but only \(cursor.remaining) remain")
            }
            let data = cursor.readSlice(min(length, cursor.remaining)) ?? []
            if !truncated {
                if let checksum = cursor.readUInt16() {
                    if checksum != TNEF.checksum(data) {
                        out.warnings.append("TNEF: checksum mismatch in attribute 0x\(hex(id)) at offset \(start)")
                    }
                } else {
                    out.warnings.append("TNEF: attribute 0x\(hex(id)) at offset \(start) has no checksum")
                }
            }
            switch UInt16(truncatingIfNeeded: id) {
            case AttributeID.attachRenderData:
                if let done = pending { finish(done, depth: depth, into: &out) }
                pending = PendingAttachment()
            case AttributeID.attachTitle:
                pending = pending ?? PendingAttachment()
                pending?.title = LegacyText.decodeNarrow(data)
            case AttributeID.attachData:
                pending = pending ?? PendingAttachment()
                pending?.data = data
            case AttributeID.attachment:
                pending = pending ?? PendingAttachment()
                var properties = TNEFProperties.parse(data)
                for warning in properties.warnings {
                    out.warnings.append("TNEF: attachment properties at offset \(start): \(warning)")
                }
                properties.warnings = []
                pending?.properties = properties
            default:
                break
            }
            if truncated { break }
        }
        if let done = pending { finish(done, depth: depth, into: &out) }
    }

    /// Turns a completed attachment into a file, or follows an embedded message.
    private static func finish(_ attachment: PendingAttachment, depth: Int, into out: inout Extraction) {
        let properties = attachment.properties
        if attachment.data == nil, properties.dataBinary == nil, let object = properties.dataObject {
            // PT_OBJECT: a 16-byte interface id, then (for an embedded message) a TNEF stream.
            let inner = object.dropFirst(16)
            if hasSignature(inner) {
                guard depth < maxDepth else {
                    out.warnings.append("TNEF: embedded messages nested deeper than \(maxDepth); inner files skipped")
                    return
                }
                extract(inner, depth: depth + 1, into: &out)
                return
            }
        }
        guard let data = attachment.data ?? properties.dataBinary ?? properties.dataObject else {
            let name = attachment.filename.map { " \"\($0)\"" } ?? ""
            out.warnings.append("TNEF: attachment\(name) has no data; skipped")
            return
        }
        guard out.files.count < maxFiles else {
            out.droppedFiles += 1
            return
        }
        out.files.append(File(filename: attachment.filename, mimeType: properties.mimeTag, bytes: Array(data)))
    }

    /// MS-OXTNEF §2.1.3.3: the checksum is the sum of the data bytes modulo 65536.
    static func checksum(_ data: ArraySlice<UInt8>) -> UInt16 {
        var sum: UInt16 = 0
        for byte in data { sum &+= UInt16(byte) }
        return sum
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}

/// An attachment whose attributes are still being read.
private struct PendingAttachment {
    var title: String?
    var data: ArraySlice<UInt8>?
    var properties = TNEFProperties()

    /// The long name when Outlook recorded one; else the 8.3 names; else the display name.
    var filename: String? {
        let candidates = [properties.longFilename, properties.filename, title, properties.displayName]
        return candidates.lazy.compactMap { $0 }.first { !$0.isEmpty }
    }
}

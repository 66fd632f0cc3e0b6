/// The MAPI properties of one TNEF attachment (the attAttachment attribute), reduced to the
/// few that name and carry the file.
///
/// MS-OXTNEF §2.1.3.4: MsgPropertyList = PropertyCount *MsgPropertyValue;
/// MsgPropertyValue = PropertyTag [PropertyName] PropertyValue. Variable-length values are
/// a value count, then per value a length, the bytes and padding to a multiple of four.
/// Long file names live here (the attAttachTitle attribute holds only an 8.3 name).
struct TNEFProperties {
    /// PR_ATTACH_LONG_FILENAME (0x3707).
    var longFilename: String?
    /// PR_ATTACH_FILENAME (0x3704), the 8.3 name.
    var filename: String?
    /// PR_DISPLAY_NAME (0x3001).
    var displayName: String?
    /// PR_ATTACH_MIME_TAG (0x370E).
    var mimeTag: String?
    /// PR_ATTACH_DATA_BIN (0x3701 as PT_BINARY): the file when attAttachData is absent.
    var dataBinary: ArraySlice<UInt8>?
    /// PR_ATTACH_DATA_OBJ (0x3701 as PT_OBJECT): an OLE object or an embedded message.
    var dataObject: ArraySlice<UInt8>?
    /// What could not be read, without the "TNEF:" prefix.
    var warnings: [String] = []

    enum PropertyID {
        static let displayName: UInt16 = 0x3001
        static let attachData: UInt16 = 0x3701
        static let attachFilename: UInt16 = 0x3704
        static let attachLongFilename: UInt16 = 0x3707
        static let attachMimeTag: UInt16 = 0x370E
    }

    /// MS-OXCDATA §2.11.1 property types.
    enum PropertyType {
        static let string8: UInt16 = 0x001E
        static let unicode: UInt16 = 0x001F
        static let binary: UInt16 = 0x0102
        static let object: UInt16 = 0x000D
        static let multiValued: UInt16 = 0x1000

        /// Encoded size of a fixed-size value (padded to four bytes), nil for variable or unknown types.
        static func fixedSize(_ type: UInt16) -> Int? {
            switch type {
            case 0x0001, 0x0002, 0x0003, 0x0004, 0x000A, 0x000B: 4  // null, short, long, float, error, boolean
            case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040: 8  // double, currency, apptime, int64, systime
            case 0x0048: 16  // CLSID
            default: nil
            }
        }

        static func isVariable(_ type: UInt16) -> Bool {
            type == string8 || type == unicode || type == binary || type == object
        }
    }

    /// Reads a property list. Stops at the first property it cannot size, keeping what came before.
    static func parse(_ data: ArraySlice<UInt8>) -> TNEFProperties {
        var out = TNEFProperties()
        var cursor = ByteCursor(data)
        guard let count = cursor.readUInt32() else {
            out.warnings.append("property list is empty")
            return out
        }
        var index: UInt32 = 0
        while index < count {
            guard !cursor.isAtEnd else {
                out.warnings.append("declares \(count) properties but ends after \(index)")
                break
            }
            guard out.readProperty(&cursor) else { break }
            index += 1
        }
        return out
    }

    /// Reads one property; false when the rest of the list cannot be read.
    private mutating func readProperty(_ cursor: inout ByteCursor) -> Bool {
        let start = cursor.position
        guard let type = cursor.readUInt16(), let id = cursor.readUInt16() else {
            warnings.append("property tag truncated at offset \(start)")
            return false
        }
        // Named properties (id ≥ 0x8000): a GUID, a kind, then a numeric id or a UTF-16 name.
        if id >= 0x8000 {
            guard cursor.skip(16), let kind = cursor.readUInt32() else {
                warnings.append("named property truncated at offset \(start)")
                return false
            }
            if kind == 0 {
                guard cursor.skip(4) else { return truncated(at: start) }
            } else {
                guard let length = cursor.readUInt32(), cursor.skip(Self.padded(Int(length))) else {
                    return truncated(at: start)
                }
            }
        }
        let base = type & ~PropertyType.multiValued
        let isMulti = type & PropertyType.multiValued != 0
        if let size = PropertyType.fixedSize(base) {
            var values = 1
            if isMulti {
                guard let n = cursor.readUInt32() else { return truncated(at: start) }
                guard Int(n) <= cursor.remaining / size else { return truncated(at: start) }
                values = Int(n)
            }
            guard cursor.skip(values * size) else { return truncated(at: start) }
            return true
        }
        guard PropertyType.isVariable(base) else {
            warnings.append("unknown property type 0x\(String(type, radix: 16)) at offset \(start); rest skipped")
            return false
        }
        guard let n = cursor.readUInt32() else { return truncated(at: start) }
        var valueIndex: UInt32 = 0
        while valueIndex < n {
            guard let length = cursor.readUInt32(), let value = cursor.readSlice(Int(length)) else {
                return truncated(at: start)
            }
            // The last value's padding may be missing at the very end of the list.
            _ = cursor.skip(min(Self.padded(Int(length)) - Int(length), cursor.remaining))
            if valueIndex == 0 { record(id: id, type: base, value: value) }
            valueIndex += 1
        }
        return true
    }

    private mutating func record(id: UInt16, type: UInt16, value: ArraySlice<UInt8>) {
        func text() -> String? {
            switch type {
            case PropertyType.string8: LegacyText.decodeNarrow(value)
            case PropertyType.unicode: LegacyText.decodeUTF16LE(value)
            default: nil
            }
        }
        switch id {
        case PropertyID.attachLongFilename: longFilename = text()
        case PropertyID.attachFilename: filename = text()
        case PropertyID.displayName: displayName = text()
        case PropertyID.attachMimeTag: mimeTag = text()?.lowercased()
        case PropertyID.attachData:
            if type == PropertyType.binary { dataBinary = value }
            if type == PropertyType.object { dataObject = value }
        default: break
        }
    }

    private mutating func truncated(at start: Int) -> Bool {
        warnings.append("property at offset \(start) runs past the end of the list")
        return false
    }

    /// Values are padded to a multiple of four bytes.
    static func padded(_ length: Int) -> Int {
        length > Int.max - 3 ? length : (length + 3) & ~3
    }
}

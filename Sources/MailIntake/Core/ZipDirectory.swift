/// A zip file's central directory, read straight from the bytes (PKWARE APPNOTE §4.3),
/// without inflating anything. Bounds-checked everywhere: a lying header is an error, never
/// an out-of-range read.
struct ZipDirectory {
    /// One central directory record.
    struct Entry {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
        var isDirectory: Bool { name.hasSuffix("/") || name.hasSuffix("\\") }
        /// General purpose bit 0 (traditional or AES encryption), bit 6 (strong encryption).
        var isEncrypted: Bool { flags & 0x0001 != 0 || flags & 0x0040 != 0 }
    }

    /// Why the directory could not be read.
    struct Failure: Error, Equatable {
        var detail: String
    }

    var entries: [Entry]

    /// Finds the end-of-central-directory record (searching back over a comment of up to
    /// 64 KiB) and reads every record it points to.
    init(_ b: UnsafeBufferPointer<UInt8>, maxEntries: Int = 10_000) throws(Failure) {
        let n = b.count
        guard n >= 22 else { throw Failure(detail: "too short to be a zip file") }
        var eocd = -1
        var i = n - 22
        let lowest = max(0, n - 22 - 65_535)
        while i >= lowest {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06 {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw Failure(detail: "no end of central directory (truncated or not a zip)") }
        let count = Int(FileTypeSniffer.le16(b, eocd + 10))
        let cdSize = Int(FileTypeSniffer.le32(b, eocd + 12))
        let cdOffset = Int(FileTypeSniffer.le32(b, eocd + 16))
        if count == 0xFFFF || cdOffset == 0xFFFF_FFFF { throw Failure(detail: "ZIP64 archives are not supported") }
        guard count <= maxEntries else { throw Failure(detail: "\(count) entries (limit \(maxEntries))") }
        guard cdOffset + cdSize <= eocd else { throw Failure(detail: "central directory lies outside the file") }
        var out: [Entry] = []
        out.reserveCapacity(count)
        var p = cdOffset
        for index in 0..<count {
            guard p + 46 <= eocd, FileTypeSniffer.le32(b, p) == 0x0201_4B50 else {
                throw Failure(detail: "central directory record \(index + 1) is damaged")
            }
            let nameLen = Int(FileTypeSniffer.le16(b, p + 28))
            let extraLen = Int(FileTypeSniffer.le16(b, p + 30))
            let commentLen = Int(FileTypeSniffer.le16(b, p + 32))
            guard p + 46 + nameLen + extraLen + commentLen <= eocd else {
                throw Failure(detail: "central directory record \(index + 1) runs past the directory")
            }
            let flags = UInt16(FileTypeSniffer.le16(b, p + 8))
            let nameBytes = UnsafeBufferPointer(rebasing: b[(p + 46)..<(p + 46 + nameLen)])
            // Bit 11: UTF-8 names. Otherwise CP437, which for ASCII names is the same.
            let name = String(decoding: nameBytes, as: UTF8.self)
            out.append(
                Entry(
                    name: name, flags: flags, method: UInt16(FileTypeSniffer.le16(b, p + 10)),
                    crc32: FileTypeSniffer.le32(b, p + 16),
                    compressedSize: Int(FileTypeSniffer.le32(b, p + 20)),
                    uncompressedSize: Int(FileTypeSniffer.le32(b, p + 24)),
                    localHeaderOffset: Int(FileTypeSniffer.le32(b, p + 42))))
            p += 46 + nameLen + extraLen + commentLen
        }
        entries = out
    }

    /// The byte range of an entry's (still compressed) data, checked against the local header.
    static func dataRange(of e: Entry, in b: UnsafeBufferPointer<UInt8>) throws(Failure) -> Range<Int> {
        let o = e.localHeaderOffset
        guard o + 30 <= b.count, FileTypeSniffer.le32(b, o) == 0x0403_4B50 else {
            throw Failure(detail: "local header of \(e.name) is missing")
        }
        let start = o + 30 + Int(FileTypeSniffer.le16(b, o + 26)) + Int(FileTypeSniffer.le16(b, o + 28))
        guard start + e.compressedSize <= b.count else { throw Failure(detail: "data of \(e.name) is truncated") }
        return start..<(start + e.compressedSize)
    }

    /// Office and OpenDocument files are zips with known markers; everything else is a plain zip.
    static func containerKind(_ b: UnsafeBufferPointer<UInt8>) -> FileKind {
        guard let dir = try? ZipDirectory(b), !dir.entries.isEmpty else { return .zip }
        let names = dir.entries.map(\.name)
        if names.contains("[Content_Types].xml") {
            if names.contains(where: { $0.hasPrefix("word/") }) { return .docx }
            if names.contains(where: { $0.hasPrefix("ppt/") }) { return .pptx }
            if names.contains(where: { $0.hasPrefix("xl/") }) {
                return .other("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            }
        }
        // OpenDocument: the first entry is "mimetype", stored, holding the media type.
        let first = dir.entries.min { $0.localHeaderOffset < $1.localHeaderOffset }
        if let first, first.name == "mimetype", first.method == 0, let range = try? dataRange(of: first, in: b),
            range.count < 200
        {
            let mime = String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
            switch mime {
            case "application/vnd.oasis.opendocument.text": return .odt
            case "application/vnd.oasis.opendocument.presentation": return .odp
            default: return .other(mime)
            }
        }
        return .zip
    }
}

/// Decides what a file is from its bytes (magic numbers and light structure checks), never
/// from its name: the form's rule is that content decides the type.
///
/// Pure and bounded: it looks at the head of the file, scans OLE2 files for their stream
/// names, and opens zip containers only through `ZipDirectory` (no inflation here).
public enum FileTypeSniffer {
    /// The kind of `bytes`.
    public static func sniff(_ bytes: [UInt8]) -> FileKind {
        bytes.withUnsafeBufferPointer { sniff($0) }
    }

    /// The kind of `b`.
    public static func sniff(_ b: UnsafeBufferPointer<UInt8>) -> FileKind {
        if b.isEmpty { return .unknown }
        if has(b, "GIF87a") || has(b, "GIF89a") { return .gif }
        if has(b, [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if has(b, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if has(b, [0xC5, 0xD0, 0xD3, 0xC6]) { return .eps }  // DOS EPS binary header
        if has(b, "%!PS-Adobe") { return firstLineContains(b, "EPSF") ? .eps : .other("application/postscript") }
        if has(b, [0x49, 0x49, 0x2A, 0x00]) || has(b, [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if has(b, "{\\rtf") { return .rtf }
        if b.count >= 132, has(b, "DICM", at: 128) { return .dicom }
        if has(b, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return ole2Kind(b) }
        if has(b, [0x50, 0x4B, 0x03, 0x04]) || has(b, [0x50, 0x4B, 0x05, 0x06]) { return ZipDirectory.containerKind(b) }
        if isExecutable(b) { return .executable }
        if isPDF(b) { return .pdf }
        if isBMP(b) { return .bmp }
        if b.count >= 12, has(b, "ftyp", at: 4) { return isoMediaKind(b) }
        if looksLikeHTML(b) { return .html }
        if isText(b) { return .text }
        return .unknown
    }

    // MARK: - Signatures

    static func has(_ b: UnsafeBufferPointer<UInt8>, _ sig: [UInt8], at offset: Int = 0) -> Bool {
        guard b.count >= offset + sig.count else { return false }
        for i in 0..<sig.count where b[offset + i] != sig[i] { return false }
        return true
    }

    static func has(_ b: UnsafeBufferPointer<UInt8>, _ sig: String, at offset: Int = 0) -> Bool {
        has(b, Array(sig.utf8), at: offset)
    }

    static func firstLineContains(_ b: UnsafeBufferPointer<UInt8>, _ word: String) -> Bool {
        let end = min(b.count, 200)
        var lineEnd = end
        for i in 0..<end where b[i] == 0x0A || b[i] == 0x0D {
            lineEnd = i
            break
        }
        return find(Array(word.utf8), in: UnsafeBufferPointer(rebasing: b[0..<lineEnd])) != nil
    }

    /// PDF readers accept "%PDF-" anywhere in the first 1024 bytes (junk before it is common).
    static func isPDF(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        find(Array("%PDF-".utf8), in: UnsafeBufferPointer(rebasing: b[0..<min(b.count, 1024)])) != nil
    }

    /// MZ (DOS/PE), ELF, Mach-O (32/64, both byte orders, fat), and "#!" scripts.
    static func isExecutable(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if has(b, "MZ") || has(b, [0x7F, 0x45, 0x4C, 0x46]) || has(b, "#!") { return true }
        let machO: [[UInt8]] = [
            [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF], [0xCE, 0xFA, 0xED, 0xFE],
            [0xCF, 0xFA, 0xED, 0xFE], [0xCA, 0xFE, 0xBA, 0xBE],
        ]
        return machO.contains { has(b, $0) }
    }

    /// "BM", then a header that makes sense: reserved words zero, pixel data offset inside
    /// the file, and a known DIB header size. Plain text starting "BM" fails this.
    static func isBMP(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 26, has(b, "BM") else { return false }
        let reserved = le32(b, 6)
        let dataOffset = Int(le32(b, 10))
        let dibSize = le32(b, 14)
        return reserved == 0 && dataOffset >= 26 && dataOffset <= b.count
            && [12, 16, 40, 52, 56, 64, 108, 124].contains(dibSize)
    }

    /// ISO base media ("ftyp" box): HEIC/HEIF photos (iPhone default) and video.
    static func isoMediaKind(_ b: UnsafeBufferPointer<UInt8>) -> FileKind {
        let brand = String(decoding: UnsafeBufferPointer(rebasing: b[8..<12]), as: UTF8.self)
        switch brand {
        case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1": return .other("image/heic")
        case "avif", "avis": return .other("image/avif")
        case "qt  ": return .other("video/quicktime")
        default: return .other("video/mp4")
        }
    }

    /// OLE2 compound file: tell Word from PowerPoint (and Excel, Outlook .msg) by the stream
    /// names stored UTF-16LE in its directory. Scanning for the names is cheaper than walking
    /// the FAT chain and just as decisive for these well-known streams.
    static func ole2Kind(_ b: UnsafeBufferPointer<UInt8>) -> FileKind {
        func utf16(_ s: String) -> [UInt8] { s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        if find(utf16("WordDocument"), in: b) != nil { return .doc }
        if find(utf16("PowerPoint Document"), in: b) != nil { return .ppt }
        if find(utf16("Workbook"), in: b) != nil { return .other("application/vnd.ms-excel") }
        if find(utf16("__substg1.0_"), in: b) != nil { return .other("application/vnd.ms-outlook") }
        return .ole2
    }

    /// HTML heuristics: no NULs, and an html/head/body tag or doctype near the start.
    static func looksLikeHTML(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let head = UnsafeBufferPointer(rebasing: b[0..<min(b.count, 1024)])
        if head.contains(0) { return false }
        let lower = head.map { ($0 >= 65 && $0 <= 90) ? $0 | 0x20 : $0 }
        return lower.withUnsafeBufferPointer { l in
            ["<!doctype html", "<html", "<head>", "<body"].contains { find(Array($0.utf8), in: l) != nil }
        }
    }

    /// Text: valid UTF-8 (ASCII included) with no NULs and only ordinary control characters
    /// (tab, line feed, carriage return, form feed, escape), or UTF-16 with a byte-order mark.
    static func isText(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) {
            return b.count % 2 == 0
        }
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C && c != 0x1B { return false }
                if c == 0x7F { return false }
                i += 1
                continue
            }
            let len: Int
            if c & 0xE0 == 0xC0, c >= 0xC2 { len = 2 } else if c & 0xF0 == 0xE0 { len = 3 } else if c & 0xF8 == 0xF0, c <= 0xF4 { len = 4 } else { return false }
            guard i + len <= n else { return false }
            for k in 1..<len where b[i + k] & 0xC0 != 0x80 { return false }
            if len == 3 {
                let c1 = b[i + 1]
                if (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) { return false }
            } else if len == 4 {
                let c1 = b[i + 1]
                if (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90) { return false }
            }
            i += len
        }
        return true
    }

    // MARK: - Byte helpers

    static func le16(_ b: UnsafeBufferPointer<UInt8>, _ o: Int) -> UInt32 {
        UInt32(b[o]) | UInt32(b[o + 1]) << 8
    }

    static func le32(_ b: UnsafeBufferPointer<UInt8>, _ o: Int) -> UInt32 {
        UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
    }

    /// First index of `needle` in `hay`, or nil (first-byte scan; the needles here are short).
    static func find(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, hay.count >= needle.count else { return nil }
        let last = hay.count - needle.count
        var i = 0
        outer: while i <= last {
            if hay[i] != first {
                i += 1
                continue
            }
            for k in 1..<needle.count where hay[i + k] != needle[k] {
                i += 1
                continue outer
            }
            return i
        }
        return nil
    }
}

/// Checks an image by its own structure, not only its magic number: a JPEG cut off in
/// transfer, a PNG whose data stops halfway or a GIF without its trailer starts like a good
/// file, and only its structure shows that no viewer will open it. The verdict also carries
/// the picture's size in pixels, read from its headers, which decides whether an inline
/// picture belongs to the message body (a logo, a signature banner) or to the request.
///
/// Pure and bounded: bounds-checked reads over the bytes, no copies of the pixel data. Only
/// PNG decompresses anything (its IDAT stream, through zlib, into a fixed scratch buffer that
/// is counted and thrown away); JPEG and GIF are walked segment by segment.
public enum ImageStructure {
    /// A picture's size in pixels, as its header states it.
    public struct Dimensions: Sendable, Hashable, CustomStringConvertible {
        public var width: Int
        public var height: Int

        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }

        /// The shorter side, in pixels.
        public var shortSide: Int { min(width, height) }
        /// Long side over short side (1 for a square, 7.5 for a 600 × 80 banner).
        public var aspectRatio: Double { Double(max(width, height)) / Double(max(1, shortSide)) }
        public var description: String { "\(width) × \(height) pixels" }
    }

    /// What the structure says.
    public enum Verdict: Sendable, Equatable {
        /// Every structure the format requires is present and whole.
        case sound(Dimensions)
        /// Damaged or cut off, with the reason in words for the administrator.
        case broken(String)
    }

    /// The formats whose structure is checked: the image types the form accepts, and the
    /// report types that are pictures (bmp, tif).
    public static func isChecked(_ kind: FileKind) -> Bool {
        switch kind {
        case .jpeg, .png, .gif, .bmp, .tiff: true
        default: false
        }
    }

    /// The full check of `bytes` as `kind`, or nil for a kind that is not checked.
    public static func check(_ bytes: [UInt8], kind: FileKind) -> Verdict? {
        guard isChecked(kind) else { return nil }
        return bytes.withUnsafeBufferPointer { b in
            do throws(ImageDefect) {
                return .sound(try read(b, kind: kind, headerOnly: false))
            } catch {
                return .broken(error.detail)
            }
        }
    }

    /// The size in pixels from the header alone (no scan data walked, nothing inflated), or
    /// nil when `bytes` is not a checked image kind or its header is unreadable.
    public static func dimensions(_ bytes: [UInt8]) -> Dimensions? {
        let kind = FileTypeSniffer.sniff(bytes)
        guard isChecked(kind) else { return nil }
        return bytes.withUnsafeBufferPointer { b in try? read(b, kind: kind, headerOnly: true) }
    }

    static func read(_ b: UnsafeBufferPointer<UInt8>, kind: FileKind, headerOnly: Bool) throws(ImageDefect) -> Dimensions {
        switch kind {
        case .jpeg: return try JPEGStructure.read(b, headerOnly: headerOnly)
        case .png: return try PNGStructure.read(b, headerOnly: headerOnly)
        case .gif: return try GIFStructure.read(b, headerOnly: headerOnly)
        case .bmp: return try BMPStructure.read(b)
        case .tiff: return try TIFFStructure.read(b)
        default: throw ImageDefect("not an image format that can be checked")
        }
    }
}

/// Why an image's structure is broken, in words.
struct ImageDefect: Error, Equatable {
    var detail: String
    init(_ detail: String) { self.detail = detail }

    /// The file ends where the structure says more must follow.
    static func cutOff(_ what: String) -> ImageDefect { ImageDefect("the file is cut off (\(what))") }
}

/// Big- and little-endian reads shared by the format checkers; callers check bounds first.
enum ImageBytes {
    static func be16(_ b: UnsafeBufferPointer<UInt8>, _ o: Int) -> Int { Int(b[o]) << 8 | Int(b[o + 1]) }
    static func be32(_ b: UnsafeBufferPointer<UInt8>, _ o: Int) -> Int {
        Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3])
    }
    static func le16(_ b: UnsafeBufferPointer<UInt8>, _ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 }
    static func le32(_ b: UnsafeBufferPointer<UInt8>, _ o: Int) -> Int {
        Int(b[o]) | Int(b[o + 1]) << 8 | Int(b[o + 2]) << 16 | Int(b[o + 3]) << 24
    }
}

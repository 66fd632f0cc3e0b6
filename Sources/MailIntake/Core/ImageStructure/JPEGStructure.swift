import Foundation

/// JPEG (ITU T.81 Annex B): start-of-image, marker segments each with its length, a frame
/// header (SOFn) giving the size, one or more scans (SOS) of entropy-coded data, end-of-image.
///
/// Segments are skipped by their stated length, so a thumbnail inside EXIF (a whole JPEG of
/// its own, EOI included) cannot end the walk early. Entropy-coded data is crossed with
/// `memchr` for 0xFF: inside a scan, FF 00 is a stuffed byte and FF D0–D7 a restart marker;
/// any other FF xx ends the scan.
enum JPEGStructure {
    // T.81 B.1.1.3: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    static func isFrameHeader(_ m: UInt8) -> Bool { (0xC0...0xCF).contains(m) && m != 0xC4 && m != 0xC8 && m != 0xCC }

    static func read(_ b: UnsafeBufferPointer<UInt8>, headerOnly: Bool) throws(ImageDefect) -> ImageStructure.Dimensions {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { throw ImageDefect("no JPEG start-of-image marker") }
        var p = 2
        var size: ImageStructure.Dimensions?
        var scans = 0
        func cutOff() -> ImageDefect {
            if size == nil { return .cutOff("no frame header") }
            return scans == 0 ? .cutOff("no image data") : .cutOff("no end-of-image marker")
        }
        while true {
            guard p < b.count else { throw cutOff() }
            guard b[p] == 0xFF else {
                throw ImageDefect(size == nil ? "damaged before its frame header (no marker at byte \(p))" : "damaged (no marker at byte \(p))")
            }
            // B.1.1.2: any marker may be preceded by fill bytes 0xFF.
            while p < b.count, b[p] == 0xFF { p += 1 }
            guard p < b.count else { throw cutOff() }
            let marker = b[p]
            p += 1
            switch marker {
            case 0xD9:  // EOI
                guard let size else { throw ImageDefect("ends without a frame header") }
                guard scans > 0 else { throw ImageDefect("ends without any image data") }
                return size
            case 0xD0...0xD7, 0x01:  // RSTn and TEM stand alone
                continue
            case 0x00, 0xD8:
                throw ImageDefect("damaged (unexpected marker at byte \(p - 2))")
            default:
                guard p + 2 <= b.count else { throw cutOff() }
                let length = ImageBytes.be16(b, p)
                guard length >= 2 else { throw ImageDefect("damaged (a segment of length \(length))") }
                guard p + length <= b.count else { throw cutOff() }
                if isFrameHeader(marker) {
                    // B.2.2: Lf, P, Y (lines), X (samples per line), Nf …
                    guard length >= 8 else { throw ImageDefect("the frame header is too short") }
                    let height = ImageBytes.be16(b, p + 3)
                    let width = ImageBytes.be16(b, p + 5)
                    guard width > 0, height > 0 else { throw ImageDefect("the frame header gives no picture size") }
                    size = .init(width: width, height: height)
                    if headerOnly { return size! }
                } else if marker == 0xDA {  // SOS
                    guard size != nil else { throw ImageDefect("image data comes before any frame header") }
                    p = try endOfScan(b, from: p + length)
                    scans += 1
                    continue
                }
                p += length
            }
        }
    }

    /// The offset of the marker that ends the entropy-coded data starting at `start`.
    static func endOfScan(_ b: UnsafeBufferPointer<UInt8>, from start: Int) throws(ImageDefect) -> Int {
        guard let base = b.baseAddress else { throw .cutOff("no end-of-image marker") }
        var p = start
        while p < b.count {
            guard let hit = memchr(base + p, 0xFF, b.count - p) else { break }
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard i + 1 < b.count else { break }
            let next = b[i + 1]
            if next == 0x00 || (0xD0...0xD7).contains(next) {
                p = i + 2
                continue
            }
            return i
        }
        throw .cutOff("no end-of-image marker")
    }
}

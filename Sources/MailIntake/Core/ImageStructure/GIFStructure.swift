/// GIF (87a/89a): header, logical screen descriptor, optional global colour table, then
/// blocks (extensions 0x21 and images 0x2C, each carrying data sub-blocks ended by a zero
/// length) up to the trailer 0x3B. A file that stops inside a block or before the trailer is
/// cut off; a byte that starts no known block is damage.
enum GIFStructure {
    static func read(_ b: UnsafeBufferPointer<UInt8>, headerOnly: Bool) throws(ImageDefect) -> ImageStructure.Dimensions {
        guard b.count >= 13 else { throw .cutOff("no screen descriptor") }
        var width = ImageBytes.le16(b, 6)
        var height = ImageBytes.le16(b, 8)
        let flags = b[10]
        var p = 13 + (flags & 0x80 != 0 ? 3 << (Int(flags & 0x07) + 1) : 0)
        if headerOnly, width > 0, height > 0 { return .init(width: width, height: height) }
        var images = 0
        while true {
            guard p < b.count else { throw .cutOff(images == 0 ? "no image data" : "no trailer") }
            switch b[p] {
            case 0x3B:
                guard images > 0 else { throw ImageDefect("holds no image") }
                guard width > 0, height > 0 else { throw ImageDefect("gives no picture size") }
                return .init(width: width, height: height)
            case 0x21:
                guard p + 2 <= b.count else { throw .cutOff("inside an extension") }
                p = try skipSubBlocks(b, from: p + 2)
            case 0x2C:
                // Image descriptor: separator, left, top, width, height, packed flags.
                guard p + 11 <= b.count else { throw .cutOff("inside an image descriptor") }
                let w = ImageBytes.le16(b, p + 5)
                let h = ImageBytes.le16(b, p + 7)
                guard w > 0, h > 0 else { throw ImageDefect("an image of the file has no size") }
                if width == 0 || height == 0 {
                    width = w
                    height = h
                }
                if headerOnly { return .init(width: width, height: height) }
                let local = b[p + 9]
                p += 10 + (local & 0x80 != 0 ? 3 << (Int(local & 0x07) + 1) : 0)
                guard p < b.count else { throw .cutOff("inside an image") }
                let codeSize = b[p]
                guard (1...11).contains(codeSize) else { throw ImageDefect("damaged (LZW code size \(codeSize))") }
                p = try skipSubBlocks(b, from: p + 1)
                images += 1
            default:
                throw ImageDefect("damaged (unknown block 0x\(String(b[p], radix: 16)) at byte \(p))")
            }
        }
    }

    /// The offset just past the zero-length block that ends the sub-blocks at `start`.
    static func skipSubBlocks(_ b: UnsafeBufferPointer<UInt8>, from start: Int) throws(ImageDefect) -> Int {
        var p = start
        while true {
            guard p < b.count else { throw .cutOff("inside a data block") }
            let n = Int(b[p])
            p += 1
            if n == 0 { return p }
            guard p + n <= b.count else { throw .cutOff("inside a data block") }
            p += n
        }
    }
}

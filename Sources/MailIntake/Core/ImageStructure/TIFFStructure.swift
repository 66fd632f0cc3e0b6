/// TIFF (6.0, classic, not BigTIFF): the byte-order header, the first image file directory
/// inside the file, a width and a height, and image data (strips or tiles) whose every
/// offset and byte count lies inside the file. A scan cut off in transfer loses its last
/// strips: their offsets point past the end.
enum TIFFStructure {
    static let maxValues = 1_000_000

    static func read(_ b: UnsafeBufferPointer<UInt8>) throws(ImageDefect) -> ImageStructure.Dimensions {
        guard b.count >= 8 else { throw .cutOff("no TIFF header") }
        let little = b[0] == 0x49
        func u16(_ o: Int) -> Int { little ? ImageBytes.le16(b, o) : ImageBytes.be16(b, o) }
        func u32(_ o: Int) -> Int { little ? ImageBytes.le32(b, o) : ImageBytes.be32(b, o) }
        let ifd = u32(4)
        guard ifd >= 8, ifd + 2 <= b.count else { throw .cutOff("the image directory lies past the end") }
        let count = u16(ifd)
        guard ifd + 2 + 12 * count + 4 <= b.count else { throw .cutOff("inside the image directory") }
        var fields: [Int: [Int]] = [:]
        for i in 0..<count {
            let e = ifd + 2 + 12 * i
            let tag = u16(e)
            guard [256, 257, 273, 279, 324, 325].contains(tag) else { continue }
            let type = u16(e + 2)
            let n = u32(e + 4)
            // SHORT (3) and LONG (4) are the types these tags use.
            guard type == 3 || type == 4, n >= 1, n <= maxValues else {
                throw ImageDefect("the image directory is damaged (tag \(tag))")
            }
            let width = type == 3 ? 2 : 4
            let start = n * width <= 4 ? e + 8 : u32(e + 8)
            guard start + n * width <= b.count else { throw .cutOff("tag \(tag) points past the end") }
            fields[tag] = (0..<n).map { type == 3 ? u16(start + $0 * 2) : u32(start + $0 * 4) }
        }
        guard let w = fields[256]?.first, let h = fields[257]?.first, w > 0, h > 0 else {
            throw ImageDefect("the image directory gives no picture size")
        }
        let pieces = fields[273].map { ($0, fields[279]) } ?? fields[324].map { ($0, fields[325]) }
        guard let (offsets, counts) = pieces, let counts, offsets.count == counts.count else {
            throw ImageDefect("the image directory does not say where the image data is")
        }
        for (o, n) in zip(offsets, counts) where o + n > b.count {
            throw .cutOff("the image data runs past the end")
        }
        return .init(width: w, height: h)
    }
}

/// BMP: the file header and the DIB header make sense together, and the pixel array they
/// describe lies inside the file. `FileTypeSniffer.isBMP` has already checked the magic,
/// the reserved words and the DIB header size.
enum BMPStructure {
    static func read(_ b: UnsafeBufferPointer<UInt8>) throws(ImageDefect) -> ImageStructure.Dimensions {
        guard b.count >= 26 else { throw .cutOff("no bitmap header") }
        let dataOffset = ImageBytes.le32(b, 10)
        let dibSize = ImageBytes.le32(b, 14)
        guard b.count >= 14 + dibSize else { throw .cutOff("inside the bitmap header") }
        let width: Int
        let height: Int
        let bitsPerPixel: Int
        var compression = 0
        var imageSize = 0
        if dibSize == 12 {  // OS/2 BITMAPCOREHEADER: 16-bit sizes
            width = ImageBytes.le16(b, 18)
            height = ImageBytes.le16(b, 20)
            bitsPerPixel = ImageBytes.le16(b, 24)
        } else {
            width = Int(Int32(truncatingIfNeeded: ImageBytes.le32(b, 18)))
            height = abs(Int(Int32(truncatingIfNeeded: ImageBytes.le32(b, 22))))  // negative: top-down rows
            bitsPerPixel = ImageBytes.le16(b, 28)
            if dibSize >= 40 {
                compression = ImageBytes.le32(b, 30)
                imageSize = ImageBytes.le32(b, 34)
            }
        }
        guard width > 0, height > 0 else { throw ImageDefect("the header gives no picture size") }
        guard [1, 2, 4, 8, 16, 24, 32].contains(bitsPerPixel) else {
            throw ImageDefect("the header is damaged (\(bitsPerPixel) bits per pixel)")
        }
        switch compression {
        case 0, 3, 6:  // uncompressed rows, padded to 4 bytes (BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS)
            let stride = (width * bitsPerPixel + 31) / 32 * 4
            guard dataOffset + stride * height <= b.count else {
                throw .cutOff("the pixel data is shorter than the header says")
            }
        case 1, 2, 4, 5:  // RLE8, RLE4, embedded JPEG or PNG: only the stated size can be checked
            guard imageSize == 0 || dataOffset + imageSize <= b.count else {
                throw .cutOff("the pixel data is shorter than the header says")
            }
        default:
            throw ImageDefect("the header is damaged (compression \(compression))")
        }
        return .init(width: width, height: height)
    }
}

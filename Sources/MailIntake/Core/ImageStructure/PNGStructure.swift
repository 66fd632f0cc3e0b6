import CZlib

/// PNG (ISO/IEC 15948): the signature, IHDR first, every chunk whole with a matching CRC-32,
/// consecutive IDAT chunks whose zlib stream inflates completely to exactly the bytes the
/// header's size, colour type, bit depth and interlacing call for, and IEND.
///
/// The inflate is the expensive part (see docs/rules.md for the measured cost). It is
/// bounded by `maxRawBytes`: a header that announces a larger picture is refused rather than
/// spending seconds of CPU on what may be a decompression bomb.
enum PNGStructure {
    /// The most pixel data (filter bytes included) a picture may hold: 512 MiB, e.g.
    /// 11,500 × 11,500 RGBA at 8 bits. No photograph or scan sent by email comes near it.
    static let maxRawBytes = 512 * 1024 * 1024
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The IHDR fields the check needs.
    struct Header {
        var width: Int
        var height: Int
        var bitDepth: Int
        var colourType: Int
        var interlaced: Bool

        /// Bits per pixel: samples per pixel (by colour type) times the bit depth.
        var bitsPerPixel: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colourType, default: 0] * bitDepth }

        /// Bytes the inflated IDAT stream must hold: per row one filter byte and the packed
        /// pixels; for Adam7, the same over the seven reduced images.
        var rawBytes: Int {
            func image(_ w: Int, _ h: Int) -> Int { w == 0 || h == 0 ? 0 : h * (1 + (w * bitsPerPixel + 7) / 8) }
            guard interlaced else { return image(width, height) }
            let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            return passes.reduce(0) { sum, pass in
                let (x0, y0, dx, dy) = pass
                let w = width > x0 ? (width - x0 + dx - 1) / dx : 0
                let h = height > y0 ? (height - y0 + dy - 1) / dy : 0
                return sum + image(w, h)
            }
        }
    }

    static func read(_ b: UnsafeBufferPointer<UInt8>, headerOnly: Bool) throws(ImageDefect) -> ImageStructure.Dimensions {
        guard b.count >= 8, (0..<8).allSatisfy({ b[$0] == signature[$0] }) else { throw ImageDefect("no PNG signature") }
        var p = 8
        var header: Header?
        var inflater: ZlibStreamCheck?
        var idatEnded = false
        while true {
            guard p + 8 <= b.count else { throw .cutOff(header == nil ? "no header chunk" : "no end chunk") }
            let length = ImageBytes.be32(b, p)
            let type = String(decoding: UnsafeBufferPointer(rebasing: b[(p + 4)..<(p + 8)]), as: UTF8.self)
            guard length <= 0x7FFF_FFFF, (p + 4..<p + 8).allSatisfy({ isLetter(b[$0]) }) else {
                throw ImageDefect("damaged (no chunk at byte \(p))")
            }
            guard p + 12 + length <= b.count else { throw .cutOff("inside the \(type) chunk") }
            let stated = UInt(ImageBytes.be32(b, p + 8 + length))
            let computed = crc32(0, b.baseAddress! + p + 4, UInt32(length + 4))
            guard stated == computed else { throw ImageDefect("the \(type) chunk is corrupt (checksum mismatch)") }
            let data = UnsafeBufferPointer(rebasing: b[(p + 8)..<(p + 8 + length)])
            if header == nil {
                guard type == "IHDR" else { throw ImageDefect("the first chunk is \(type), not the header") }
                let h = try readHeader(data)
                header = h
                if headerOnly { return .init(width: h.width, height: h.height) }
                guard h.rawBytes <= maxRawBytes else {
                    throw ImageDefect("the picture is too large to open (\(h.width) × \(h.height) pixels)")
                }
                inflater = try ZlibStreamCheck(limit: h.rawBytes)
            } else if type == "IDAT" {
                guard !idatEnded else { throw ImageDefect("damaged (image data chunks are not together)") }
                try inflater?.feed(data)
            } else if type == "IEND" {
                guard let header, let inflater, inflater.produced > 0 || inflater.finished else {
                    throw ImageDefect("holds no image data")
                }
                guard inflater.finished else { throw .cutOff("the image data stops before the picture is complete") }
                guard inflater.produced == header.rawBytes else {
                    throw ImageDefect("the image data holds \(inflater.produced) bytes where the picture needs \(header.rawBytes)")
                }
                return .init(width: header.width, height: header.height)
            } else if inflater.map({ $0.produced > 0 || $0.finished }) == true {
                idatEnded = true
            }
            p += 12 + length
        }
    }

    /// IHDR (§11.2.2): width, height, bit depth, colour type, compression 0, filter 0,
    /// interlace 0 or 1, in the combinations the standard allows.
    static func readHeader(_ d: UnsafeBufferPointer<UInt8>) throws(ImageDefect) -> Header {
        guard d.count == 13 else { throw ImageDefect("the header chunk has the wrong length") }
        let h = Header(
            width: ImageBytes.be32(d, 0), height: ImageBytes.be32(d, 4), bitDepth: Int(d[8]), colourType: Int(d[9]),
            interlaced: d[12] == 1)
        let depths: [Int: Set<Int>] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard h.width > 0, h.height > 0, h.width <= 0x7FFF_FFFF, h.height <= 0x7FFF_FFFF else {
            throw ImageDefect("the header gives no valid picture size")
        }
        guard depths[h.colourType]?.contains(h.bitDepth) == true, d[10] == 0, d[11] == 0, d[12] <= 1 else {
            throw ImageDefect("the header is damaged (colour type \(h.colourType), bit depth \(h.bitDepth))")
        }
        // Refuse sizes whose byte count would not even fit the arithmetic below the limit.
        guard h.width <= maxRawBytes, h.height <= maxRawBytes else {
            throw ImageDefect("the picture is too large to open (\(h.width) × \(h.height) pixels)")
        }
        return h
    }

    static func isLetter(_ c: UInt8) -> Bool { (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) }
}

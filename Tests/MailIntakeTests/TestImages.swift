import CZlib
import Foundation

/// Images built byte by byte at test time, valid unless asked otherwise, so that the
/// structure checks are tested without binary fixtures.
enum TestImages {
    static func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func be32(_ v: Int) -> [UInt8] { be16(v >> 16) + be16(v) }

    // MARK: JPEG

    /// A marker segment: FF, marker, length (including itself), data.
    static func segment(_ marker: UInt8, _ data: [UInt8]) -> [UInt8] { [0xFF, marker] + be16(data.count + 2) + data }

    /// A baseline greyscale JPEG: one-code Huffman tables, every 8×8 block "DC 0, end of
    /// block", so the scan is `blocks` zero bits padded with ones. `comment` makes files
    /// distinct; `app1` is put in as an APP1 segment (an EXIF thumbnail, say); `scan`
    /// replaces the entropy-coded data.
    static func jpeg(width: Int = 16, height: Int = 8, comment: String = "test", app1: [UInt8]? = nil, scan: [UInt8]? = nil) -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        out += segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
        if let app1 { out += segment(0xE1, app1) }
        out += segment(0xFE, Array(comment.utf8))
        out += segment(0xDB, [0] + [UInt8](repeating: 1, count: 64))
        out += segment(0xC0, [8] + be16(height) + be16(width) + [1, 1, 0x11, 0])
        let bits: [UInt8] = [1] + [UInt8](repeating: 0, count: 15)
        out += segment(0xC4, [0x00] + bits + [0])
        out += segment(0xC4, [0x10] + bits + [0])
        out += segment(0xDA, [1, 1, 0, 0, 0x3F, 0])
        let blocks = ((width + 7) / 8) * ((height + 7) / 8)
        out += scan ?? packedZeroBits(2 * blocks)
        return out + [0xFF, 0xD9]
    }

    /// `count` zero bits, padded with one bits to a whole byte.
    static func packedZeroBits(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count / 8)
        if count % 8 != 0 { bytes.append(UInt8(0xFF >> (count % 8))) }
        return bytes
    }

    // MARK: PNG

    static func chunk(_ type: String, _ data: [UInt8], crc: UInt32? = nil) -> [UInt8] {
        let body = Array(type.utf8) + data
        let sum = crc ?? UInt32(body.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) })
        return be32(data.count) + body + be32(Int(sum))
    }

    /// A zlib stream (RFC 1950) of `data`.
    static func zlibCompressed(_ data: [UInt8]) -> [UInt8] {
        var size = compressBound(UInt(data.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        _ = compress(&out, &size, data, UInt(data.count))
        return Array(out[0..<Int(size)])
    }

    /// The raw (filtered) pixel bytes of a picture: filter 0 per row, a simple pattern.
    static func pngRaw(width: Int, height: Int, bitsPerPixel: Int) -> [UInt8] {
        let row = (width * bitsPerPixel + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (row + 1))
        for y in 0..<height {
            raw.append(0)
            for x in 0..<row { raw.append(UInt8(truncatingIfNeeded: x &* 7 &+ y &* 13)) }
        }
        return raw
    }

    /// The raw bytes of an Adam7-interlaced picture: the seven reduced images one after
    /// the other, pixels counted one by one (not by the formula the checker uses).
    static func pngRawInterlaced(width: Int, height: Int, bitsPerPixel: Int) -> [UInt8] {
        let passes: [[Int]] = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]]
        var raw: [UInt8] = []
        for pass in passes {
            var w = 0
            var x = pass[0]
            while x < width { w += 1; x += pass[2] }
            var h = 0
            var y = pass[1]
            while y < height { h += 1; y += pass[3] }
            if w > 0, h > 0 { raw += pngRaw(width: w, height: h, bitsPerPixel: bitsPerPixel) }
        }
        return raw
    }

    /// A PNG (by default RGB, 8-bit, non-interlaced); `idat` replaces the compressed data,
    /// `splitIDAT` spreads it over several chunks.
    static func png(
        width: Int = 4, height: Int = 3, colourType: UInt8 = 2, bitDepth: UInt8 = 8, interlaced: Bool = false,
        idat: [UInt8]? = nil, splitIDAT: Int = 1, extra: [UInt8] = []
    ) -> [UInt8] {
        let samples = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(colourType)]!
        let bpp = samples * Int(bitDepth)
        let data = idat
            ?? zlibCompressed(
                interlaced
                    ? pngRawInterlaced(width: width, height: height, bitsPerPixel: bpp)
                    : pngRaw(width: width, height: height, bitsPerPixel: bpp))
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out += chunk("IHDR", be32(width) + be32(height) + [bitDepth, colourType, 0, 0, interlaced ? 1 : 0])
        if colourType == 3 { out += chunk("PLTE", [0, 0, 0, 255, 255, 255]) }
        out += chunk("tEXt", Array("Comment\0test".utf8) + extra)
        let piece = max(1, (data.count + splitIDAT - 1) / splitIDAT)
        var i = 0
        repeat {
            out += chunk("IDAT", Array(data[i..<min(i + piece, data.count)]))
            i += piece
        } while i < data.count
        return out + chunk("IEND", [])
    }

    // MARK: GIF

    /// A GIF89a with a global colour table, a graphic control extension, one image
    /// (LZW code size 2, the data in one sub-block) and the trailer.
    static func gif(width: Int = 1, height: Int = 1) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        var out = Array("GIF89a".utf8) + le16(width) + le16(height) + [0x80, 0, 0]
        out += [0xFF, 0xFF, 0xFF, 0, 0, 0]  // two colours
        out += [0x21, 0xF9, 4, 0, 0, 0, 0, 0]  // graphic control extension
        out += [0x2C] + le16(0) + le16(0) + le16(width) + le16(height) + [0]
        out += [2, 2, 0x44, 0x01, 0]
        return out + [0x3B]
    }

    // MARK: BMP and TIFF

    /// A 24-bit bottom-up BMP with its whole pixel array.
    static func bmp(width: Int = 3, height: Int = 2) -> [UInt8] {
        func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8(v >> (8 * $0) & 0xFF) } }
        let stride = (width * 24 + 31) / 32 * 4
        let pixels = stride * height
        var out = Array("BM".utf8) + le(54 + pixels, 4) + le(0, 4) + le(54, 4)
        out += le(40, 4) + le(width, 4) + le(height, 4) + le(1, 2) + le(24, 2) + le(0, 4) + le(pixels, 4)
        out += le(2835, 4) + le(2835, 4) + le(0, 4) + le(0, 4)
        return out + [UInt8](repeating: 0x80, count: pixels)
    }

    /// A little-endian greyscale TIFF with one strip holding every pixel.
    static func tiff(width: Int = 4, height: Int = 2) -> [UInt8] {
        func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8(v >> (8 * $0) & 0xFF) } }
        func entry(_ tag: Int, _ type: Int, _ value: Int) -> [UInt8] { le(tag, 2) + le(type, 2) + le(1, 4) + le(value, 4) }
        let entries = 6
        let stripOffset = 8 + 2 + 12 * entries + 4
        var out: [UInt8] = [0x49, 0x49, 0x2A, 0] + le(8, 4) + le(entries, 2)
        out += entry(256, 3, width) + entry(257, 3, height) + entry(258, 3, 8) + entry(262, 3, 1)
        out += entry(273, 4, stripOffset) + entry(279, 4, width * height)
        out += le(0, 4)
        return out + [UInt8](repeating: 0x40, count: width * height)
    }
}

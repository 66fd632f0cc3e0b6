import Foundation
import Testing

@testable import MailIntake

/// Images checked by their structure: whole ones pass with their size; every cut, every
/// damaged checksum, magic bytes followed by noise are `broken`.
@Suite struct ImageStructureTests {
    typealias Dimensions = ImageStructure.Dimensions

    static let whole: [(String, [UInt8], FileKind, Dimensions)] = [
        ("JPEG 16×8", TestImages.jpeg(), .jpeg, .init(width: 16, height: 8)),
        ("JPEG 4032×3024 header", TestImages.jpeg(width: 4032, height: 3024, scan: TestImages.packedZeroBits(2 * 504 * 378)), .jpeg,
         .init(width: 4032, height: 3024)),
        ("PNG RGB 4×3", TestImages.png(), .png, .init(width: 4, height: 3)),
        ("PNG data over five IDAT chunks", TestImages.png(width: 40, height: 30, splitIDAT: 5), .png, .init(width: 40, height: 30)),
        ("PNG interlaced 13×9", TestImages.png(width: 13, height: 9, interlaced: true), .png, .init(width: 13, height: 9)),
        ("PNG palette 1-bit 17×5", TestImages.png(width: 17, height: 5, colourType: 3, bitDepth: 1), .png, .init(width: 17, height: 5)),
        ("PNG grey+alpha 16-bit", TestImages.png(width: 3, height: 3, colourType: 4, bitDepth: 16), .png, .init(width: 3, height: 3)),
        ("GIF 1×1", TestImages.gif(), .gif, .init(width: 1, height: 1)),
        ("GIF 600×80", TestImages.gif(width: 600, height: 80), .gif, .init(width: 600, height: 80)),
        ("BMP 3×2", TestImages.bmp(), .bmp, .init(width: 3, height: 2)),
        ("TIFF 4×2", TestImages.tiff(), .tiff, .init(width: 4, height: 2)),
    ]

    @Test(arguments: whole.indices)
    func wholeImagesAreSoundWithTheirSize(_ i: Int) {
        let (name, bytes, kind, size) = Self.whole[i]
        #expect(FileTypeSniffer.sniff(bytes) == kind, "\(name)")
        #expect(ImageStructure.check(bytes, kind: kind) == .sound(size), "\(name)")
        #expect(ImageStructure.dimensions(bytes) == size, "\(name)")
    }

    /// Cutting a file anywhere (after its magic number) must never pass: the last byte of
    /// each of these formats is structure (EOI, IEND's CRC, the GIF trailer, the last pixel).
    @Test(arguments: whole.indices.filter { Self.whole[$0].1.count < 5_000 })
    func everyCutIsBroken(_ i: Int) {
        let (name, bytes, kind, _) = Self.whole[i]
        for length in 4..<bytes.count {
            let verdict = ImageStructure.check(Array(bytes[0..<length]), kind: kind)
            guard case .broken = verdict else {
                Issue.record("\(name) cut at \(length) of \(bytes.count) passed: \(String(describing: verdict))")
                return
            }
        }
    }

    @Test func aJPEGOfMagicBytesThenNoiseHasNoFrameHeader() {
        var noise = SplitMix(seed: 42)
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1]
            + (0..<20_000).map { _ in noise.byte() }
        guard case .broken(let why) = ImageStructure.check(bytes, kind: .jpeg) else {
            Issue.record("noise passed")
            return
        }
        #expect(why.contains("frame header"))
    }

    @Test func aJPEGCutInItsScanSaysItHasNoEndMarker() {
        let bytes = TestImages.jpeg(width: 64, height: 64)
        #expect(ImageStructure.check(Array(bytes.dropLast(2)), kind: .jpeg) == .broken("the file is cut off (no end-of-image marker)"))
    }

    @Test func aJPEGScanWithStuffedBytesAndRestartMarkersIsWhole() {
        // FF 00 is a stuffed FF; FF D0–D7 restart the decoder: neither ends the scan.
        let scan: [UInt8] = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD7, 0x00]
        #expect(ImageStructure.check(TestImages.jpeg(scan: scan), kind: .jpeg) == .sound(.init(width: 16, height: 8)))
    }

    @Test func anEXIFThumbnailsEndMarkerDoesNotEndTheWalk() {
        // The thumbnail is a whole JPEG inside APP1; the main picture is then cut off.
        let withThumb = TestImages.jpeg(width: 640, height: 480, app1: Array("Exif\0\0".utf8) + TestImages.jpeg())
        #expect(ImageStructure.check(withThumb, kind: .jpeg) == .sound(.init(width: 640, height: 480)))
        let cut = Array(withThumb.prefix(withThumb.count - 30))
        #expect(ImageStructure.check(cut, kind: .jpeg) == .broken("the file is cut off (no end-of-image marker)"))
    }

    @Test func aJPEGWithoutAFrameHeaderIsBroken() {
        var bytes = TestImages.jpeg()
        // Turn SOF0 into a comment (COM): same length, no size anywhere.
        let sof = (0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 }!
        bytes[sof + 1] = 0xFE
        #expect(ImageStructure.check(bytes, kind: .jpeg) == .broken("image data comes before any frame header"))
    }

    @Test func aPNGWhoseDataStopsHalfwayIsCutOff() {
        let full = TestImages.zlibCompressed(TestImages.pngRaw(width: 50, height: 50, bitsPerPixel: 24))
        // Chunks and CRCs all correct: only the compressed stream is short.
        let half = TestImages.png(width: 50, height: 50, idat: Array(full.prefix(full.count / 2)))
        #expect(ImageStructure.check(half, kind: .png) == .broken("the file is cut off (the image data stops before the picture is complete)"))
    }

    @Test func aPNGWithAFlippedBitFailsItsChecksum() {
        var bytes = TestImages.png(width: 20, height: 20)
        let idat = (0..<bytes.count - 4).first { Array(bytes[$0..<$0 + 4]) == Array("IDAT".utf8) }!
        bytes[idat + 10] ^= 0x04
        #expect(ImageStructure.check(bytes, kind: .png) == .broken("the IDAT chunk is corrupt (checksum mismatch)"))
    }

    @Test func aPNGWhoseDataDoesNotMatchItsSizeIsBroken() {
        let bigger = TestImages.zlibCompressed(TestImages.pngRaw(width: 8, height: 8, bitsPerPixel: 24))
        guard case .broken(let why) = ImageStructure.check(TestImages.png(width: 4, height: 4, idat: bigger), kind: .png) else {
            Issue.record("too much data passed")
            return
        }
        #expect(why.contains("more than the picture's size"))
        let smaller = TestImages.zlibCompressed(TestImages.pngRaw(width: 2, height: 2, bitsPerPixel: 24))
        guard case .broken(let why2) = ImageStructure.check(TestImages.png(width: 4, height: 4, idat: smaller), kind: .png) else {
            Issue.record("too little data passed")
            return
        }
        #expect(why2.contains("where the picture needs"))
    }

    @Test func aPNGAnnouncingAnEnormousPictureIsRefusedWithoutInflating() {
        let tiny = TestImages.zlibCompressed([0])
        let bytes = TestImages.png(width: 100_000, height: 100_000, idat: tiny)
        #expect(ImageStructure.check(bytes, kind: .png) == .broken("the picture is too large to open (100000 × 100000 pixels)"))
        #expect(ImageStructure.dimensions(bytes) == .init(width: 100_000, height: 100_000))
    }

    @Test func corruptCompressedDataIsBroken() {
        var data = TestImages.zlibCompressed(TestImages.pngRaw(width: 30, height: 30, bitsPerPixel: 24))
        for i in 2..<min(data.count - 4, 40) { data[i] = 0xFF }
        guard case .broken = ImageStructure.check(TestImages.png(width: 30, height: 30, idat: data), kind: .png) else {
            Issue.record("corrupt deflate data passed")
            return
        }
    }

    @Test func aGIFWithAnUnknownBlockIsDamaged() {
        var bytes = TestImages.gif()
        bytes.insert(0x99, at: bytes.count - 1)
        #expect(ImageStructure.check(bytes, kind: .gif) == .broken("damaged (unknown block 0x99 at byte \(bytes.count - 2))"))
    }

    @Test func aTIFFWhoseStripPointsPastTheEndIsCutOff() {
        let bytes = TestImages.tiff(width: 10, height: 10)
        #expect(ImageStructure.check(Array(bytes.dropLast(1)), kind: .tiff) == .broken("the file is cut off (the image data runs past the end)"))
    }

    @Test func kindsWithoutStructureChecksAreNotJudged() {
        #expect(ImageStructure.check(TestFiles.pdf, kind: .pdf) == nil)
        #expect(ImageStructure.dimensions(TestFiles.pdf) == nil)
    }

    /// A deterministic byte source for noise.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func byte() -> UInt8 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: z ^ (z >> 31))
        }
    }
}

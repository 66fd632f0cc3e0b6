import Testing

@testable import MailIntake

/// Broken pictures as attachments and inside zips: rejected `unreadable`, with a detail for
/// the administrator, never stored, and counted neither as an image nor against the limit.
@Suite struct BrokenImageAttachmentTests {
    static let cutJPEG = Array(TestImages.jpeg(width: 64, height: 64).dropLast(2))
    static let halfPNG: [UInt8] = {
        let full = TestImages.zlibCompressed(TestImages.pngRaw(width: 50, height: 50, bitsPerPixel: 24))
        return TestImages.png(width: 50, height: 50, idat: Array(full.prefix(full.count / 2)))
    }()

    @Test(arguments: [
        ("cut.jpg", "image/jpeg", cutJPEG), ("half.png", "image/png", halfPNG),
        ("scan.gif", "image/gif", Array(TestImages.gif().dropLast())),
        ("xray.bmp", "image/bmp", Array(TestImages.bmp(width: 30, height: 30).dropLast(100))),
        ("scan.tif", "image/tiff", Array(TestImages.tiff(width: 30, height: 30).dropLast(10))),
    ])
    func aBrokenPictureIsUnreadable(_ name: String, _ type: String, _ bytes: [UInt8]) {
        let j = AttachmentRules.judge([.init(filename: name, declaredType: type, bytes: bytes)])[0]
        #expect(j.entry.status == .rejected)
        #expect(j.entry.reason == .unreadable)
        #expect(j.entry.detail?.hasPrefix("the picture cannot be opened: the file is cut off") == true, "\(j.entry.detail ?? "")")
    }

    @Test func aWholePictureRecordsItsSize() {
        let j = AttachmentRules.judge([.init(filename: "knee.jpg", declaredType: "image/jpeg", bytes: TestImages.jpeg(width: 640, height: 480))])[0]
        #expect(j.entry.status == .accepted)
        #expect(j.entry.detail == "640 × 480 pixels")
    }

    @Test func aBrokenPictureDoesNotUseUpTheImageLimit() {
        let files: [AttachmentCandidate] = [.init(filename: "cut.jpg", declaredType: "image/jpeg", bytes: Self.cutJPEG)]
            + (1...3).map { .init(filename: "\($0).jpg", declaredType: "image/jpeg", bytes: TestImages.jpeg(comment: "\($0)")) }
        let judged = AttachmentRules.judge(files)
        #expect(judged.map(\.entry.status) == [.rejected, .accepted, .accepted, .accepted])
    }

    @Test func aZipHoldingACutPictureIsUnreadableAndNamesTheEntry() {
        let zip = TestFiles.zip([
            .init(name: "scans/a.png", data: TestImages.png(), deflate: true), .init(name: "scans/b.png", data: Self.halfPNG),
        ])
        #expect(
            ZipInspector.inspect(zip)
                == .rejected(
                    reason: .unreadable,
                    detail: "entry scans/b.png: the picture cannot be opened: the file is cut off (the image data stops before the picture is complete)"))
        let whole = TestFiles.zip([.init(name: "a.png", data: TestImages.png()), .init(name: "b.jpg", data: TestImages.jpeg(), deflate: true)])
        #expect(ZipInspector.inspect(whole) == .accepted(items: [.init(path: "a.png", kind: .png), .init(path: "b.jpg", kind: .jpeg)], allImages: true))
    }
}

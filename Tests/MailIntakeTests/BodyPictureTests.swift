import Foundation
import Testing

@testable import MailIntake

/// Pictures the body shows are judged by their size in pixels: a signature banner is no
/// attachment whatever it weighs, a phone photo sent inline is an image of the condition.
@Suite struct BodyPictureTests {
    @Test(arguments: [
        (600, 80, true), (32, 32, true), (200, 200, true), (479, 2000, true), (1200, 300, true),
        (4032, 3024, false), (640, 480, false), (480, 1440, false), (2000, 1000, false), (1500, 501, false),
    ])
    func decorationIsSmallOrBannerShaped(_ w: Int, _ h: Int, _ decoration: Bool) {
        #expect(BodyPicture.isDecoration(.init(width: w, height: h)) == decoration, "\(w) × \(h)")
    }

    static func plan(_ mail: TestMail) -> IntakePlan {
        IntakePlanner(configuration: .default).plan(
            bytes: mail.bytes, receivedAt: Date(timeIntervalSince1970: 1_795_511_700), caseId: "SMO-2026-000123")
    }

    /// A 600 × 80 PNG of noise: about 140 KB, heavier than the old 100 KB rule allowed.
    static let banner: [UInt8] = {
        var state: UInt32 = 7
        let raw: [UInt8] = (0..<80).flatMap { _ -> [UInt8] in
            [0] + (0..<(600 * 3)).map { _ in
                state = state &* 1_664_525 &+ 1_013_904_223
                return UInt8(truncatingIfNeeded: state >> 24)
            }
        }
        return TestImages.png(width: 600, height: 80, idat: TestImages.zlibCompressed(raw))
    }()

    /// A phone photo's headers and a scan small enough to keep the test fast (about 47 KB).
    static let phonePhoto = TestImages.jpeg(width: 4032, height: 3024, comment: "IMG", scan: TestImages.packedZeroBits(2 * 504 * 378))

    @Test func anOutlookSignatureBannerIsNoAttachmentWhateverItsSize() {
        #expect(Self.banner.count > 110 * 1024)
        var mail = TestMail()
        mail.html = "<p>Kind regards</p><img src=\"cid:image001.png@01DA1234.5678\">"
        mail.attachments = [
            ("image001.png", "image/png", Self.banner, ["Content-ID: <image001.png@01DA1234.5678>"]),
            ("report.pdf", "application/pdf", TestFiles.pdf, []),
        ]
        let c = Self.plan(mail).intakeCase
        #expect(c.attachments.map(\.filename) == ["report.pdf"])
        #expect(c.service == .recordsReview)
    }

    @Test func aPhonePhotoShownInlineIsAnImageOfTheCondition() {
        #expect(Self.phonePhoto.count < 100 * 1024)  // the old byte rule would have dropped it
        var mail = TestMail()
        mail.html = "<p>The rash on my arm:</p><img src=\"cid:photo-1@iphone\">"
        mail.attachments = [("IMG_1234.jpg", "image/jpeg", Self.phonePhoto, ["Content-ID: <photo-1@iphone>"])]
        let c = Self.plan(mail).intakeCase
        #expect(c.attachments.map(\.filename) == ["IMG_1234.jpg"])
        #expect(c.attachments.first?.role == .image)
        #expect(c.attachments.first?.detail == "4032 × 3024 pixels")
        #expect(c.service == .recordsAndImagesReview)
    }

    @Test func anUnnamedInlinePhotoIsKeptAndAnUnnamedLogoIsNot() {
        var mail = TestMail()
        mail.attachments = [(nil, "image/jpeg", Self.phonePhoto, []), (nil, "image/gif", TestImages.gif(width: 120, height: 40), [])]
        let c = Self.plan(mail).intakeCase
        #expect(c.attachments.map(\.detectedType) == ["image/jpeg"])
    }
}

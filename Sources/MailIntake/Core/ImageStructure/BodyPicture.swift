/// Whether a picture the message body shows (referenced by `cid:` from the HTML, or an
/// unnamed inline image) is decoration of the mail (a logo, a signature banner, a social
/// icon) or a picture of the condition, judged by its size in pixels, never by its bytes:
/// an Outlook signature banner (`image001.png`, 600 × 80) can weigh 110 KB, while a phone
/// photo sent inline (4032 × 3024) is what the patient wants us to see.
public enum BodyPicture {
    /// Below this on the short side a picture is decoration: logos and banners are a few
    /// dozen to a few hundred pixels high; a phone or scanner image is well over a thousand,
    /// and even a screenshot of a report is larger.
    public static let minimumShortSide = 480
    /// Longer than this many times its short side a picture is a banner (600 × 80 is 7.5;
    /// a panoramic dental X-ray is about 2).
    public static let maximumAspectRatio = 3.0

    /// True for a picture of `size` that belongs to the body, not to the request.
    public static func isDecoration(_ size: ImageStructure.Dimensions) -> Bool {
        size.shortSide < minimumShortSide || size.aspectRatio > maximumAspectRatio
    }
}

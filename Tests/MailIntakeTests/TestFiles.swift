import Foundation
import ZIPFoundation

@testable import MailIntake

/// Files made at test time: magic-number samples and zip archives (stored or deflated,
/// with optional lies in their headers), so no binary fixture needs committing.
enum TestFiles {
    // Whole, structurally valid pictures (ImageStructure checks them).
    static let jpeg: [UInt8] = TestImages.jpeg()
    static let png: [UInt8] = TestImages.png()
    static let gif: [UInt8] = TestImages.gif()
    static let pdf: [UInt8] = Array("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n".utf8) + [UInt8](repeating: 0x20, count: 100)
    static let exe: [UInt8] = Array("MZ".utf8) + [0x90, 0x00, 0x03] + [UInt8](repeating: 0, count: 200)
    static let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + [UInt8](repeating: 0, count: 100)
    static let heic: [UInt8] = [0, 0, 0, 0x18] + Array("ftypheic".utf8) + [UInt8](repeating: 0, count: 100)
    static var dicom: [UInt8] { [UInt8](repeating: 0, count: 128) + Array("DICM".utf8) + [UInt8](repeating: 7, count: 100) }
    static var bmp: [UInt8] { TestImages.bmp() }
    static var ole2Word: [UInt8] {
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
            + "Root Entry".utf16.flatMap { [UInt8($0 & 0xFF), 0] } + [0, 0]
            + "WordDocument".utf16.flatMap { [UInt8($0 & 0xFF), 0] } + [UInt8](repeating: 0, count: 64)
    }
    static var ole2PowerPoint: [UInt8] {
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
            + "PowerPoint Document".utf16.flatMap { [UInt8($0 & 0xFF), 0] } + [UInt8](repeating: 0, count: 64)
    }
    static var ole2Bare: [UInt8] { [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1000) }

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func le32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }

    /// One entry to write.
    struct ZipEntry {
        var name: String
        var data: [UInt8]
        var deflate = false
        var flags = 0
        /// Lie about the uncompressed size in both headers.
        var declaredSize: Int? = nil
        var crc: UInt32? = nil
    }

    static func deflated(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        let d = Data(data)
        _ = try? Data.compress(
            size: Int64(d.count), bufferSize: 64 * 1024,
            provider: { pos, size in d.subdata(in: Int(pos)..<min(Int(pos) + size, d.count)) },
            consumer: { out.append(contentsOf: $0) })
        return out
    }

    /// A zip file of `entries`, written by hand (local headers, central directory, end record).
    static func zip(_ entries: [ZipEntry]) -> [UInt8] {
        var body: [UInt8] = []
        var central: [UInt8] = []
        for e in entries {
            let payload = e.deflate ? deflated(e.data) : e.data
            let name = Array(e.name.utf8)
            let crc = e.crc ?? Data(e.data).crc32(checksum: 0)
            let usize = e.declaredSize ?? e.data.count
            let common = le16(20) + le16(e.flags) + le16(e.deflate ? 8 : 0) + le16(0) + le16(0x21) + le32(Int(crc))
                + le32(payload.count) + le32(usize) + le16(name.count) + le16(0)
            let offset = body.count
            body += [0x50, 0x4B, 0x03, 0x04] + common + name + payload
            central += [0x50, 0x4B, 0x01, 0x02] + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let end = [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
            + le32(central.count) + le32(body.count) + le16(0)
        return body + central + end
    }
}

import Testing

@testable import MailIntake

@Suite struct FileTypeSnifferTests {
    static let table: [(String, [UInt8], FileKind)] = [
        ("GIF89a", TestFiles.gif, .gif),
        ("GIF87a", Array("GIF87a".utf8) + [0, 0, 0], .gif),
        ("JPEG", TestFiles.jpeg, .jpeg),
        ("PNG", TestFiles.png, .png),
        ("BMP with a sane header", TestFiles.bmp, .bmp),
        ("text starting BM is not a BMP", Array("BM is my initials, hello there friend".utf8), .text),
        ("EPS", Array("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n".utf8), .eps),
        ("DOS EPS binary", [0xC5, 0xD0, 0xD3, 0xC6, 0x20, 0, 0, 0], .eps),
        ("plain PostScript is not EPS", Array("%!PS-Adobe-3.0\n%%Pages: 1\n".utf8), .other("application/postscript")),
        ("TIFF little-endian", [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], .tiff),
        ("TIFF big-endian", [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8], .tiff),
        ("RTF", Array("{\\rtf1\\ansi hello}".utf8), .rtf),
        ("PDF", TestFiles.pdf, .pdf),
        ("PDF after junk", Array("\r\n\r\n%PDF-1.4\n".utf8), .pdf),
        ("HTML doctype", Array("  <!DOCTYPE html><html><body>hi</body></html>".utf8), .html),
        ("HTML without doctype", Array("<HTML><BODY>Report</BODY></HTML>".utf8), .html),
        ("UTF-8 text", Array("Blood results: Hb 120 g/L — normal. تقرير".utf8), .text),
        ("text with a NUL is not text", Array("abc".utf8) + [0] + Array("def".utf8), .unknown),
        ("invalid UTF-8 is not text", [0x61, 0xC3, 0x28, 0x62], .unknown),
        ("UTF-16 with BOM", [0xFF, 0xFE, 0x41, 0x00, 0x42, 0x00], .text),
        ("OLE2 Word", TestFiles.ole2Word, .doc),
        ("OLE2 PowerPoint", TestFiles.ole2PowerPoint, .ppt),
        ("OLE2 unknown", TestFiles.ole2Bare, .ole2),
        ("DICOM", TestFiles.dicom, .dicom),
        ("Windows program", TestFiles.exe, .executable),
        ("ELF program", TestFiles.elf, .executable),
        ("Mach-O program", [0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1], .executable),
        ("shell script", Array("#!/bin/sh\nrm -rf /\n".utf8), .executable),
        ("HEIC photo", TestFiles.heic, .other("image/heic")),
        ("empty", [], .unknown),
    ]

    @Test("content decides the type", arguments: table.indices)
    func sniffs(_ i: Int) {
        let (label, bytes, kind) = Self.table[i]
        #expect(FileTypeSniffer.sniff(bytes) == kind, "\(label)")
    }

    @Test func officeZipContainersAreRecognisedByTheirMarkers() {
        let docx = TestFiles.zip([
            .init(name: "[Content_Types].xml", data: Array("<Types/>".utf8)),
            .init(name: "word/document.xml", data: Array("<w:document/>".utf8), deflate: true),
        ])
        let pptx = TestFiles.zip([
            .init(name: "[Content_Types].xml", data: Array("<Types/>".utf8)),
            .init(name: "ppt/presentation.xml", data: Array("<p/>".utf8)),
        ])
        let odt = TestFiles.zip([
            .init(name: "mimetype", data: Array("application/vnd.oasis.opendocument.text".utf8)),
            .init(name: "content.xml", data: Array("<office/>".utf8), deflate: true),
        ])
        let odp = TestFiles.zip([
            .init(name: "mimetype", data: Array("application/vnd.oasis.opendocument.presentation".utf8)),
            .init(name: "content.xml", data: Array("<office/>".utf8)),
        ])
        let xlsx = TestFiles.zip([
            .init(name: "[Content_Types].xml", data: Array("<Types/>".utf8)),
            .init(name: "xl/workbook.xml", data: Array("<w/>".utf8)),
        ])
        let plain = TestFiles.zip([.init(name: "a.pdf", data: TestFiles.pdf)])
        #expect(FileTypeSniffer.sniff(docx) == .docx)
        #expect(FileTypeSniffer.sniff(pptx) == .pptx)
        #expect(FileTypeSniffer.sniff(odt) == .odt)
        #expect(FileTypeSniffer.sniff(odp) == .odp)
        #expect(FileTypeSniffer.sniff(xlsx).isAllowed == false)
        #expect(FileTypeSniffer.sniff(plain) == .zip)
    }

    @Test func truncatedInputNeverCrashes() {
        for sample in Self.table.map(\.1) + [TestFiles.zip([.init(name: "a.txt", data: Array("hello".utf8))])] {
            for cut in 0...min(sample.count, 40) { _ = FileTypeSniffer.sniff(Array(sample.prefix(cut))) }
        }
        #expect(FileTypeSniffer.sniff(Array("PK\u{3}\u{4}".utf8)) == .zip)
    }
}

import Testing

@testable import MailIntake

@Suite struct AttachmentRulesTests {
    typealias Reason = IntakeCase.RejectionReason

    static let typeTable: [(String, String, [UInt8], Reason?, IntakeCase.Attachment.Role, String)] = [
        ("report.pdf", "application/pdf", TestFiles.pdf, nil, .report, "application/pdf"),
        ("scan.jpg", "image/jpeg", TestFiles.jpeg, nil, .image, "image/jpeg"),
        ("JPEG named .png is accepted as what it is", "image/png", TestFiles.jpeg, nil, .image, "image/jpeg"),
        ("letter.doc", "application/msword", TestFiles.ole2Word, nil, .report, "application/msword"),
        ("old.ppt", "application/vnd.ms-powerpoint", TestFiles.ole2Bare, nil, .report, "application/vnd.ms-powerpoint"),
        ("scan.pdf", "application/pdf", TestFiles.exe, .typeMismatch, .other, "application/x-executable"),
        ("photo.jpg", "image/jpeg", TestFiles.elf, .typeMismatch, .other, "application/x-executable"),
        ("notes.txt", "text/plain", Array("#!/bin/bash\necho hi\n".utf8), .typeMismatch, .other, "application/x-executable"),
        ("setup.exe", "application/octet-stream", TestFiles.exe, .typeNotAllowed, .other, "application/x-executable"),
        ("run.bat", "text/plain", Array("echo hello\r\n".utf8), .typeNotAllowed, .report, "text/plain"),
        ("IMG_0001.HEIC", "image/heic", TestFiles.heic, .typeNotAllowed, .other, "image/heic"),
        ("brain.dcm", "application/dicom", TestFiles.dicom, .typeNotAllowed, .other, "application/dicom"),
        ("unknown.bin", "application/octet-stream", TestFiles.ole2Bare, .typeNotAllowed, .other, "application/x-ole-storage"),
        ("report.pdf as random bytes", "application/pdf", [0x00, 0x01, 0x02, 0xFE, 0xFF], .typeMismatch, .other, "application/octet-stream"),
        ("blob as random bytes", "application/octet-stream", [0x00, 0x01, 0x02, 0xFE, 0xFF], .typeNotAllowed, .other, "application/octet-stream"),
        ("empty.pdf", "application/pdf", [], .empty, .other, "application/x-empty"),
        ("card.vcf", "text/x-vcard", Array("BEGIN:VCARD\nEND:VCARD\n".utf8), .typeNotAllowed, .report, "text/plain"),
        ("results", "application/octet-stream", Array("Hb 120 g/L\n".utf8), nil, .report, "text/plain"),
        ("results.pdf as text", "application/pdf", Array("Hb 120 g/L\n".utf8), nil, .report, "text/plain"),
    ]

    @Test("type rules", arguments: typeTable.indices)
    func typeRule(_ i: Int) {
        let (name, declared, bytes, reason, role, detected) = Self.typeTable[i]
        // The table label is the name unless it carries a description; use its first word as the file name.
        let filename = name.contains(" ") ? (name.split(separator: " ").first.map(String.init) ?? name) : name
        let filenameFixed = filename == "JPEG" ? "photo.png" : filename
        let j = AttachmentRules.judge([.init(filename: filenameFixed, declaredType: declared, bytes: bytes)])[0]
        #expect(j.entry.reason == reason, "\(name)")
        #expect(j.entry.status == (reason == nil ? .accepted : .rejected), "\(name)")
        if reason == nil || reason == .typeMismatch { #expect(j.entry.role == role, "\(name)") }
        #expect(j.entry.detectedType == detected, "\(name)")
    }

    @Test func eightMegabytesMeansDecodedBytesStrictlyBelow8MiB() {
        let limit = 8 * 1024 * 1024
        let justUnder = TestFiles.pdf + [UInt8](repeating: 0x20, count: limit - 1 - TestFiles.pdf.count)
        let exactly = justUnder + [0x20]
        let nine = TestFiles.pdf + [UInt8](repeating: 0x20, count: 9 * 1024 * 1024)
        let out = AttachmentRules.judge([
            .init(filename: "a.pdf", declaredType: "application/pdf", bytes: justUnder),
            .init(filename: "b.pdf", declaredType: "application/pdf", bytes: exactly),
            .init(filename: "c.pdf", declaredType: "application/pdf", bytes: nine),
        ])
        #expect(out.map(\.entry.reason) == [nil, .tooLarge, .tooLarge])
        #expect(out[0].entry.size == limit - 1)
        #expect(out[2].entry.detail?.contains("MB") == true)
    }

    @Test func theFourthImageIsOverTheLimitAndDuplicatesAreRecognised() {
        func img(_ n: UInt8) -> [UInt8] { TestFiles.jpeg + [n] }
        let out = AttachmentRules.judge([
            .init(filename: "1.jpg", declaredType: "image/jpeg", bytes: img(1)),
            .init(filename: "2.jpg", declaredType: "image/jpeg", bytes: img(2)),
            .init(filename: "2-again.jpg", declaredType: "image/jpeg", bytes: img(2)),
            .init(filename: "3.png", declaredType: "image/png", bytes: TestFiles.png),
            .init(filename: "4.gif", declaredType: "image/gif", bytes: TestFiles.gif),
            .init(filename: "report.pdf", declaredType: "application/pdf", bytes: TestFiles.pdf),
        ])
        #expect(out.map(\.entry.reason) == [nil, nil, .duplicate, nil, .overImageLimit, nil])
        #expect(out.filter { $0.entry.status == .accepted && $0.entry.role == .image }.count == 3)
    }

    @Test func theImageLimitCountsWhatTheCaseAlreadyHas() {
        let prior = (1...2).map { i in
            IntakeCase.Attachment(
                filename: "\(i).jpg", storedAs: "attachments/\(i).jpg", role: .image, declaredType: "image/jpeg",
                detectedType: "image/jpeg", size: 10, sha256: "h\(i)", status: .accepted, reason: nil)
        }
        let out = AttachmentRules.judge(
            [
                .init(filename: "3.jpg", declaredType: "image/jpeg", bytes: TestFiles.jpeg),
                .init(filename: "4.png", declaredType: "image/png", bytes: TestFiles.png),
            ], prior: prior)
        #expect(out.map(\.entry.reason) == [nil, .overImageLimit])
    }

    @Test func aZipOfImagesIsOneImageAndAZipOfReportsIsAReport() {
        let images = TestFiles.zip([
            .init(name: "a.jpg", data: TestFiles.jpeg), .init(name: "b.png", data: TestFiles.png, deflate: true),
        ])
        let mixed = TestFiles.zip([.init(name: "a.jpg", data: TestFiles.jpeg), .init(name: "r.pdf", data: TestFiles.pdf)])
        let out = AttachmentRules.judge([
            .init(filename: "scans.zip", declaredType: "application/zip", bytes: images),
            .init(filename: "records.zip", declaredType: "application/zip", bytes: mixed),
        ])
        #expect(out.map(\.entry.role) == [.image, .report])
        #expect(out.map(\.entry.status) == [.accepted, .accepted])
    }
}

import Testing

@testable import MailIntake

@Suite struct ZipInspectorTests {
    func reason(_ bytes: [UInt8], limits: ZipInspector.Limits = .init()) -> IntakeCase.RejectionReason? {
        if case .rejected(let r, _) = ZipInspector.inspect(bytes, limits: limits) { return r }
        return nil
    }

    func detail(_ bytes: [UInt8]) -> String {
        if case .rejected(_, let d) = ZipInspector.inspect(bytes) { return d }
        return ""
    }

    @Test func aDecompressionBombIsRejectedByItsDeclaredRatio() {
        // 12 MB of one byte deflates to about 12 KB: a ratio near 1000:1.
        let bomb = TestFiles.zip([.init(name: "zeros.txt", data: [UInt8](repeating: 0x30, count: 12 * 1024 * 1024), deflate: true)])
        #expect(bomb.count < 200 * 1024)
        #expect(reason(bomb) == .unreadable)
        #expect(detail(bomb).contains("zip bomb"))
    }

    @Test func aBombThatLiesAboutItsSizeIsStoppedWhileInflating() {
        // Declares 1 KB uncompressed (ratio looks harmless) but inflates to 5 MB.
        let lying = TestFiles.zip([
            .init(name: "x.txt", data: [UInt8](repeating: 0x41, count: 5 * 1024 * 1024), deflate: true, declaredSize: 1024)
        ])
        #expect(reason(lying) == .unreadable)
        #expect(detail(lying).contains("beyond its declared size"))
    }

    @Test func theTotalBudgetCoversAllEntries() {
        let entries = (0..<4).map { i in
            TestFiles.ZipEntry(name: "f\(i).txt", data: [UInt8](repeating: 0x41 + UInt8(i), count: 300 * 1024), deflate: false)
        }
        #expect(reason(TestFiles.zip(entries), limits: .init(maxTotalUncompressed: 1024 * 1024)) == .unreadable)
        #expect(reason(TestFiles.zip(entries)) == nil)
    }

    @Test(arguments: ["../evil.pdf", "/etc/passwd", "scans/../../x.jpg", "C:\\Windows\\x.pdf", "..\\x.pdf"])
    func pathTraversingEntriesAreRejected(_ name: String) {
        let z = TestFiles.zip([.init(name: name, data: TestFiles.pdf)])
        #expect(reason(z) == .unreadable)
        #expect(detail(z).contains("outside"))
    }

    @Test func encryptedEntriesAreRejected() {
        let z = TestFiles.zip([.init(name: "secret.pdf", data: TestFiles.pdf, flags: 1)])
        #expect(reason(z) == .unreadable)
        #expect(detail(z).contains("password"))
    }

    @Test func corruptEntriesAreRejected() {
        let badCRC = TestFiles.zip([.init(name: "r.pdf", data: TestFiles.pdf, crc: 0xDEAD_BEEF)])
        #expect(reason(badCRC) == .unreadable)
        var truncated = TestFiles.zip([.init(name: "r.pdf", data: TestFiles.pdf + [UInt8](repeating: 1, count: 5000), deflate: true)])
        truncated.removeLast(30)
        #expect(reason(truncated) == .unreadable)
        // Garbage deflate data inside a well-formed directory.
        var garbage = TestFiles.zip([.init(name: "r.txt", data: [UInt8](repeating: 0x41, count: 2000), deflate: true)])
        for i in 40..<50 { garbage[i] = 0xFF }
        #expect(reason(garbage) == .unreadable)
    }

    @Test func entriesMustBeAllowedTypes() {
        let withProgram = TestFiles.zip([.init(name: "r.pdf", data: TestFiles.pdf), .init(name: "setup.exe", data: TestFiles.exe)])
        #expect(reason(withProgram) == .typeNotAllowed)
        let renamed = TestFiles.zip([.init(name: "scan.jpg", data: TestFiles.exe)])
        #expect(reason(renamed) == .typeMismatch)
        let dicom = TestFiles.zip([.init(name: "IM0001.dcm", data: TestFiles.dicom)])
        #expect(reason(dicom) == .typeNotAllowed)
        #expect(detail(dicom).contains("DICOM"))
    }

    @Test func nestingIsBounded() {
        let inner = TestFiles.zip([.init(name: "a.jpg", data: TestFiles.jpeg)])
        let once = TestFiles.zip([.init(name: "inner.zip", data: inner)])
        let twice = TestFiles.zip([.init(name: "once.zip", data: once)])
        #expect(ZipInspector.inspect(once) == .accepted(items: [.init(path: "inner.zip!/a.jpg", kind: .jpeg)], allImages: true))
        #expect(reason(twice) == .unreadable)
    }

    @Test func clutterIsIgnoredAndEmptyArchivesAreEmpty() {
        let z = TestFiles.zip([
            .init(name: "__MACOSX/._a.jpg", data: [0, 5, 22, 7]), .init(name: "scans/", data: []),
            .init(name: "scans/a.jpg", data: TestFiles.jpeg),
        ])
        #expect(ZipInspector.inspect(z) == .accepted(items: [.init(path: "scans/a.jpg", kind: .jpeg)], allImages: true))
        #expect(reason(TestFiles.zip([])) == .empty)
    }

    @Test func overlappingEntriesAreRejected() {
        // Two directory records pointing at the same local entry: the overlapping-kernel bomb.
        var z = TestFiles.zip([.init(name: "a.txt", data: Array("hello".utf8)), .init(name: "b.txt", data: Array("hello".utf8))])
        // Point the second central record's local offset at the first entry (offset 0).
        let cd = z.count - 22 - 2 * (46 + 5)
        let second = cd + 46 + 5
        for k in 0..<4 { z[second + 42 + k] = 0 }
        #expect(reason(z) == .unreadable)
    }

    @Test func hostileBytesNeverCrash() {
        let base = TestFiles.zip([.init(name: "a.pdf", data: TestFiles.pdf, deflate: true)])
        var rng = SplitMix(seed: 7)
        for _ in 0..<300 {
            var z = base
            for _ in 0..<4 { z[Int(rng.next() % UInt64(z.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            _ = ZipInspector.inspect(z)
        }
        for cut in stride(from: 0, to: base.count, by: 3) { _ = ZipInspector.inspect(Array(base.prefix(cut))) }
        #expect(ZipInspector.inspect(base) == .accepted(items: [.init(path: "a.pdf", kind: .pdf)], allImages: false))
    }
}

/// A tiny deterministic generator for fuzzing and benchmarks.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

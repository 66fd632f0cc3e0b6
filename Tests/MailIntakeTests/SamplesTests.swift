import Foundation
import Testing

/// The committed samples and their Maildir copies stay in step (scripts/make-samples.py
/// writes both), and stay small.
@Suite struct SamplesTests {
    static let maildirNew = IntakeRunnerTests.samplesFolder.appendingPathComponent("maildir/new")

    @Test func everySampleHasAnIdenticalMaildirCopyNamedWithItsSize() throws {
        let names = try IntakeRunnerTests.sampleNames()
        #expect(names.count == 15)
        let copies = try FileManager.default.contentsOfDirectory(atPath: Self.maildirNew.path).filter { !$0.hasPrefix(".") }
        #expect(copies.count == names.count)
        var contents: [Data: String] = [:]
        for copy in copies {
            let data = try Data(contentsOf: Self.maildirNew.appendingPathComponent(copy))
            #expect(copy.hasSuffix(",S=\(data.count)"), "\(copy)")
            contents[data] = copy
        }
        for name in names {
            let data = try Data(contentsOf: IntakeRunnerTests.samplesFolder.appendingPathComponent(name))
            #expect(contents[data] != nil, "\(name) has no identical copy in maildir/new")
            #expect(data.count < 16 * 1024, "\(name) is \(data.count) bytes")
        }
        // Maildir order (by delivery time in the name) is the samples' order.
        let ordered = copies.sorted { (Int($0.prefix { $0 != "." }) ?? 0) < (Int($1.prefix { $0 != "." }) ?? 0) }
        for (copy, name) in zip(ordered, names) {
            let copyData = try Data(contentsOf: Self.maildirNew.appendingPathComponent(copy))
            let sampleData = try Data(contentsOf: IntakeRunnerTests.samplesFolder.appendingPathComponent(name))
            #expect(copyData == sampleData, "\(copy) should be \(name)")
        }
    }

    @Test func everySampleUsesCRLFLineEndings() throws {
        for name in try IntakeRunnerTests.sampleNames() {
            let bytes = [UInt8](try Data(contentsOf: IntakeRunnerTests.samplesFolder.appendingPathComponent(name)))
            for (i, b) in bytes.enumerated() where b == 0x0A {
                #expect(i > 0 && bytes[i - 1] == 0x0D, "\(name): bare LF at byte \(i)")
                if !(i > 0 && bytes[i - 1] == 0x0D) { break }
            }
        }
    }
}

import Foundation
import Testing

@testable import MIMEParser

/// Inputs libFuzzer found that once crashed, hung or blew up the parser (fuzz/run.sh), kept
/// under Fixtures/fuzz-regressions/ and replayed here the way the fuzz target drives them.
@Suite struct FuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions")

    static var inputs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted()
    }

    @Test func theRegressionCorpusIsThere() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test(arguments: inputs)
    func parsesWithoutCrashingAndDecodesConsistently(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let clock = ContinuousClock()
        let started = clock.now
        let message = MIMEMessage(parsing: bytes)
        for leaf in message.leaves {
            let whole = leaf.decodedBody()
            var streamed = 0
            leaf.decodeBody { streamed += $0.count }
            #expect(streamed == whole.count, "part \(leaf.path)")
            #expect(whole.count <= 2 * bytes.count + 1024, "part \(leaf.path) decodes to more than the input could hold")
            _ = leaf.text()
            _ = leaf.filename
        }
        _ = (message.subject, message.from, message.date, message.messageID, message.references)
        _ = TNEF.extract(bytes[...])
        _ = UUEncode.extract(bytes[...])
        #expect(clock.now - started < .seconds(5), "\(name) took too long")
    }
}

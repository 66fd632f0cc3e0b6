import Foundation
import Testing
@testable import MIMEParser

@Suite("Limits and hostile input")
struct LimitsTests {
    @Test func nestingBeyondTheLimitBecomesALeaf() {
        var raw = ""
        for d in 0..<50 { raw += "Content-Type: multipart/mixed; boundary=b\(d)\r\n\r\n--b\(d)\r\n" }
        raw += "Content-Type: text/plain\r\n\r\ndeep\r\n"
        let m = MIMEMessage(parsing: Array(raw.utf8), limits: MIMELimits(maxDepth: 10))
        #expect(m.warnings.contains { $0.message.contains("nesting deeper than 10") })
        #expect(m.leaves.count == 1)
        #expect(m.leaves[0].path.split(separator: ".").count == 10)
    }

    @Test func partCountIsBounded() {
        var raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        for i in 0..<500 { raw += "--b\r\n\r\npart \(i)\r\n" }
        raw += "--b--\r\n"
        let m = MIMEMessage(parsing: Array(raw.utf8), limits: MIMELimits(maxParts: 100))
        #expect(m.leaves.count < 100)
        #expect(m.warnings.contains { $0.message.contains("more than 100 parts") })
    }

    @Test func nestedForwardsAreBoundedByDepth() {
        var raw = "Subject: leaf\r\n\r\nend"
        for _ in 0..<40 { raw = "Content-Type: message/rfc822\r\n\r\n" + raw }
        let m = MIMEMessage(parsing: Array(raw.utf8), limits: MIMELimits(maxDepth: 8))
        #expect(m.warnings.contains { $0.message.contains("nesting deeper than 8") })
    }

    /// Random and mutated inputs: the parser must return (no crash, no hang) every time.
    @Test func garbageNeverCrashes() throws {
        var rng = SplitMix64(seed: 42)
        let seeds = try Fixture.names.map(Fixture.bytes)
        for round in 0..<400 {
            var bytes = seeds[round % seeds.count]
            if bytes.isEmpty { bytes = Array("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n".utf8) }
            for _ in 0..<(1 + Int(rng.next() % 8)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.insert(contentsOf: Array("\r\n--".utf8), at: at)
                case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 40)))
                default: bytes.insert(contentsOf: Array("=?utf-8?B?".utf8), at: at)
                }
                if bytes.isEmpty { bytes = [0x0A] }
            }
            let m = MIMEMessage(parsing: bytes)
            for leaf in m.leaves {
                _ = leaf.decodedBody()
                _ = leaf.text()
                _ = leaf.filename
            }
            _ = (m.subject, m.from, m.date, m.isDeliveryStatusNotification)
        }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let n = Int(rng.next() % 600)
            let alphabet = Array("\r\n-:;=?\"<>@ abcB=_/\\()".utf8)
            let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let m = MIMEMessage(parsing: bytes)
            _ = (m.leaves.count, m.subject, m.from)
        }
    }
}

/// Deterministic generator so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
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

@Suite("Truncated input")
struct TruncationTests {
    /// Every prefix of every fixture is a message too: parsing it and reading every leaf
    /// must work (small fixtures at every offset, larger ones at a stride to stay fast).
    @Test(arguments: Fixture.names) func everyPrefixParses(_ name: String) throws {
        let bytes = try Fixture.bytes(name)
        let stride = bytes.count > 1200 ? 11 : 1
        for cut in Swift.stride(from: 0, through: bytes.count, by: stride) {
            let m = MIMEMessage(parsing: Array(bytes[..<cut]))
            #expect(!m.leaves.isEmpty)
            for leaf in m.leaves {
                #expect(leaf.decodedBody().count <= cut)
                _ = leaf.text()
            }
        }
    }
}

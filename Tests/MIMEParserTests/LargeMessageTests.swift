import Foundation
import Testing
@testable import MIMEParser

@Suite("Large messages")
struct LargeMessageTests {
    /// A message of about `megabytes` MB: a text part and one base64 attachment.
    static func bigMessage(megabytes: Int) -> [UInt8] {
        let line = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n".utf8)
        let lines = megabytes * 1024 * 1024 / line.count
        let head = Array("""
            From: Big <big@example.org>\r
            Subject: scans\r
            Content-Type: multipart/mixed; boundary="==big=="\r
            \r
            --==big==\r
            Content-Type: text/plain\r
            \r
            See attached.\r
            --==big==\r
            Content-Type: application/pdf; name=scan.pdf\r
            Content-Transfer-Encoding: base64\r
            \r

            """.utf8)
        let tail = Array("--==big==--\r\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.count + lines * line.count + tail.count)
        bytes += head
        // Whole blocks of lines appended at once: generating is memcpy, not a per-line loop.
        var block: [UInt8] = []
        for _ in 0..<min(lines, 1024) { block += line }
        var left = lines
        while left >= 1024 {
            bytes += block
            left -= 1024
        }
        bytes += block.prefix(left * line.count)
        bytes += tail
        return bytes
    }

    @Test func bodiesAreSlicesOfTheInputNotCopies() {
        let m = MIMEMessage(parsing: LargeMessageTests.bigMessage(megabytes: 1))
        let leaves = m.leaves
        #expect(leaves.count == 2)
        m.bytes.withUnsafeBufferPointer { input in
            for leaf in leaves {
                leaf.rawBody.withUnsafeBufferPointer { body in
                    #expect(body.baseAddress == input.baseAddress! + leaf.rawBody.startIndex)
                }
            }
        }
    }

    @Test func streamingDecodeUsesBoundedChunks() throws {
        let m = MIMEMessage(parsing: LargeMessageTests.bigMessage(megabytes: 2))
        let pdf = try #require(m.leaves.last)
        var total = 0
        var largest = 0
        var calls = 0
        pdf.decodeBody { chunk in
            total += chunk.count
            largest = max(largest, chunk.count)
            calls += 1
        }
        #expect(total == pdf.decodedBody().count)
        #expect(total > 1_500_000)
        #expect(calls > 4)
        #expect(largest <= MIMEPart.decodeChunkSize)
    }

    /// 40 MB parsed: the process's peak memory grows by less than twice the message size
    /// (Linux only: reads VmHWM after resetting it). Decoding in chunks is bounded by
    /// `streamingDecodeUsesBoundedChunks`.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/clear_refs")))
    func fortyMegabytesParseUnderTwiceTheirSize() throws {
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        let before = try LargeMessageTests.status("VmRSS")
        let bytes = LargeMessageTests.bigMessage(megabytes: 40)
        let m = MIMEMessage(parsing: bytes)
        let peak = try LargeMessageTests.status("VmHWM")
        #expect(m.leaves.count == 2)
        #expect(m.warnings.isEmpty)
        #expect(peak - before < 2 * bytes.count, "peak grew by \(peak - before) bytes for a \(bytes.count)-byte message")
    }

    /// A /proc/self/status field in bytes.
    static func status(_ field: String) throws -> Int {
        let text = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { throw CocoaError(.fileReadCorruptFile) }
        return kb * 1024
    }
}

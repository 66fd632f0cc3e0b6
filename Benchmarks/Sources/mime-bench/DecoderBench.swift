import Foundation
import MIMEParser

/// Throughput of the transfer decoders alone, on bodies shaped like real mail.
enum DecoderBench {
    static func run(megabytes: Int, runs: Int) {
        var rng = SeededGenerator(seed: 42)
        let raw = rng.bytes(megabytes * 1_000_000 * 3 / 4)
        let base64CRLF = Array(Data(raw).base64EncodedString(options: [.lineLength76Characters]).utf8)
        let base64Flat = Array(Data(raw).base64EncodedString().utf8)
        let text = qpText(bytes: megabytes * 1_000_000, rng: &rng)

        report("base64, 76-char CRLF lines", base64CRLF, runs: runs) { input, out in
            _ = input.withUnsafeBytes { Base64.decode($0, into: &out) }
        }
        report("base64, one line", base64Flat, runs: runs) { input, out in
            _ = input.withUnsafeBytes { Base64.decode($0, into: &out) }
        }
        report("base64, stream of 64 KB chunks", base64CRLF, runs: runs) { input, out in
            var decoder = Base64.StreamDecoder()
            input.withUnsafeBytes { all in
                var offset = 0
                while offset < all.count {
                    let end = min(offset + 65_536, all.count)
                    out.removeAll(keepingCapacity: true)
                    decoder.decode(UnsafeRawBufferPointer(rebasing: all[offset..<end]), into: &out)
                    offset = end
                }
            }
            _ = decoder.finish(into: &out)
        }
        report("quoted-printable text", text, runs: runs) { input, out in
            _ = input.withUnsafeBytes { QuotedPrintable.decode($0, into: &out) }
        }
    }

    static func report(_ name: String, _ input: [UInt8], runs: Int, _ body: ([UInt8], inout [UInt8]) -> Void) {
        var sink = 0
        let timing = Measure.best(runs: runs) {
            var out: [UInt8] = []
            body(input, &out)
            sink &+= out.count
        }
        let wall = Double(input.count) / timing.wall / 1e6
        let cpu = Double(input.count) / timing.cpu / 1e6
        print("\(name): \(String(format: "%.0f", cpu)) MB/s per CPU second, \(String(format: "%.0f", wall)) MB/s wall (\(sink / runs) bytes out)")
    }

    /// Quoted-printable text like a European-language mail: mostly ASCII, some escapes,
    /// soft breaks at 76 columns.
    static func qpText(bytes: Int, rng: inout SeededGenerator) -> [UInt8] {
        let words = ["Dear", "doctor,", "please", "find", "attached", "the", "report", "of", "my", "scan", "Jos=C3=A9",
                     "f=C3=BCr", "na=C3=AFve", "=E2=80=94", "thank", "you", "and", "regards", "the", "results"]
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 100)
        var column = 0
        while out.count < bytes {
            let word = Array(words[Int(rng.next() % UInt64(words.count))].utf8)
            if column + word.count + 1 > 75 {
                if rng.next() % 3 == 0 {
                    out += Array("=\r\n".utf8)
                } else {
                    out += Array("\r\n".utf8)
                }
                column = 0
            }
            out += word
            out.append(0x20)
            column += word.count + 1
        }
        return out
    }
}

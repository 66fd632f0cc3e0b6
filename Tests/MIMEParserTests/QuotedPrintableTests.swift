import Testing
@testable import MIMEParser

/// One quoted-printable input, the bytes it must decode to, and its count of bad escapes.
struct QPCase: Sendable, CustomStringConvertible {
    let input: [UInt8]
    let expected: [UInt8]
    let invalidEscapes: Int
    let note: String

    init(_ input: String, _ expected: String, invalid: Int = 0, _ note: String) {
        self.init(Array(input.utf8), Array(expected.utf8), invalid: invalid, note)
    }

    init(_ input: [UInt8], _ expected: [UInt8], invalid: Int = 0, _ note: String) {
        self.input = input
        self.expected = expected
        self.invalidEscapes = invalid
        self.note = note
    }

    var description: String { note }
}

func decodeQP(_ input: [UInt8]) -> ([UInt8], DecodeReport) {
    var out: [UInt8] = []
    let report = input.withUnsafeBytes { QuotedPrintable.decode($0, into: &out) }
    return (out, report)
}

/// Feeds `input` to the stream decoder in chunks ending at each of `cuts`.
func decodeQPChunks(_ input: [UInt8], cuts: [Int]) -> ([UInt8], DecodeReport) {
    var decoder = QuotedPrintable.StreamDecoder()
    var out: [UInt8] = []
    input.withUnsafeBytes { all in
        var start = 0
        for cut in cuts + [all.count] {
            decoder.decode(UnsafeRawBufferPointer(rebasing: all[start..<cut]), into: &out)
            start = cut
        }
    }
    let report = decoder.finish(into: &out)
    return (out, report)
}

/// A plain quoted-printable encoder for round trips: escapes everything outside printable
/// ASCII (line breaks too, so any bytes survive) and folds lines at 76 with soft breaks.
func encodeQP(_ bytes: [UInt8], lineEnd: [UInt8]) -> [UInt8] {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    var lineLength = 0
    for (index, byte) in bytes.enumerated() {
        let isLast = index == bytes.count - 1
        var token: [UInt8]
        if (byte >= 33 && byte <= 126 && byte != 0x3D) || (byte == 0x20 && !isLast) {
            token = [byte]
        } else {
            token = [0x3D, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
        }
        if lineLength + token.count > 75 {
            // A space must not end a line: escape it before folding.
            if out.last == 0x20 {
                out.removeLast()
                out += [0x3D, 0x32, 0x30]
            }
            out += [0x3D] + lineEnd
            lineLength = 0
        }
        out += token
        lineLength += token.count
    }
    return out
}

/// A plain, line-by-line decoder with the same rules, to check the fast path against.
func referenceDecodeQP(_ input: [UInt8]) -> ([UInt8], Int) {
    var out: [UInt8] = []
    var escapes = 0
    var lines = input.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    let lastHasLF = input.last == 0x0A
    if lastHasLF { lines.removeLast() }
    for (index, line) in lines.enumerated() {
        let hasLF = index < lines.count - 1 || lastHasLF
        var content = line
        var cr = false
        if content.last == 0x0D {
            content.removeLast()
            cr = true
        }
        while let last = content.last, last == 0x20 || last == 0x09 { content.removeLast() }
        var i = 0
        var soft = false
        while i < content.count {
            let c = content[i]
            if c != 0x3D {
                out.append(c)
                i += 1
            } else if i == content.count - 1 {
                soft = true
                break
            } else if i + 2 < content.count, let h = ASCII.hexValue(content[i + 1]), let l = ASCII.hexValue(content[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                escapes += 1
                out.append(0x3D)
                i += 1
            }
        }
        if !soft {
            if cr { out.append(0x0D) }
            if hasLF { out.append(0x0A) }
        }
    }
    return (out, escapes)
}

@Suite struct QuotedPrintableTests {
    static let cases: [QPCase] = [
        QPCase("", "", "empty input"),
        QPCase("Hello, world", "Hello, world", "plain text"),
        QPCase("caf=C3=A9", "café", "upper-case escapes"),
        QPCase("caf=c3=a9", "café", "lower-case escapes"),
        QPCase("100% =3D sure", "100% = sure", "escaped equals sign"),
        QPCase("soft=\r\nbreak", "softbreak", "soft break with CRLF"),
        QPCase("soft=\nbreak", "softbreak", "soft break with LF"),
        QPCase("soft= \t\r\nbreak", "softbreak", "soft break with transport padding"),
        QPCase("one   \r\ntwo\t\r\nthree", "one\r\ntwo\r\nthree", "trailing white space removed before CRLF"),
        QPCase("one \ntwo\n", "one\ntwo\n", "trailing white space removed before LF; LF kept"),
        QPCase("mixed\r\nends\nhere\r\n", "mixed\r\nends\nhere\r\n", "line endings kept as they came"),
        QPCase("tab\there and  there", "tab\there and  there", "inner white space kept"),
        QPCase("last line   ", "last line", "trailing white space at the end of the body removed"),
        QPCase("ends with soft=", "ends with soft", "final = is a soft break (its CRLF went to the boundary)"),
        QPCase("ends with soft=  ", "ends with soft", "final = and padding"),
        QPCase("bare\rCR", "bare\rCR", "a bare CR is literal"),
        QPCase("a=ZZb", "a=ZZb", invalid: 1, "non-hex escape kept literally"),
        QPCase("a=4", "a=4", invalid: 1, "truncated escape at the end"),
        QPCase("a=4 \r\nb", "a=4\r\nb", invalid: 1, "truncated escape at a line end"),
        QPCase("a = b", "a = b", invalid: 1, "equals sign followed by a space"),
        QPCase("x==41", "x=A", invalid: 1, "doubled equals sign"),
        QPCase("x==", "x=", invalid: 1, "doubled equals sign at the end"),
        QPCase("=\r\n=\r\n", "", "only soft breaks"),
        QPCase(Array("=e9=E9".utf8), [0xE9, 0xE9], "escapes of 8-bit bytes in either case"),
        QPCase([0x63, 0x61, 0x66, 0xE9, 0x0D, 0x0A], [0x63, 0x61, 0x66, 0xE9, 0x0D, 0x0A], "8-bit bytes pass through"),
        QPCase("=\r", "", "equals and a cut CRLF at the end: soft break"),
        QPCase("end  \r", "end\r", "a final CR ends the last line: white space before it removed"),
    ]

    @Test("decodes valid, malformed and truncated input", arguments: cases)
    func decodesTableCase(_ testCase: QPCase) {
        let (out, report) = decodeQP(testCase.input)
        #expect(out == testCase.expected)
        #expect(report == DecodeReport(invalidEscapes: testCase.invalidEscapes))
    }

    @Test("a stream cut at any one or two offsets decodes like the whole", arguments: cases)
    func streamCutsAnywhere(_ testCase: QPCase) {
        let input = testCase.input
        let whole = decodeQP(input)
        for first in 0...input.count {
            for second in first...input.count {
                let (out, report) = decodeQPChunks(input, cuts: [first, second])
                #expect(out == whole.0, "cuts at \(first), \(second)")
                #expect(report == whole.1, "cuts at \(first), \(second)")
            }
        }
    }

    @Test("round trips arbitrary bytes through a reference encoder")
    func roundTripsArbitraryBytes() {
        for size in Array(0...40) + [200, 4096, 50_001] {
            let data = pseudoRandomBytes(count: size, seed: UInt64(size) &+ 1000)
            for lineEnd: [UInt8] in [[0x0D, 0x0A], [0x0A]] {
                let (out, report) = decodeQP(encodeQP(data, lineEnd: lineEnd))
                #expect(out == data, "size \(size)")
                #expect(report.isClean)
            }
        }
    }

    @Test("the fast path agrees with a plain line-by-line decoder on random input")
    func agreesWithReference() {
        let alphabet: [UInt8] = Array("==  \t\r\n\nA4fz0D".utf8) + [0xE9]
        var seed = pseudoRandomBytes(count: 400_000, seed: 12345).makeIterator()
        for round in 0..<2000 {
            let length = Int(seed.next()!) % 60
            let input = (0..<length).map { _ in alphabet[Int(seed.next()!) % alphabet.count] }
            let (out, report) = decodeQP(input)
            let (expected, escapes) = referenceDecodeQP(input)
            #expect(out == expected, "round \(round): \(input)")
            #expect(report.invalidEscapes == escapes, "round \(round): \(input)")
            if out != expected { break }
        }
    }

    @Test("a long text fed in small chunks decodes like the whole")
    func streamInSmallChunks() {
        let line = Array("Dear team, please find my report attached =E2=80=94 Jos=C3=A9   \r\n".utf8)
        let text = Array((0..<200).map { $0 % 7 == 0 ? Array("soft=\r\n".utf8) : line }.joined())
        let whole = decodeQP(text)
        for chunkSize in [1, 2, 3, 5, 64, 1000] {
            let cuts = Array(stride(from: chunkSize, to: text.count, by: chunkSize))
            let (out, report) = decodeQPChunks(text, cuts: cuts)
            #expect(out == whole.0, "chunk size \(chunkSize)")
            #expect(report == whole.1)
        }
        #expect(whole.1.isClean)
        #expect(whole.0.count < text.count)
    }

    @Test("appends to what the output already holds")
    func appendsToOutput() {
        var out: [UInt8] = [1]
        _ = Array("=41".utf8).withUnsafeBytes { QuotedPrintable.decode($0, into: &out) }
        #expect(out == [1, 0x41])
    }
}

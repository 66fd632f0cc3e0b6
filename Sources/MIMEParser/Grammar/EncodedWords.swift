/// Namespace for the decoders callers may need on raw header text.
public enum Decoding {
    /// Decodes RFC 2047 encoded words anywhere in `text` (unstructured fields, display names,
    /// and, as real mail has them, inside quoted parameter values).
    ///
    /// Whitespace between adjacent encoded words is dropped (RFC 2047 §6.2), and adjacent
    /// words in the same charset are decoded as one byte run, so a multibyte character split
    /// across two words comes out whole. Malformed words are left as they are.
    public static func decodeEncodedWords(_ text: String) -> String {
        decodeEncodedWordsNoting(text).text
    }

    /// As `decodeEncodedWords`, also saying whether a charset fallback was needed.
    package static func decodeEncodedWordsNoting(_ text: String) -> Charsets.Conversion {
        guard text.hasEncodedWordMarker else { return Charsets.Conversion(text: text) }
        let bytes = Array(text.utf8)
        var out = ""
        var warning: String?
        var literalStart = 0
        var run: (charset: String, bytes: [UInt8])?
        var i = 0

        func flush() {
            guard let r = run else { return }
            let c = Charsets.decode(r.bytes, charset: r.charset)
            out += c.text
            if warning == nil, let w = c.warning { warning = "encoded word: \(w)" }
            run = nil
        }

        while i + 1 < bytes.count {
            guard bytes[i] == ASCII.equals, bytes[i + 1] == ASCII.question, let word = EncodedWord.parse(bytes, at: i) else {
                i += 1
                continue
            }
            let between = bytes[literalStart..<i]
            if run != nil, between.allSatisfy(ASCII.isWhitespace) {
                if run!.charset == word.charset {
                    run!.bytes += word.bytes
                } else {
                    flush()
                    run = (word.charset, word.bytes)
                }
            } else {
                flush()
                out += String(decoding: between, as: UTF8.self)
                run = (word.charset, word.bytes)
            }
            i = word.end
            literalStart = word.end
        }
        flush()
        out += String(decoding: bytes[literalStart...], as: UTF8.self)
        return Charsets.Conversion(text: out, warning: warning)
    }
}

extension String {
    /// True when the text contains "=?", the start of an RFC 2047 encoded word (a byte scan;
    /// Foundation's `contains(_: String)` is far slower on Linux).
    var hasEncodedWordMarker: Bool {
        var previous: UInt8 = 0
        for b in utf8 {
            if b == ASCII.question && previous == ASCII.equals { return true }
            previous = b
        }
        return false
    }
}

/// One RFC 2047 encoded word, decoded to bytes in its charset.
struct EncodedWord {
    /// Lower-case charset, language suffix (RFC 2231 §5) removed.
    var charset: String
    var bytes: [UInt8]
    /// Index just past the closing "?=".
    var end: Int

    // RFC 2047 §2: encoded-word = "=?" charset "?" encoding "?" encoded-text "?="
    /// Parses the word starting at `start` ("=?"), or returns nil if it is not one.
    static func parse(_ b: [UInt8], at start: Int) -> EncodedWord? {
        var i = start + 2
        let charsetStart = i
        while i < b.count, b[i] != ASCII.question {
            if b[i] <= 32 || b[i] >= 127 || i - charsetStart > 64 { return nil }
            i += 1
        }
        guard i > charsetStart, i + 2 < b.count, b[i + 2] == ASCII.question else { return nil }
        let charset = Charsets.normalise(String(decoding: b[charsetStart..<i], as: UTF8.self))
        let encoding = ASCII.lower(b[i + 1])
        guard encoding == 0x62 || encoding == 0x71 else { return nil }  // "b" / "q"
        let textStart = i + 3
        var j = textStart
        while j < b.count, b[j] != ASCII.question {
            // Encoded text has no whitespace; stop early so a stray "=?" costs little.
            if b[j] == ASCII.space || b[j] == ASCII.tab || b[j] == ASCII.lf { return nil }
            j += 1
        }
        guard j + 1 < b.count, b[j + 1] == ASCII.equals else { return nil }
        let text = b[textStart..<j]
        let bytes = encoding == 0x62 ? Base64.decode(text).bytes : decodeQ(text)
        return EncodedWord(charset: charset, bytes: bytes, end: j + 2)
    }

    /// RFC 2047 §4.2 "Q": "_" is space, "=XX" a byte; a malformed "=" is kept literally.
    static func decodeQ(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == ASCII.underscore {
                out.append(ASCII.space)
            } else if c == ASCII.equals, i + 2 < text.endIndex, let h = ASCII.hexValue(text[i + 1]), let l = ASCII.hexValue(text[i + 2]) {
                out.append(h << 4 | l)
                i += 2
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }
}

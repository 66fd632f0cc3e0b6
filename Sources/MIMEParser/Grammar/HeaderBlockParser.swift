/// Splits one header block (RFC 5322 §2.2) into unfolded fields and finds where the body starts.
///
/// Works on bytes: a field's name and value are turned into `String`s once, after unfolding.
/// Tolerates LF-only line ends, whitespace before the colon (RFC 5322 §4.5 obsolete syntax),
/// an mbox `From ` line at the very top, and a header that never ends (all header, no body).
struct HeaderBlockParser {
    /// The fields found and the index where the body begins (absolute, into the input).
    struct Result {
        var fields: [HeaderField]
        var bodyStart: Int
        /// Fields whose 8-bit bytes were not UTF-8 and were read as Latin-1 (so each
        /// scalar is one original byte, and the field can be re-read in a better charset).
        var latin1Fields: [Int] = []
    }

    let buffer: UnsafeBufferPointer<UInt8>
    let limits: MIMELimits

    // RFC 5322 §2.2:  header-block = *field CRLF ; field = field-name ":" field-body CRLF
    //                 field-body = unstructured with folds: CRLF followed by WSP
    /// Parses the header block that starts at `range.lowerBound`.
    func parse(_ range: Range<Int>, path: String, allowMboxLine: Bool, warnings: inout [MIMEWarning]) -> Result {
        let buf = buffer
        let end = range.upperBound
        var i = range.lowerBound
        let limitEnd = range.lowerBound + limits.maxHeaderBytes
        var fields: [HeaderField] = []
        fields.reserveCapacity(16)
        var latin1Fields: [Int] = []

        if allowMboxLine, end - i >= 5, buf[i] == 0x46, buf[i + 1] == 0x72, buf[i + 2] == 0x6F,
            buf[i + 3] == 0x6D, buf[i + 4] == ASCII.space
        {
            // mbox "From sender date" separator line: not a header field.
            i = (buf.firstIndex(of: ASCII.lf, from: i, to: end) ?? (end - 1)) + 1
        }

        while i < end {
            let first = buf[i]
            if first == ASCII.lf { return Result(fields: fields, bodyStart: i + 1, latin1Fields: latin1Fields) }
            if first == ASCII.cr, i + 1 < end, buf[i + 1] == ASCII.lf { return Result(fields: fields, bodyStart: i + 2, latin1Fields: latin1Fields) }
            if i >= limitEnd {
                warnings.append(MIMEWarning(partPath: path, message: "header longer than \(limits.maxHeaderBytes) bytes; the rest is treated as body"))
                return Result(fields: fields, bodyStart: i, latin1Fields: latin1Fields)
            }
            let lineEnd = buf.firstIndex(of: ASCII.lf, from: i, to: end) ?? end
            if ASCII.isWSP(first) {
                // A continuation with no field before it (or after a dropped line).
                if fields.isEmpty {
                    warnings.append(MIMEWarning(partPath: path, message: "header starts with a folded line; line ignored"))
                }
                i = lineEnd + 1
                continue
            }
            guard let colon = fieldNameEnd(from: i, to: lineEnd) else {
                // RFC 2046 §5.1.1: a part may have no header at all; a line without a colon
                // cannot be a field, so the body starts here.
                warnings.append(MIMEWarning(partPath: path, message: "header line without a colon; treated as the start of the body"))
                return Result(fields: fields, bodyStart: i, latin1Fields: latin1Fields)
            }
            var nameEnd = colon
            while nameEnd > i, ASCII.isWSP(buf[nameEnd - 1]) { nameEnd -= 1 }

            // The field runs until a line end not followed by WSP.
            var fieldEnd = lineEnd
            var folded = false
            while fieldEnd < end, fieldEnd + 1 < end, fieldEnd < limitEnd, ASCII.isWSP(buf[fieldEnd + 1]) {
                folded = true
                fieldEnd = buf.firstIndex(of: ASCII.lf, from: fieldEnd + 1, to: end) ?? end
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: buf[i..<nameEnd]), as: UTF8.self)
            let (value, fallback) = unfoldedValue(from: colon + 1, to: fieldEnd, folded: folded)
            if fallback { latin1Fields.append(fields.count) }
            fields.append(HeaderField(name: name, value: value))
            i = fieldEnd + 1
        }
        return Result(fields: fields, bodyStart: end, latin1Fields: latin1Fields)
    }

    // RFC 5322 §3.6.8: field-name = 1*ftext ; ftext = %d33-57 / %d59-126
    // RFC 5322 §4.5.8 (obsolete): WSP allowed between the name and the colon.
    /// The index of the colon ending a valid field name on this line, or nil.
    private func fieldNameEnd(from start: Int, to lineEnd: Int) -> Int? {
        var j = start
        while j < lineEnd {
            let b = buffer[j]
            if b == ASCII.colon { return j > start ? j : nil }
            if b <= 32 || b >= 127 {
                // Only trailing WSP may sit between the name and the colon.
                guard ASCII.isWSP(b), j > start else { return nil }
                var k = j
                while k < lineEnd, ASCII.isWSP(buffer[k]) { k += 1 }
                return (k < lineEnd && buffer[k] == ASCII.colon) ? k : nil
            }
            j += 1
        }
        return nil
    }

    /// The field body with folds removed (RFC 5322 §2.2.3: CRLF before WSP is deleted),
    /// outer whitespace trimmed.
    private func unfoldedValue(from start: Int, to end: Int, folded: Bool) -> (String, Bool) {
        var s = start
        var e = end
        while s < e, ASCII.isWhitespace(buffer[s]) { s += 1 }
        while e > s, ASCII.isWhitespace(buffer[e - 1]) { e -= 1 }
        let slice = UnsafeBufferPointer(rebasing: buffer[s..<e])
        if !folded { return String.fromHeaderBytes(slice) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(e - s)
        for b in slice where b != ASCII.cr && b != ASCII.lf { bytes.append(b) }
        return String.fromHeaderBytes(bytes)
    }
}

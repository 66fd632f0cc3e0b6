import Foundation

/// Writes the two benchmark corpora as `.eml` files, the same bytes on every run (seeded),
/// so that every parser under test reads exactly the same input.
///
/// - `big`: intake mail as the clinic receives it: a short text part and one to three
///   attachments of 1 to 6 MB (scans, PDFs), base64 in 76-character CRLF lines.
/// - `small`: ordinary text mail of 2 to 20 KB with realistic headers (Received chains,
///   DKIM signatures, RFC 2047 subjects and names) and multipart/alternative bodies in
///   quoted-printable.
struct CorpusGenerator {
    var rng: SeededGenerator

    static func writeAll(to directory: String, bigCount: Int = 40, smallCount: Int = 20_000) throws {
        var generator = CorpusGenerator(rng: SeededGenerator(seed: 2026_11_24))
        try generator.write(count: bigCount, to: directory + "/big") { g, i in g.bigMessage(i) }
        try generator.write(count: smallCount, to: directory + "/small") { g, i in g.smallMessage(i) }
    }

    mutating func write(count: Int, to directory: String, _ make: (inout CorpusGenerator, Int) -> [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for i in 0..<count {
            let bytes = make(&self, i)
            let path = directory + "/" + String(format: "%06d.eml", i)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
    }

    // MARK: - Messages

    mutating func bigMessage(_ index: Int) -> [UInt8] {
        var m = MessageWriter()
        let boundary = "----=_Part_\(index)_\(rng.next() % 1_000_000).\(rng.next() % 1_000_000)"
        commonHeaders(&m, index: index, subject: "=?UTF-8?B?\(Data("Second opinion request – scan \(index)".utf8).base64EncodedString())?=")
        m.line("Content-Type: multipart/mixed;")
        m.line("\tboundary=\"\(boundary)\"")
        m.line("")
        m.line("This is a multi-part message in MIME format.")
        m.line("--" + boundary)
        m.line("Content-Type: text/plain; charset=UTF-8")
        m.line("Content-Transfer-Encoding: quoted-printable")
        m.line("")
        m.bytes(quotedPrintableText(bytes: 1500))
        m.line("")
        let kinds = [("application/pdf", "pdf"), ("image/jpeg", "jpg"), ("image/png", "png")]
        for a in 0..<(1 + Int(rng.next() % 3)) {
            let (type, ext) = kinds[Int(rng.next() % 3)]
            let size = 1_000_000 + Int(rng.next() % 5_000_001)
            let name = a == 0 ? "Befund_Müller_\(index).\(ext)" : "scan-\(index)-\(a).\(ext)"
            m.line("--" + boundary)
            m.line("Content-Type: \(type); name=\"\(name)\"")
            m.line("Content-Transfer-Encoding: base64")
            m.line("Content-Disposition: attachment;")
            m.line("\tfilename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name)")
            m.line("")
            m.bytes(base64Lines(rng.bytes(size)))
        }
        m.line("--" + boundary + "--")
        m.line("")
        return m.out
    }

    mutating func smallMessage(_ index: Int) -> [UInt8] {
        var m = MessageWriter()
        let boundary = "000000000000\(String(rng.next() % 0xFFFF_FFFF, radix: 16))"
        let subjects = [
            "=?UTF-8?Q?R=C3=BCckfrage_zu_Ihrem_Termin?=", "=?UTF-8?B?0JLQsNGIINC30LDQv9GA0L7RgQ==?=",
            "Re: follow-up appointment", "=?ISO-8859-1?Q?Caf=E9_meeting?= tomorrow",
            "=?UTF-8?B?2LfZhNioINix2KPZiiDYt9io2Yog2KvYp9mG2Yo=?=",
        ]
        commonHeaders(&m, index: index, subject: subjects[Int(rng.next() % UInt64(subjects.count))])
        m.line("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        m.line("")
        let target = 2_000 + Int(rng.next() % 18_000)
        let textSize = max(300, (target - m.out.count) / 3)
        m.line("--" + boundary)
        m.line("Content-Type: text/plain; charset=\"UTF-8\"")
        m.line("Content-Transfer-Encoding: quoted-printable")
        m.line("")
        m.bytes(quotedPrintableText(bytes: textSize))
        m.line("")
        m.line("--" + boundary)
        m.line("Content-Type: text/html; charset=\"UTF-8\"")
        m.line("Content-Transfer-Encoding: quoted-printable")
        m.line("")
        m.bytes(quotedPrintableText(bytes: textSize * 2, html: true))
        m.line("")
        m.line("--" + boundary + "--")
        return m.out
    }

    mutating func commonHeaders(_ m: inout MessageWriter, index: Int, subject: String) {
        let hops = 3 + Int(rng.next() % 6)
        for hop in 0..<hops {
            m.line("Received: from mx\(hop).relay\(rng.next() % 100).example.net (mx\(hop).example.net [192.0.2.\(rng.next() % 255)])")
            m.line("\tby mail.example.org (Postfix) with ESMTPS id \(String(rng.next(), radix: 16).uppercased())")
            m.line("\tfor <secondopinion@example.org>; Tue, 24 Nov 2026 09:\(10 + hop):00 +0000 (GMT)")
        }
        m.line("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=sel1;")
        m.line("\th=from:to:subject:date:message-id:mime-version:content-type;")
        m.line("\tbh=\(Data(rng.bytes(32)).base64EncodedString());")
        let signature = Data(rng.bytes(256)).base64EncodedString()
        var offset = signature.startIndex
        m.out += Array("\tb=".utf8)
        while offset < signature.endIndex {
            let end = signature.index(offset, offsetBy: 70, limitedBy: signature.endIndex) ?? signature.endIndex
            m.line(String(signature[offset..<end]))
            offset = end
            if offset < signature.endIndex { m.out += Array("\t ".utf8) }
        }
        let names = ["=?UTF-8?B?2YXYrdmF2K8g2KfZhNi52YTZig==?=", "=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?=", "\"Smith, Anna\"", "Li Wei"]
        m.line("From: \(names[Int(rng.next() % 4)]) <patient\(index)@example.net>")
        m.line("To: Second Medical Opinion <secondopinion@example.org>")
        if rng.next() % 2 == 0 { m.line("Cc: \"Dr. Jones\" <jones@example.com>, records@example.com") }
        m.line("Subject: \(subject)")
        m.line("Date: Tue, 24 Nov 2026 09:\(String(format: "%02d", index % 60)):00 +0000")
        m.line("Message-ID: <\(String(rng.next(), radix: 36))-\(index)@mail.example.net>")
        m.line("MIME-Version: 1.0")
    }

    // MARK: - Bodies

    /// Base64 in 76-character lines with CRLF, as mail clients write attachments.
    func base64Lines(_ data: [UInt8]) -> [UInt8] {
        var text = Array(Data(data).base64EncodedString(options: [.lineLength76Characters]).utf8)
        text += [0x0D, 0x0A]
        return text
    }

    /// Quoted-printable text about `bytes` long: mostly ASCII words with UTF-8 escapes,
    /// soft and hard line breaks at 76 columns.
    mutating func quotedPrintableText(bytes: Int, html: Bool = false) -> [UInt8] {
        let words = ["Dear", "doctor,", "please", "find", "attached", "the", "report", "of", "my", "scan", "Jos=C3=A9",
                     "f=C3=BCr", "na=C3=AFve", "=E2=80=94", "thank", "you", "and", "regards", "results", "hospital",
                     "appointment", "treatment", "=D8=B4=D9=83=D8=B1=D8=A7", "follow-up"]
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 100)
        var column = 0
        if html { out += Array("<html><body><p>".utf8); column = 15 }
        while out.count < bytes {
            var word = Array(words[Int(rng.next() % UInt64(words.count))].utf8)
            if html && rng.next() % 10 == 0 { word = Array("</p><p class=3D\"x\">".utf8) }
            if column + word.count + 1 > 75 {
                if rng.next() % 3 == 0 {
                    // A hard break; no trailing space (decoders disagree on stripping it).
                    if out.last == 0x20 { out.removeLast() }
                    out += [0x0D, 0x0A]
                } else {
                    out += Array("=\r\n".utf8)
                }
                column = 0
            }
            out += word
            out.append(0x20)
            column += word.count + 1
        }
        if html { out += Array("</p></body></html>".utf8) }
        return out
    }
}

/// Accumulates message bytes with CRLF line endings.
struct MessageWriter {
    var out: [UInt8] = []

    mutating func line(_ s: String) {
        out += Array(s.utf8)
        out += [0x0D, 0x0A]
    }

    mutating func bytes(_ b: [UInt8]) {
        out += b
    }
}

import Foundation
#if canImport(CoreFoundation)
import CoreFoundation
#endif

/// Converts bytes in a MIME charset to `String`, never failing.
///
/// UTF-8, US-ASCII, ISO-8859-1 and windows-1252 are converted here without Foundation (they
/// are most mail). Everything else goes through Foundation's `String.Encoding`, found from
/// the IANA name by CoreFoundation (which on Linux covers windows-125x, ISO-8859-x, KOI8,
/// GB18030/GBK, Big5, Shift_JIS/cp932, ISO-2022-JP, EUC-KR/cp949, …). Labels that mail uses
/// loosely are mapped to their supersets (gb2312 → GB18030, ks_c_5601 → cp949, shift_jis →
/// cp932). EUC-JP, which Foundation on Linux cannot decode, is recoded to Shift_JIS first.
/// A missing, unknown or wrong label falls back to UTF-8, then windows-1252, with a note.
package enum Charsets {
    /// The decoded text and, when a fallback was used, a sentence saying why.
    package struct Conversion: Sendable {
        package var text: String
        package var warning: String?
    }

    /// Decodes `bytes` labelled `charset` (nil when the label is missing).
    package static func decode(_ bytes: some Collection<UInt8>, charset label: String?) -> Conversion {
        let name = label.map(normalise) ?? ""
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8":
            if let s = String(validating: bytes, as: UTF8.self) { return Conversion(text: stripBOM(s)) }
            return fallback(bytes, because: "bytes are not valid UTF-8")
        case "", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us":
            if bytes.allSatisfy({ $0 < 0x80 }) { return Conversion(text: String(decoding: bytes, as: UTF8.self)) }
            if let s = String(validating: bytes, as: UTF8.self) { return Conversion(text: s) }
            return Conversion(text: windows1252(bytes),
                              warning: name.isEmpty ? "8-bit text without a charset; read as windows-1252"
                                                    : "8-bit bytes in us-ascii text; read as windows-1252")
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1", "windows-1252", "cp1252", "x-cp1252", "cp819", "ibm819":
            // WHATWG: ISO-8859-1 labels are decoded as windows-1252 (its superset in practice).
            return Conversion(text: windows1252(bytes))
        case "euc-jp", "x-euc-jp", "euc_jp", "eucjp", "cseucpkdfmtjapanese":
            let sjis = EUCJP.toShiftJIS(bytes)
            if let s = foundationDecode(sjis, ianaName: "windows-31j") { return Conversion(text: s) }
            return fallback(bytes, because: "bytes are not valid EUC-JP")
        default:
            let iana = aliases[name] ?? name
            guard let encoding = encoding(ianaName: iana) else {
                return fallback(bytes, because: "unknown charset \"\(label ?? "")\"")
            }
            if let s = String(bytes: Array(bytes), encoding: encoding) { return Conversion(text: s) }
            return fallback(bytes, because: "bytes are not valid \(label ?? name)")
        }
    }

    /// True when Foundation (or this file) can convert from this charset label.
    package static func isSupported(_ label: String) -> Bool {
        let name = normalise(label)
        if ["utf-8", "us-ascii", "iso-8859-1", "windows-1252", "euc-jp", "utf8", "latin1", "ascii"].contains(name) { return true }
        return encoding(ianaName: aliases[name] ?? name) != nil
    }

    /// Lower case, trimmed of whitespace and quotes; RFC 2231 language suffixes removed.
    static func normalise(_ label: String) -> String {
        var u = Substring(label).utf8
        if let star = u.firstIndex(of: 0x2A) { u = u[..<star] }
        func junk(_ b: UInt8) -> Bool { b == ASCII.space || b == ASCII.tab || b == ASCII.quote || b == 0x27 }
        while let f = u.first, junk(f) { u = u.dropFirst() }
        while let l = u.last, junk(l) { u = u.dropLast() }
        return String(Substring(u)).lowercased()
    }

    /// Labels found in mail mapped to the IANA name of a decoder that is a superset.
    static let aliases: [String: String] = [
        "gb2312": "gb18030", "gb_2312-80": "gb18030", "csgb2312": "gb18030", "euc-cn": "gb18030",
        "x-gbk": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "windows-936": "gb18030", "chinese": "gb18030",
        "ks_c_5601-1987": "cp949", "ks_c_5601": "cp949", "euc-kr": "cp949", "x-windows-949": "cp949",
        "ksc5601": "cp949", "korean": "cp949", "windows-949": "cp949",
        "shift_jis": "windows-31j", "shift-jis": "windows-31j", "sjis": "windows-31j", "x-sjis": "windows-31j",
        "ms_kanji": "windows-31j", "cp932": "windows-31j", "ms932": "windows-31j",
        "big5": "big5-hkscs", "x-x-big5": "big5-hkscs", "cn-big5": "big5-hkscs", "big5hkscs": "big5-hkscs",
        "iso-8859-8-i": "iso-8859-8", "iso-8859-6-i": "iso-8859-6", "iso-8859-6-e": "iso-8859-6",
        "tis-620": "windows-874", "iso-8859-11": "windows-874", "x-mac-roman": "macintosh",
        "cp1250": "windows-1250", "cp1251": "windows-1251", "cp1253": "windows-1253", "cp1254": "windows-1254",
        "cp1255": "windows-1255", "cp1256": "windows-1256", "cp1257": "windows-1257", "cp1258": "windows-1258",
        "iso-2022-jp-1": "iso-2022-jp-2", "csiso2022jp": "iso-2022-jp", "koi8": "koi8-r", "cp866": "ibm866",
        "utf-16le": "utf-16le", "utf-16be": "utf-16be", "unicode": "utf-16",
    ]

    /// The fallback chain for missing, unknown or wrong labels: UTF-8, then windows-1252.
    static func fallback(_ bytes: some Collection<UInt8>, because reason: String) -> Conversion {
        if let s = String(validating: bytes, as: UTF8.self) {
            return Conversion(text: stripBOM(s), warning: "\(reason); read as UTF-8")
        }
        return Conversion(text: windows1252(bytes), warning: "\(reason); read as windows-1252")
    }

    private static func stripBOM(_ s: String) -> String {
        s.unicodeScalars.first == "\u{FEFF}" ? String(s.unicodeScalars.dropFirst()) : s
    }

    /// windows-1252 (bytes 0x80–0x9F it leaves undefined read as Latin-1 controls): total.
    static func windows1252(_ bytes: some Collection<UInt8>) -> String {
        var s = String()
        s.unicodeScalars.reserveCapacity(bytes.count)
        for b in bytes {
            if b >= 0x80 && b < 0xA0 {
                let v = cp1252High[Int(b - 0x80)]
                s.unicodeScalars.append(Unicode.Scalar(v == 0 ? UInt32(b) : UInt32(v))!)
            } else {
                s.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return s
    }

    private static let cp1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Foundation's encoding for an IANA charset name, or nil when it has none.
    static func encoding(ianaName name: String) -> String.Encoding? {
        #if canImport(CoreFoundation)
        let cfEncoding: CFStringEncoding = name.withCString { cName in
            guard let cfName = CFStringCreateWithCString(nil, cName, CFStringBuiltInEncodings.UTF8.rawValue) else {
                return kCFStringEncodingInvalidId
            }
            return CFStringConvertIANACharSetNameToEncoding(cfName)
        }
        guard cfEncoding != kCFStringEncodingInvalidId else { return nil }
        return String.Encoding(rawValue: UInt(CFStringConvertEncodingToNSStringEncoding(cfEncoding)))
        #else
        return String.Encoding(ianaName: name)
        #endif
    }

    private static func foundationDecode(_ bytes: [UInt8], ianaName: String) -> String? {
        guard let e = encoding(ianaName: ianaName) else { return nil }
        return String(bytes: bytes, encoding: e)
    }
}

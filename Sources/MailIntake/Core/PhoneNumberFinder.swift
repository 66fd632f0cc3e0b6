/// Finds telephone numbers in what the requester wrote: UK national formats (07700 900123,
/// 020 7946 0000, +44 (0)20 7946 0000) and international ones (+966 …, +971 …, 00 966 …),
/// returned in E.164 form ("+447700900123") so administrators can dial them as they are.
///
/// Deliberately conservative: a run of digits counts only when it starts with "+", "00" or
/// a UK trunk "0" and has a plausible length, so dates, case references and hospital
/// numbers are not mistaken for phones. Arabic-Indic digits are read too.
///
/// A local number of another country ("٠٥٥١٢٣٤٥٦٧" in Riyadh, "06 12 34 56 78" in Lyon)
/// has no country code to make it E.164 and could be anything; it counts only when the words
/// just before it say it is a phone ("على الرقم", "au", "mobile:"…, see ``localCues``), and
/// is kept as written, so the administrator sees a number to confirm rather than none.
public enum PhoneNumberFinder {
    /// Every number found, in order of appearance, without repeats.
    public static func find(in text: String) -> [String] {
        var out: [String] = []
        let scalars = Array(text.unicodeScalars.map(asciiDigit))
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let startsNumber = c == "+" || ("0"..."9").contains(c)
            let previous: Unicode.Scalar? = i > 0 ? scalars[i - 1] : nil
            let boundary = previous.map { !($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "/") } ?? true
            guard startsNumber, boundary else {
                i += 1
                continue
            }
            // Take digits and the separators people put between them.
            var j = i
            var raw = String.UnicodeScalarView()
            while j < scalars.count {
                let s = scalars[j]
                if ("0"..."9").contains(s) || s == " " || s == "-" || s == "." || s == "(" || s == ")" || (s == "+" && j == i) || s == "\u{00A0}" {
                    raw.append(s)
                    j += 1
                } else {
                    break
                }
            }
            // Separators after the last digit are not part of the number.
            var end = j
            while end > i, !("0"..."9").contains(scalars[end - 1]) {
                end -= 1
                raw.removeLast()
            }
            // A number glued to letters or a slash ("24/11/2026", "ref123") is not a phone.
            let next: Unicode.Scalar? = end < scalars.count ? scalars[end] : nil
            let glued = next.map { $0.properties.isAlphabetic || $0 == "/" } ?? false
            if !glued, let number = normalise(String(raw)) ?? local(String(raw), after: scalars[max(0, i - 40)..<i]),
                !out.contains(number)
            {
                out.append(number)
            }
            i = max(j, i + 1)
        }
        return out
    }

    /// E.164 for one candidate, or nil when it is not a plausible phone number.
    static func normalise(_ raw: String) -> String? {
        var s = raw.trimmingCharacters(in: CharacterSet(charactersIn: " -.()\u{00A0}"))
        // "+44 (0)20 …": the (0) is the trunk prefix, not part of the international number.
        s = s.replacingOccurrences(of: "(0)", with: "")
        let digits = s.filter(\.isASCIIDigit)
        if s.hasPrefix("+") {
            return (8...15).contains(digits.count) && !digits.hasPrefix("0") ? "+" + digits : nil
        }
        if digits.hasPrefix("00") {
            let rest = digits.dropFirst(2)
            return (8...15).contains(rest.count) && !rest.hasPrefix("0") ? "+" + rest : nil
        }
        if digits.hasPrefix("0"), !digits.hasPrefix("00") {
            // UK: 11 digits (10 for a few old area codes), area codes start 01, 02, 03, 05, 07, 08.
            guard digits.count == 11 || (digits.count == 10 && digits.hasPrefix("01")) else { return nil }
            guard let second = digits.dropFirst().first, "123578".contains(second) else { return nil }
            return "+44" + digits.dropFirst()
        }
        return nil
    }

    /// Words that introduce a phone number, lowercased, in the three languages.
    /// Specific on purpose: "number" alone also introduces hospital and file numbers.
    static let localCues = [
        "phone", "mobile", "tel:", "tel.", "tel ", "cell", "call me", "ring me", "reach me", "whatsapp",
        "téléphone", "telephone", "portable", "tél", "joignable", "appeler", "appelez", "joindre",
        "هاتف", "جوال", "موبايل", "واتساب", "تلفون", "على الرقم", "رقمي",
    ]

    /// A national number of another country (9 to 12 digits with its trunk "0"), when the text
    /// just before it (`before`) names it as a phone: as written, digits in ASCII.
    static func local(_ raw: String, after before: ArraySlice<Unicode.Scalar>) -> String? {
        let written = raw.trimmingCharacters(in: CharacterSet(charactersIn: " -.()\u{00A0}"))
        let digits = written.filter(\.isASCIIDigit)
        guard digits.hasPrefix("0"), !digits.hasPrefix("00"), (9...12).contains(digits.count) else { return nil }
        var context = String.UnicodeScalarView()
        context.append(contentsOf: before)
        let lead = String(context).lowercased()
        guard localCues.contains(where: { cue(cue: $0, in: lead) }) else { return nil }
        return written.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).joined(separator: " ")
    }

    /// `cue` in `text`, a Latin one at the start of a word ("tel " is not the end of "hotel "),
    /// an Arabic one anywhere (it may carry the article or a preposition: "الجوال", "بالهاتف").
    static func cue(cue: String, in text: String) -> Bool {
        var searchFrom = text.startIndex
        while let found = text.range(of: cue, range: searchFrom..<text.endIndex) {
            guard cue.unicodeScalars.first?.isASCII == true, found.lowerBound > text.startIndex else { return true }
            if !text[text.index(before: found.lowerBound)].isLetter { return true }
            searchFrom = found.upperBound
        }
        return false
    }

    /// Arabic-Indic (U+0660…) and Eastern Arabic-Indic (U+06F0…) digits as ASCII.
    static func asciiDigit(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0x0660...0x0669: return Unicode.Scalar(s.value - 0x0660 + 0x30) ?? s
        case 0x06F0...0x06F9: return Unicode.Scalar(s.value - 0x06F0 + 0x30) ?? s
        default: return s
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

import Foundation

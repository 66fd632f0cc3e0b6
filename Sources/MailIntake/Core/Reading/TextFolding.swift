/// Folds text to the form the reading tables are written in, so that one table line
/// matches every way people type the same word: lower case, Latin accents dropped
/// ("téléphone", "telephone", "TELEPHONE"), curly apostrophes straightened, and Arabic
/// normalised (alef forms أ إ آ ٱ → ا, alef maqsura ى → ي, taa marbuta ة → ه, tatweel and
/// harakat dropped), Arabic-Indic and Eastern Arabic-Indic digits read as ASCII.
///
/// Folding works scalar by scalar, so a token keeps its place in the original text.
public enum TextFolding {
    /// The folded form of `text`.
    public static func fold(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return String(out)
    }

    /// Appends the folded form of one scalar (possibly nothing, possibly several scalars).
    static func append(_ s: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = s.value
        if v < 0x80 {
            out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 0x20)! : s)
            return
        }
        switch v {
        case 0x2019, 0x2018, 0x02BC, 0x00B4, 0x2032: out.append("'")
        case 0x201C, 0x201D, 0x00AB, 0x00BB: out.append("\"")
        case 0x00A0, 0x202F, 0x2007: out.append(" ")
        case 0x2010...0x2015: out.append("-")
        case 0x0623, 0x0625, 0x0622, 0x0671: out.append("\u{0627}")  // alef forms → ا
        case 0x0649: out.append("\u{064A}")  // ى → ي
        case 0x0629: out.append("\u{0647}")  // ة → ه
        case 0x0640, 0x064B...0x065F, 0x0670: break  // tatweel, harakat, superscript alef
        case 0x0660...0x0669: out.append(Unicode.Scalar(v - 0x0660 + 0x30)!)
        case 0x06F0...0x06F9: out.append(Unicode.Scalar(v - 0x06F0 + 0x30)!)
        case 0x060C: out.append(",")  // Arabic comma
        case 0x061B: out.append(";")
        case 0x061F: out.append("?")
        case 0x0300...0x036F: break  // combining accents (decomposed input)
        case 0x00DF: out.append(contentsOf: "ss".unicodeScalars)
        case 0x0153: out.append(contentsOf: "oe".unicodeScalars)
        case 0x00E6: out.append(contentsOf: "ae".unicodeScalars)
        default:
            if let base = latinBase(v) {
                out.append(base)
            } else {
                for l in s.properties.lowercaseMapping.unicodeScalars { out.append(l) }
            }
        }
    }

    /// The unaccented lower-case letter for Latin-1 and common Latin Extended-A letters.
    static func latinBase(_ v: UInt32) -> Unicode.Scalar? {
        switch v {
        case 0xC0...0xC5, 0xE0...0xE5, 0x100...0x105: return "a"
        case 0xC7, 0xE7, 0x106...0x10D: return "c"
        case 0xC8...0xCB, 0xE8...0xEB, 0x112...0x11B: return "e"
        case 0xCC...0xCF, 0xEC...0xEF, 0x128...0x131: return "i"
        case 0xD1, 0xF1, 0x143...0x148: return "n"
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8, 0x14C...0x151: return "o"
        case 0xD9...0xDC, 0xF9...0xFC, 0x168...0x173: return "u"
        case 0xDD, 0xFD, 0xFF, 0x178: return "y"
        default: return nil
        }
    }

    /// True for letters of the Arabic script (the language guess counts them).
    static func isArabicLetter(_ s: Unicode.Scalar) -> Bool {
        (0x0621...0x064A).contains(s.value) || (0x0671...0x06D3).contains(s.value)
            || (0xFB50...0xFDFF).contains(s.value) || (0xFE70...0xFEFF).contains(s.value)
    }
}

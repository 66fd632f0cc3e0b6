import Foundation

/// Turns a filename chosen by a stranger into one that is safe to create in the shared folder.
///
/// Attachment names come from mail, so they are hostile until proven otherwise: a name may
/// try to climb out of the case folder (`../../etc/passwd`), hide its real extension behind a
/// right-to-left override (`invoice\u{202E}fdp.exe`), or be a name Windows will not open
/// (`CON.pdf`, `report.` or `a:b`). Administrators read the share from Windows and macOS, so the
/// result must be valid on both: no separators, no control or direction characters, none of
/// `<>:"|?*`, no reserved device names, no leading dots, no trailing dots or spaces, Unicode
/// NFC, at most ``maxBytes`` UTF-8 bytes with the extension kept.
public enum FilenameSanitizer {
    /// The longest name produced, in UTF-8 bytes (well under every file system's 255).
    public static let maxBytes = 120

    /// A safe name for `name`, or `attachment-<index>` when nothing usable is left.
    ///
    /// Only the last path component is kept (mailers sometimes send `C:\Users\…\report.pdf`).
    public static func sanitize(_ name: String, index: Int = 1) -> String {
        let nfc = name.precomposedStringWithCanonicalMapping
        let lastComponent = nfc.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in lastComponent.unicodeScalars {
            if isInvisible(scalar) { continue }
            scalars.append(windowsInvalid.contains(scalar) ? "_" : scalar)
        }
        var cleaned = collapseDots(String(scalars))
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        cleaned = trimTrailingDotsAndSpaces(cleaned)
        if cleaned.isEmpty { return "attachment-\(index)" }
        if isReservedDeviceName(cleaned) { cleaned = "_" + cleaned }
        return limitLength(cleaned, maxBytes: maxBytes)
    }

    /// `name` itself when no name in `taken` equals it ignoring case (Windows and macOS shares
    /// are case-insensitive), else `name (2)`, `name (3)`, … with the extension kept.
    public static func unique(_ name: String, taken: Set<String>) -> String {
        let lowered = Set(taken.map { $0.lowercased() })
        if !lowered.contains(name.lowercased()) { return name }
        let (base, ext) = splitExtension(name)
        var counter = 2
        while true {
            let suffix = " (\(counter))" + ext
            let candidate = truncate(base, toBytes: maxBytes - suffix.utf8.count) + suffix
            if !lowered.contains(candidate.lowercased()) { return candidate }
            counter += 1
        }
    }

    // MARK: - Pieces

    /// Characters Windows refuses in a name (the path separators are handled before).
    private static let windowsInvalid: Set<Unicode.Scalar> = ["<", ">", ":", "\"", "|", "?", "*"]

    /// Control characters, direction overrides and zero-width characters: they either break a
    /// file system or make a name display as something it is not.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1
        case 0x200B...0x200F: return true  // zero-width space/joiners, LRM, RLM
        case 0x202A...0x202E: return true  // embeddings and overrides (RLO is U+202E)
        case 0x2066...0x2069: return true  // isolates
        case 0x061C, 0xFEFF, 0xFFF9...0xFFFB: return true  // Arabic letter mark, BOM, annotations
        default: return false
        }
    }

    /// `..` anywhere becomes `.`, so no component can ever be a parent reference.
    private static func collapseDots(_ s: String) -> String {
        var out = ""
        var previousDot = false
        for ch in s {
            if ch == "." {
                if previousDot { continue }
                previousDot = true
            } else {
                previousDot = false
            }
            out.append(ch)
        }
        return out
    }

    private static func trimTrailingDotsAndSpaces(_ s: String) -> String {
        var s = s
        while let last = s.last, last == "." || last == " " || last.isWhitespace { s.removeLast() }
        return s
    }

    private static let reservedDeviceNames: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
        for n in ["1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"] {
            names.insert("COM" + n)
            names.insert("LPT" + n)
        }
        return names
    }()

    /// Windows treats `CON`, `con.pdf` and `Con .tar.gz` alike: the part before the first dot,
    /// trailing spaces ignored.
    private static func isReservedDeviceName(_ s: String) -> Bool {
        let stem = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? s
        let trimmed = trimTrailingDotsAndSpaces(stem).uppercased()
        return reservedDeviceNames.contains(trimmed)
    }

    /// Splits `report.final.pdf` into `report.final` and `.pdf`; an "extension" longer than 16
    /// bytes or containing spaces is treated as part of the name.
    static func splitExtension(_ name: String) -> (base: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        let ext = String(name[dot...])
        if ext.utf8.count > 16 || ext.contains(" ") || ext.count < 2 { return (name, "") }
        return (String(name[..<dot]), ext)
    }

    private static func limitLength(_ name: String, maxBytes: Int) -> String {
        guard name.utf8.count > maxBytes else { return name }
        let (base, ext) = splitExtension(name)
        let kept = truncate(base, toBytes: maxBytes - ext.utf8.count)
        let result = trimTrailingDotsAndSpaces(kept) + ext
        return result.isEmpty ? "attachment" : result
    }

    /// The longest prefix of whole characters that fits in `limit` UTF-8 bytes.
    private static func truncate(_ s: String, toBytes limit: Int) -> String {
        var out = ""
        var used = 0
        for ch in s {
            let n = String(ch).utf8.count
            if used + n > limit { break }
            out.append(ch)
            used += n
        }
        return out
    }
}

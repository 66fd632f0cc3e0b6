import Foundation

/// Escaping and shared pieces for the HTML pages written into the case folder.
///
/// Everything in those pages that came from mail (subject, names, filenames, body text) is
/// hostile: it goes through ``escape(_:)`` and nowhere else, so a `<script>` in a filename shows
/// as text. The pages also carry a Content-Security-Policy that forbids scripts and every
/// external resource, as a second wall.
enum HTMLText {
    /// `s` with `& < > " '` replaced by entities, control characters (other than tab and
    /// newline) dropped, and direction overrides shown as `[U+202E]` so a name cannot
    /// rearrange the page.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (0x7F...0x9F).contains(v) { continue }
                if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                    // Shown, not obeyed: a person should see that a name tried to reorder itself.
                    out += "[U+" + String(v, radix: 16, uppercase: true) + "]"
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A relative link target: each path segment percent-encoded (so `#`, `?` and spaces in a
    /// sanitised filename still open the file), then HTML-escaped for the attribute.
    static func href(_ relativePath: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?;:")
        let encoded = relativePath.split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
            .joined(separator: "/")
        return escape(encoded)
    }

    /// The policy both pages carry: no scripts, no fetches, only inline style and local images.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"

    /// `<head>` with charset, CSP, no referrer, the title and the shared style sheet.
    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <meta name="referrer" content="no-referrer">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(style)</style>
        </head>

        """
    }

    static let style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#1d1d1f}
        h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid #eee;vertical-align:top}
        th{background:#f5f5f7}.ok{color:#1a7f37}.bad{color:#b42318}.muted{color:#6e6e73}
        .issues li{color:#b42318}.box{background:#f5f5f7;border-radius:6px;padding:.8em 1em;white-space:pre-wrap;overflow-wrap:anywhere}
        .tag{display:inline-block;border-radius:4px;padding:0 .4em;font-size:.85em;background:#eee}
        .auto{opacity:.8}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
        """
}

/// Dates as the administrators read them: wall-clock time in the office's zone with the zone's
/// abbreviation ("Mon 30 Nov 2026, 17:00 GMT"). Formatters are costly to make, so one of these
/// is made per page and keeps one pair per time zone.
final class TimeText {
    private var formatters: [String: (full: DateFormatter, clock: DateFormatter)] = [:]

    /// "Mon 30 Nov 2026, 17:00 GMT".
    func full(_ date: Date, zone: String = "Europe/London") -> String {
        pair(zone).full.string(from: date)
    }

    /// "17:00", for the end of a slot on the same day.
    func clock(_ date: Date, zone: String = "Europe/London") -> String {
        pair(zone).clock.string(from: date)
    }

    private func pair(_ zone: String) -> (full: DateFormatter, clock: DateFormatter) {
        if let known = formatters[zone] { return known }
        func make(_ format: String) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_GB")
            formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "Europe/London")
            formatter.dateFormat = format
            return formatter
        }
        let made = (full: make("EEE d MMM yyyy, HH:mm zzz"), clock: make("HH:mm"))
        formatters[zone] = made
        return made
    }
}

import Foundation

/// Dates, times and sizes written the way the reply's language writes them: "Wednesday
/// 25 November 2026, 2pm" in English, "mercredi 25 novembre 2026, 14:00" in French, Arabic
/// with its own month names and digits. Foundation's ICU data supplies the conventions; the
/// office's time zone comes from the calendar, never from the machine.
struct ReplyTimeWords {
    let language: IntakeCase.Language
    let timeZone: TimeZone

    init(language: IntakeCase.Language, timeZone: TimeZone) {
        self.language = language
        self.timeZone = timeZone
    }

    var locale: Locale {
        switch language {
        case .en: Locale(identifier: "en_GB")
        case .fr: Locale(identifier: "fr_FR")
        case .ar: Locale(identifier: "ar")
        }
    }

    /// "Wednesday 25 November 2026" (in `zone`, the office's by default).
    func day(_ d: Date, zone: TimeZone? = nil) -> String {
        formatter(template: "EEEEdMMMMyyyy", zone: zone ?? timeZone).string(from: d).replacingOccurrences(of: ",", with: "")
    }

    /// "2pm", "9:30am" in English; "14:00" in French; Arabic's own (with ص/م).
    func clock(_ d: Date, zone: TimeZone? = nil) -> String {
        let z = zone ?? timeZone
        guard language == .en else { return formatter(template: language == .fr ? "HHmm" : "jmm", zone: z).string(from: d) }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = z
        let h = cal.component(.hour, from: d)
        let m = cal.component(.minute, from: d)
        let hour12 = h % 12 == 0 ? 12 : h % 12
        let suffix = h < 12 ? "am" : "pm"
        return m == 0 ? "\(hour12)\(suffix)" : "\(hour12):\(m < 10 ? "0" : "")\(m)\(suffix)"
    }

    /// A whole number in the language's digits ("٣" in Arabic).
    func number(_ n: Int) -> String {
        let f = NumberFormatter()
        f.locale = locale
        f.numberStyle = .decimal
        return f.string(from: NSNumber(value: n)) ?? String(n)
    }

    /// "8 MB" (bytes / 1024 / 1024, whole when whole).
    func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_048_576
        let f = NumberFormatter()
        f.locale = locale
        f.numberStyle = .decimal
        f.maximumFractionDigits = 1
        let n = f.string(from: NSNumber(value: mb)) ?? String(mb)
        switch language {
        case .en: return n + " MB"
        case .fr: return n + " Mo"
        case .ar: return n + " ميغابايت"
        }
    }

    /// "UTC+04:00" for an offset in seconds.
    static func zoneLabel(offsetSeconds: Int) -> String {
        let sign = offsetSeconds < 0 ? "-" : "+"
        let a = abs(offsetSeconds) / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "UTC\(sign)\(two(a / 60)):\(two(a % 60))"
    }

    private func formatter(template: String, zone: TimeZone) -> DateFormatter {
        let f = DateFormatter()
        f.locale = locale
        f.timeZone = zone
        f.calendar = Calendar(identifier: .gregorian)
        f.setLocalizedDateFormatFromTemplate(template)
        return f
    }
}

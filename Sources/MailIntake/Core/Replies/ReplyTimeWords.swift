import Foundation
import Synchronization

/// Dates, times and sizes written the way the reply's language writes them: "Wednesday
/// 25 November 2026, 2pm" in English, "mercredi 25 novembre 2026, 14:00" in French, Arabic
/// with its own month names and digits. Foundation's ICU data supplies the conventions; the
/// office's time zone comes from the calendar, never from the machine.
///
/// Formatters are made once per language, pattern and zone and kept (``FormatterCache``): a
/// `DateFormatter` built per call (ICU pattern generation included) cost more than the rest
/// of the reply's dates together.
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
        // Wall-clock seconds of the day in `z`, without a Calendar.
        let local = Int((d.timeIntervalSince1970 + Double(z.secondsFromGMT(for: d))).rounded(.down))
        let seconds = ((local % 86_400) + 86_400) % 86_400
        let h = seconds / 3600
        let m = seconds / 60 % 60
        let hour12 = h % 12 == 0 ? 12 : h % 12
        let suffix = h < 12 ? "am" : "pm"
        return m == 0 ? "\(hour12)\(suffix)" : "\(hour12):\(m < 10 ? "0" : "")\(m)\(suffix)"
    }

    /// A whole number in the language's digits ("٣" in Arabic).
    func number(_ n: Int) -> String {
        Self.cache.number(locale: locale, fractionDigits: 0, NSNumber(value: n)) ?? String(n)
    }

    /// "8 MB" (bytes / 1024 / 1024, whole when whole).
    func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_048_576
        let n = Self.cache.number(locale: locale, fractionDigits: 1, NSNumber(value: mb)) ?? String(mb)
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

    private struct DateFormatting {
        let locale: Locale
        let template: String
        let zone: TimeZone
        func string(from date: Date) -> String {
            ReplyTimeWords.cache.date(date, locale: locale, template: template, zone: zone)
        }
    }

    private func formatter(template: String, zone: TimeZone) -> DateFormatting {
        DateFormatting(locale: locale, template: template, zone: zone)
    }

    static let cache = FormatterCache()
}

/// The formatters replies use, made once each and shared: Foundation's formatters are
/// expensive to create and not `Sendable`, so they are kept behind a lock and used under it.
final class FormatterCache: Sendable {
    private struct State {
        var dates: [String: DateFormatter] = [:]
        var numbers: [String: NumberFormatter] = [:]
    }

    private let state = Mutex(State())

    /// `date` through the formatter for a localized `template` in `zone` (made on first use).
    func date(_ date: Date, locale: Locale, template: String, zone: TimeZone) -> String {
        let key = locale.identifier + "|" + template + "|" + zone.identifier
        return state.withLock { state in
            if let known = state.dates[key] { return known.string(from: date) }
            let f = DateFormatter()
            f.locale = locale
            f.timeZone = zone
            f.calendar = Calendar(identifier: .gregorian)
            f.setLocalizedDateFormatFromTemplate(template)
            state.dates[key] = f
            return f.string(from: date)
        }
    }

    /// A decimal number in `locale`'s digits, with at most `fractionDigits` decimals.
    func number(locale: Locale, fractionDigits: Int, _ value: NSNumber) -> String? {
        let key = locale.identifier + "|" + String(fractionDigits)
        return state.withLock { state in
            if let known = state.numbers[key] { return known.string(from: value) }
            let f = NumberFormatter()
            f.locale = locale
            f.numberStyle = .decimal
            f.maximumFractionDigits = fractionDigits
            state.numbers[key] = f
            return f.string(from: value)
        }
    }
}

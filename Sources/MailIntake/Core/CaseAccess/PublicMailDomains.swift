/// Domains of public mail services: anyone can have an address there, so "the same domain"
/// is no tie between two senders. Used only to stop an embassy case's domain rule from
/// opening a case to every user of the service its officer happened to write from.
enum PublicMailDomains {
    static func contains(_ domain: String) -> Bool {
        let d = domain.lowercased()
        if exact.contains(d) { return true }
        // Country variants: yahoo.co.uk, hotmail.fr, outlook.sa, gmx.de, yandex.ru …
        let first = d.split(separator: ".").first.map(String.init) ?? d
        return brands.contains(first)
    }

    static let exact: Set<String> = [
        "gmail.com", "googlemail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
        "pm.me", "mail.com", "zoho.com", "fastmail.com", "tutanota.com", "btinternet.com", "sky.com",
        "virginmedia.com", "talktalk.net", "mail.ru", "qq.com", "163.com", "126.com",
    ]

    static let brands: Set<String> = ["hotmail", "outlook", "live", "msn", "yahoo", "ymail", "gmx", "web", "yandex", "orange", "wanadoo", "free", "laposte", "libero"]
}

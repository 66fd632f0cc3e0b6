import Testing
@testable import MailIntake

@Suite struct FilenameSanitizerTests {
    static let table: [(String, String)] = [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system32\\cmd.exe", "cmd.exe"),
        ("C:\\Users\\Amal\\Desktop\\scan 1.jpg", "scan 1.jpg"),
        ("..", "attachment-1"),
        ("/", "attachment-1"),
        ("", "attachment-1"),
        ("   ", "attachment-1"),
        (".hidden", "hidden"),
        ("...pdf", "pdf"),
        ("report..pdf", "report.pdf"),
        ("CON", "_CON"),
        ("con.pdf", "_con.pdf"),
        ("LPT9.txt", "_LPT9.txt"),
        ("COM1.tar.gz", "_COM1.tar.gz"),
        ("nul", "_nul"),
        ("CONSOLE.pdf", "CONSOLE.pdf"),
        ("report. ", "report"),
        ("report.pdf...", "report.pdf"),
        ("a<b>c:d\"e|f?g*h.pdf", "a_b_c_d_e_f_g_h.pdf"),
        ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
        ("tab\there\nnew.pdf", "tabherenew.pdf"),
        ("zero\u{200B}width.png", "zerowidth.png"),
        ("bell\u{07}.pdf", "bell.pdf"),
        ("Cafe\u{301}.pdf", "Café.pdf"),
        ("تقرير طبي.pdf", "تقرير طبي.pdf"),
    ]

    @Test(arguments: table)
    func hostileNamesBecomeSafe(input: String, expected: String) {
        #expect(FilenameSanitizer.sanitize(input) == expected)
    }

    @Test(arguments: table.map(\.0) + ["a/../b", "\u{0}", ".. .", "a\\b/c"])
    func everyResultObeysTheRules(input: String) {
        let out = FilenameSanitizer.sanitize(input)
        #expect(!out.isEmpty)
        #expect(!out.contains("/") && !out.contains("\\"))
        #expect(!out.contains(".."))
        #expect(!out.hasPrefix("."))
        #expect(!out.hasSuffix(".") && !out.hasSuffix(" "))
        #expect(out.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F })
        #expect(out.utf8.count <= FilenameSanitizer.maxBytes)
    }

    @Test func emptyNamesAreNumbered() {
        #expect(FilenameSanitizer.sanitize("", index: 3) == "attachment-3")
    }

    @Test func longNamesKeepTheirExtensionWithinTheByteLimit() {
        let long = String(repeating: "é", count: 200) + ".pdf"
        let out = FilenameSanitizer.sanitize(long)
        #expect(out.utf8.count <= 120)
        #expect(out.hasSuffix(".pdf"))
        #expect(out.hasPrefix("ééé"))
    }

    @Test func collisionsAreNumberedIgnoringCase() {
        #expect(FilenameSanitizer.unique("report.pdf", taken: []) == "report.pdf")
        #expect(FilenameSanitizer.unique("report.pdf", taken: ["Report.PDF"]) == "report (2).pdf")
        #expect(
            FilenameSanitizer.unique("report.pdf", taken: ["report.pdf", "report (2).pdf"]) == "report (3).pdf")
        #expect(FilenameSanitizer.unique("README", taken: ["readme"]) == "README (2)")
    }

    @Test func numberedCollisionsStayWithinTheLimit() {
        let long = FilenameSanitizer.sanitize(String(repeating: "x", count: 300) + ".jpeg")
        let second = FilenameSanitizer.unique(long, taken: [long])
        #expect(second.utf8.count <= FilenameSanitizer.maxBytes)
        #expect(second.hasSuffix(" (2).jpeg"))
    }
}

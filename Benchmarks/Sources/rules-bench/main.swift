// rules-bench: generates 10,000 requests deterministically and runs the intake planner over
// them (parse + rules + reply composition), printing messages per second.
//
//   cd Benchmarks && swift run -c release rules-bench [count]
import Foundation
import MIMEParser
import MailIntake

#if canImport(Glibc)
import Glibc
#endif

/// Processor time used by this process so far.
func clock_t_now() -> clock_t { clock() }

/// SplitMix64: the same stream on every run and platform.
struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ a: [T]) -> T { a[Int(next() % UInt64(a.count))] }
    mutating func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) } }
}

let texts = [
    "My father has a 3 cm liver lesion and we would like a second opinion on the treatment plan. I accept the terms and conditions. Please call me on 07700 900123.",
    "I had an MRI of the lumbar spine last month and the radiologist suggests surgery. Please contact me by email.\nI agree to the terms and conditions.",
    "أرجو مراجعة تقرير الرنين المغناطيسي لوالدي المصاب بورم في الدماغ. أوافق على الشروط والأحكام. اتصل بي على +966 50 123 4567",
    "Bonjour, ma mère a un cancer du sein et nous souhaitons un deuxième avis. J'accepte les conditions générales. Merci de me contacter par téléphone au +33 6 12 34 56 78.",
    "Please see attached.\n\nThanks",
    "The Embassy of the State of Kuwait sponsors the patient below for a second opinion on his cardiac surgery. Letter of guarantee attached.",
]
let senders = [
    "Amira Haddad <amira@example.com>", "John Smith <john.smith@example.co.uk>",
    "Medical Attaché <health@uk.mofa.gov.sa>", "=?UTF-8?B?2KPZhdmK2LHYqSDYrdiv2KfYrw==?= <amira@example.net>",
    "Marie Dubois <marie@example.fr>",
]
let pdf = Array("%PDF-1.7\n".utf8)
let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0]
let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

func base64Lines(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\r\n"
}

func message(_ n: Int, _ g: inout Generator) -> [UInt8] {
    var s = "From: \(g.pick(senders))\r\nTo: secondopinion@example.org\r\n"
    s += "Subject: Second opinion request \(n)\r\nMessage-ID: <req\(n)@example.com>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
    if g.next() % 20 == 0 { s += "Auto-Submitted: auto-replied\r\n" }
    s += "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
    s += "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(g.pick(texts))\r\n"
    s += "\r\n-- \r\nSent from my phone\r\n\r\nOn Fri, 20 Nov 2026, Clinic wrote:\r\n> earlier text\r\n"
    let files = Int(g.next() % 5)
    for k in 0..<files {
        let (name, type, head): (String, String, [UInt8]) = g.pick([
            ("report.pdf", "application/pdf", pdf), ("scan\(k).jpg", "image/jpeg", jpeg), ("xray\(k).png", "image/png", png),
            ("scan.pdf", "application/pdf", Array("MZ".utf8)), ("LOG.pdf", "application/pdf", pdf), ("notes.txt", "text/plain", Array("notes ".utf8)),
        ])
        let size = 2_000 + Int(g.next() % 60_000)
        let body = head + (type == "text/plain" ? Array(repeating: 0x61, count: size) : g.bytes(size))
        s += "--b\r\nContent-Type: \(type)\r\nContent-Disposition: attachment; filename=\"\(name)\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        s += base64Lines(body)
    }
    s += "--b--\r\n"
    return Array(s.utf8)
}

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 10_000
var g = Generator(state: 2026)
let planner = IntakePlanner(configuration: .default)
let received = Date(timeIntervalSince1970: 1_795_432_500)  // Tue 24 Nov 2026 09:15 UTC

// Generated in batches (untimed) so that memory stays small; only planning is timed.
let wallClock = ContinuousClock()
var elapsed = Duration.zero
var cpuTicks: clock_t = 0
var totalBytes = 0
var replies = 0
var issues = 0
var done = 0
while done < count {
    let batch = (done..<min(count, done + 500)).map { message($0, &g) }
    totalBytes += batch.reduce(0) { $0 + $1.count }
    let cpuStart = clock_t_now()
    elapsed += wallClock.measure {
        for (k, bytes) in batch.enumerated() {
            let caseId = "SMO-2026-" + String(100_000 + done + k).suffix(6)
            let plan = planner.plan(bytes: bytes, receivedAt: received, caseId: String(caseId))
            if plan.reply != nil { replies += 1 }
            issues += plan.intakeCase.issues.count
        }
    }
    cpuTicks += clock_t_now() - cpuStart
    done += batch.count
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let cpu = Double(cpuTicks) / Double(CLOCKS_PER_SEC)
print("rules-bench: \(count) messages, \(totalBytes / 1024 / 1024) MB, \(replies) replies, \(issues) issues")
print(String(format: "rules-bench: %.3f s wall, %.0f messages/s, %.1f MB/s", seconds, Double(count) / seconds, Double(totalBytes) / 1_048_576 / seconds))
// On a shared machine the wall clock includes other processes' turns; CPU time does not.
print(String(format: "rules-bench: %.3f s CPU, %.0f messages per CPU-second", cpu, Double(count) / cpu))

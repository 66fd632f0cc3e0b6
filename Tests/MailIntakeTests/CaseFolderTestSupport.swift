import Foundation
@testable import MailIntake

/// A fresh folder under the system temp directory, removed by `cleanup()`.
struct ScratchFolder {
    let path: String

    init(_ label: String = "casefolder") {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }

    func mode(of relative: String) -> Int? {
        let attrs = try? FileManager.default.attributesOfItem(atPath: path + "/" + relative)
        return (attrs?[.posixPermissions] as? NSNumber)?.intValue
    }
}

enum SampleCase {
    static func make(
        id: String = "SMO-2026-000001", receivedAt: Date = Date(timeIntervalSince1970: 1_795_511_700),
        subject: String? = "Second opinion request", name: String = "Amal Haddad",
        filename: String = "report.pdf", issues: [IntakeCase.IssueCode] = []
    ) -> IntakeCase {
        var c = IntakeCase(
            caseId: id, receivedAt: receivedAt, messageId: "<req-\(id)@example.net>",
            requester: .init(kind: .patient, name: name, email: "amal@example.net", phone: nil, preferredContact: .unknown),
            service: .recordsReview, description: "Pain in the left knee since March.",
            attachments: [
                .init(
                    filename: filename, storedAs: "attachments/report.pdf", role: .report,
                    declaredType: "application/pdf", detectedType: "application/pdf", size: 1234,
                    sha256: String(repeating: "a", count: 64), status: .accepted, reason: nil)
            ],
            embassy: .init(detected: false, signals: [], letterOfGuarantee: false), issues: issues,
            callback: .init(
                due: receivedAt.addingTimeInterval(86_400), timeZone: "Europe/London",
                slots: [.init(start: receivedAt.addingTimeInterval(3600), end: receivedAt.addingTimeInterval(5400))],
                booked: nil),
            reply: .init(status: .sent, reason: nil))
        c.subject = subject
        return c
    }
}

import Foundation
import Testing

@testable import MailIntake

/// Every sample's reply, text and HTML, in each language, compared with the files under
/// `Tests/MailIntakeTests/Golden/replies/` (`<sample>.<language>.txt` / `.html`). A change in
/// wording or rules shows here as a diff to review. To accept it, rewrite the files:
///
///     UPDATE_GOLDEN=1 /work/coord/swiftw test --filter ReplyGoldenTests
@Suite struct ReplyGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/replies")
    static let now = ISO8601DateFormatter().date(from: "2026-11-24T09:15:00Z")!
    static var samples: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: IntakeRunnerTests.samplesFolder.path)) ?? [])
            .filter { $0.hasSuffix(".eml") }.sorted()
    }

    /// The reply to `sample` in `language`: a new case, or for sample 12 the follow-up to sample 01.
    static func reply(_ sample: String, _ language: IntakeCase.Language) throws -> OutgoingMail? {
        let raw = Array(try Data(contentsOf: IntakeRunnerTests.samplesFolder.appendingPathComponent(sample)))
        guard sample.hasPrefix("12-") else {
            return ReplyPreview.forMessage(raw, configuration: .default, now: now, caseId: "SMO-2026-000001", language: language)
        }
        let first = Array(try Data(contentsOf: IntakeRunnerTests.samplesFolder.appendingPathComponent("01-complete-patient-request.eml")))
        let planner = IntakePlanner(configuration: .default)
        var opened = planner.plan(bytes: first, receivedAt: now, caseId: "SMO-2026-000001").intakeCase
        opened.language = language
        return planner.plan(bytes: raw, receivedAt: now.addingTimeInterval(3600), caseId: "SMO-2026-000001", existingCase: opened).reply
    }

    @Test func everySampleHasGoldenReplies() throws {
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil
        if update { try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true) }
        #expect(Self.samples.count >= 15)
        var compared = 0
        for sample in Self.samples {
            for language in IntakeCase.Language.allCases {
                guard let mail = try Self.reply(sample, language) else { continue }
                let parts = ReplyPreview.document(of: mail)
                let base = String(sample.dropLast(4)) + "." + language.rawValue
                for (ext, actual) in [("txt", parts.text), ("html", parts.html)] {
                    let url = Self.folder.appendingPathComponent(base + "." + ext)
                    if update {
                        try actual.write(to: url, atomically: true, encoding: .utf8)
                        continue
                    }
                    let expected = try? String(contentsOf: url, encoding: .utf8)
                    #expect(expected == actual, "\(base).\(ext) differs; review and rerun with UPDATE_GOLDEN=1")
                    compared += 1
                }
            }
        }
        // 13 samples get a reply (10 and 11 are automatic), in 3 languages, text and HTML.
        #expect(update || compared == 13 * 3 * 2)
    }

    @Test func automaticMailGetsNoReplyToRender() throws {
        #expect(try Self.reply("10-out-of-office.eml", .en) == nil)
        #expect(try Self.reply("11-delivery-status-notification.eml", .en) == nil)
    }
}

import Foundation
import Testing

/// `mail-bot parse --json` through the built binary, checked against the contract's shape
/// and against values computed here independently (sizes and SHA-256 of the decoded files).
@Suite struct ParseCommandTests {
    static func object(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func message(boundary: String, file: [UInt8]) -> [UInt8] {
        let encoded = Data(file).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let text = """
            Message-ID: <parse-test@example.net>\r
            From: =?UTF-8?B?SsOpcsO0bWU=?= <jerome@example.net>\r
            Subject: =?ISO-8859-1?Q?Deuxi=E8me_avis?=\r
            Date: Tue, 24 Nov 2026 09:15:00 +0000\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="\(boundary)"\r
            \r
            --\(boundary)\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Bonjour.\r
            --\(boundary)\r
            Content-Type: application/pdf\r
            Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sultats.pdf\r
            Content-Transfer-Encoding: base64\r
            \r
            \(encoded)\r
            --\(boundary)--\r

            """
        return Array(text.utf8)
    }

    @Test func jsonFollowsTheContractOneObjectPerFileInOrder() throws {
        let scratch = ScratchFolder("parse")
        defer { scratch.cleanup() }
        let pdf = Array("%PDF-1.4\n".utf8) + (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let first = scratch.path + "/first.eml"
        let garbage = scratch.path + "/garbage.eml"
        try Data(Self.message(boundary: "b1", file: pdf)).write(to: URL(fileURLWithPath: first))
        try Data([0x00, 0xFF, 0x2D, 0x2D, 0x0A, 0x3A]).write(to: URL(fileURLWithPath: garbage))

        let run = try ProcessCommandTests.run(["parse", first, garbage, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)

        let message = try Self.object(lines[0])
        #expect(message["messageId"] as? String == "<parse-test@example.net>")
        #expect(message["subject"] as? String == "Deuxième avis")
        #expect(message["date"] as? String == "2026-11-24T09:15:00Z")
        let from = try #require(message["from"] as? [[String: Any]])
        #expect(from.first?["name"] as? String == "Jérôme")
        #expect(from.first?["address"] as? String == "jerome@example.net")
        let parts = try #require(message["parts"] as? [[String: Any]])
        #expect(parts.map { $0["path"] as? String } == ["1", "2"])
        #expect(parts[0]["contentType"] as? String == "text/plain")
        #expect(parts[0]["charset"] as? String == "utf-8")
        #expect(parts[1]["contentType"] as? String == "application/pdf")
        #expect(parts[1]["disposition"] as? String == "attachment")
        #expect(parts[1]["filename"] as? String == "résultats.pdf")
        #expect(parts[1]["size"] as? Int == pdf.count)
        #expect(parts[1]["sha256"] as? String == (try Self.sha256sum(pdf, in: scratch.path)))
        // Every contract key is present, as null where there is nothing.
        for key in ["path", "contentType", "charset", "disposition", "filename", "size", "sha256"] {
            #expect(parts[0].keys.contains(key), "part 1 lacks \(key)")
        }
        #expect(message["warnings"] as? [String] == [])

        // Garbage is still a message: best effort plus warnings, never a crash.
        let broken = try Self.object(lines[1])
        #expect(broken["parts"] is [[String: Any]])
        #expect(broken["warnings"] is [String])
    }

    /// SHA-256 by coreutils, so the expected digest does not come from our own code.
    static func sha256sum(_ bytes: [UInt8], in folder: String) throws -> String {
        let file = folder + "/expected.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }

    @Test func manyFilesComeOutInOrderWithAwkwardTextEscaped() throws {
        let scratch = ScratchFolder("parse-many")
        defer { scratch.cleanup() }
        // Quotes, backslashes, control characters, U+2028 and non-ASCII in the subject; dates
        // across years and zones (the command formats UTC itself).
        let dates = ["Mon, 28 Feb 2028 23:30:00 -0100", "Thu, 01 Jan 1970 00:00:00 +0000", "Sat, 31 Dec 2039 23:59:59 +0000"]
        var files: [String] = []
        for index in 0..<250 {
            let subject = "=?UTF-8?B?\(Data("N°\(index) \"q\" back\\slash tab\t bell\u{07} line\u{2028}sep".utf8).base64EncodedString())?="
            let text = "From: Test <t\(index)@example.net>\r\nSubject: \(subject)\r\nDate: \(dates[index % 3])\r\n\r\nBody \(index)\r\n"
            let path = scratch.path + "/-m\(index).eml"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        // `--json` first and `--` before names that start with a dash.
        let run = try ProcessCommandTests.run(["parse", "--json", "--"] + files)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == files.count)
        let expectedDates = ["2028-02-29T00:30:00Z", "1970-01-01T00:00:00Z", "2039-12-31T23:59:59Z"]
        for (index, line) in lines.enumerated() {
            let object = try Self.object(line)
            #expect(object["subject"] as? String == "N°\(index) \"q\" back\\slash tab\t bell\u{07} line\u{2028}sep")
            #expect(object["date"] as? String == expectedDates[index % 3])
            let from = try #require(object["from"] as? [[String: Any]])
            #expect(from.first?["address"] as? String == "t\(index)@example.net")
        }
        #expect(!run.stdout.contains("\u{2028}"), "U+2028 is escaped")
    }

    @Test func anUnreadableFileExitsTwoAndNamesIt() throws {
        let missing = "/nonexistent/folder/request.eml"
        let run = try ProcessCommandTests.run(["parse", missing, "--json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains(missing))
    }
}

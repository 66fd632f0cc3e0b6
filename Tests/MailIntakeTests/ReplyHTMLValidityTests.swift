import Foundation
import Testing

@testable import MailIntake

/// Every golden reply's HTML parses without a single error in html5lib's strict mode (the
/// HTML5 parsing algorithm, as browsers and webmail run it), and carries nothing remote.
@Suite(.enabled(if: PythonTool.shouldRun, "needs scripts/setup's Python (html5lib)"))
struct ReplyHTMLValidityTests {
    static let script = """
        import sys, html5lib
        bad = []
        for path in sys.argv[1:]:
            parser = html5lib.HTMLParser(strict=True)
            try:
                parser.parse(open(path, 'rb').read().decode('utf-8'))
            except Exception as e:
                bad.append(path + ': ' + str(e))
        print('\\n'.join(bad) if bad else 'ok')
        """

    @Test func everyGoldenReplyIsValidSelfContainedHTML() throws {
        let folder = ReplyGoldenTests.folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }.sorted()
        #expect(files.count == 13 * 3)
        let paths = files.map { folder.appendingPathComponent($0).path }
        let output = try PythonTool.run(script: Self.script, arguments: paths)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        for path in paths {
            let html = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!html.contains("<img") && !html.contains("<script") && !html.contains("<style") && !html.contains(" src=\""))
            #expect(!html.contains("http://") && !html.contains("url("))
        }
    }
}

import Testing
@testable import MailIntake

@Suite struct TOMLReaderTests {
    struct Valid: CustomTestStringConvertible, Sendable {
        let text: String
        let table: String
        let key: String
        let value: TOMLValue
        var testDescription: String { text.replacingOccurrences(of: "\n", with: "⏎") }
    }

    static let valid: [Valid] = [
        Valid(text: "[a]\nk = \"plain\"", table: "a", key: "k", value: .string("plain")),
        Valid(text: "[a]\nk = \"q\\\"uote \\\\ tab\\t nl\\n\"", table: "a", key: "k", value: .string("q\"uote \\ tab\t nl\n")),
        Valid(text: "[a]\nk = \"\\u00e9\\U0001F600\"", table: "a", key: "k", value: .string("é😀")),
        Valid(text: "[a]\nk = 'C:\\path\\no escapes'", table: "a", key: "k", value: .string("C:\\path\\no escapes")),
        Valid(text: "[a]\nk = \"# not a comment\" # a comment", table: "a", key: "k", value: .string("# not a comment")),
        Valid(text: "[a]\nk = 41_943_040", table: "a", key: "k", value: .integer(41_943_040)),
        Valid(text: "[a]\nk = -17", table: "a", key: "k", value: .integer(-17)),
        Valid(text: "[a]\nk = +0", table: "a", key: "k", value: .integer(0)),
        Valid(text: "[a]\nk = 0xff", table: "a", key: "k", value: .integer(255)),
        Valid(text: "[a]\nk = 0b1010", table: "a", key: "k", value: .integer(10)),
        Valid(text: "[a]\nk = 1.5", table: "a", key: "k", value: .float(1.5)),
        Valid(text: "[a]\nk = -2e3", table: "a", key: "k", value: .float(-2000)),
        Valid(text: "[a]\nk = true", table: "a", key: "k", value: .boolean(true)),
        Valid(text: "[a]\nk = false", table: "a", key: "k", value: .boolean(false)),
        Valid(text: "[a]\nk = []", table: "a", key: "k", value: .array([])),
        Valid(text: "[a]\nk = [1, 2,3]", table: "a", key: "k", value: .array([.integer(1), .integer(2), .integer(3)])),
        Valid(
            text: "[a]\nk = [\n  \"x\", # first\n  'y',\n]\n", table: "a", key: "k",
            value: .array([.string("x"), .string("y")])),
        Valid(text: "\n# top\n\n  [ a ]  # c\r\n  k=\"v\"  \r\n", table: "a", key: "k", value: .string("v")),
        Valid(text: "[a]\n\"quoted key\" = 1", table: "a", key: "quoted key", value: .integer(1)),
    ]

    @Test(arguments: valid)
    func readsValidDocuments(_ example: Valid) throws {
        let document = try TOMLReader.parse(example.text)
        #expect(document.table(example.table)?.entry(example.key)?.value == example.value)
    }

    @Test func keepsTablesAndEntriesInOrderWithPositions() throws {
        let document = try TOMLReader.parse("root = 1\n[first]\na = 1\n\n[second]\n  b = 'x'\n")
        #expect(document.root.entries.map(\.key) == ["root"])
        #expect(document.tables.map(\.name) == ["first", "second"])
        #expect(document.table("second")?.position == TOMLPosition(line: 5, column: 1))
        #expect(document.table("second")?.entry("b")?.position == TOMLPosition(line: 6, column: 3))
    }

    struct Malformed: CustomTestStringConvertible, Sendable {
        let text: String
        let line: Int
        let column: Int
        let says: String
        var testDescription: String { says }
    }

    static let malformed: [Malformed] = [
        Malformed(text: "[a]\nk = \"open", line: 2, column: 5, says: "not closed"),
        Malformed(text: "[a]\nk = 'open", line: 2, column: 5, says: "not closed"),
        Malformed(text: "[a]\n\nk = bare", line: 3, column: 5, says: "strings need quotes"),
        Malformed(text: "[a]\nk = \"bad \\q escape\"", line: 2, column: 10, says: "unknown escape"),
        Malformed(text: "[a]\nk = \"\\u12\"", line: 2, column: 6, says: "hexadecimal"),
        Malformed(text: "[a]\nk = \"\\uD800\"", line: 2, column: 6, says: "not a Unicode scalar"),
        Malformed(text: "[a]\nk = 1\nk = 2", line: 3, column: 1, says: "defined twice"),
        Malformed(text: "[a]\n[a]", line: 2, column: 1, says: "defined twice"),
        Malformed(text: "[a\nk = 1", line: 1, column: 3, says: "']'"),
        Malformed(text: "[[a]]", line: 1, column: 1, says: "arrays of tables"),
        Malformed(text: "[a]\nk = {x = 1}", line: 2, column: 5, says: "inline tables"),
        Malformed(text: "[a]\nx.y = 1", line: 2, column: 1, says: "dotted keys"),
        Malformed(text: "[a]\nk = \"\"\"x\"\"\"", line: 2, column: 5, says: "multi-line"),
        Malformed(text: "[a]\nk = 2026-11-24", line: 2, column: 5, says: "dates"),
        Malformed(text: "[a]\nk = 1__0", line: 2, column: 5, says: "not a value"),
        Malformed(text: "[a]\nk = 012", line: 2, column: 5, says: "not a value"),
        Malformed(text: "[a]\nk = 1 2", line: 2, column: 7, says: "end of the line"),
        Malformed(text: "[a]\nk =", line: 2, column: 4, says: "missing"),
        Malformed(text: "[a]\nk = [1, 2", line: 2, column: 5, says: "not closed"),
        Malformed(text: "[a]\nk = [1 2]", line: 2, column: 8, says: "',' or ']'"),
        Malformed(text: "[a]\nk 1", line: 2, column: 3, says: "'='"),
        Malformed(text: "[a]\nk = \"tab\u{01}\"", line: 2, column: 9, says: "control character"),
        Malformed(text: "[]", line: 1, column: 2, says: "expected a key"),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedDocumentsNamingLineAndColumn(_ example: Malformed) {
        #expect {
            _ = try TOMLReader.parse(example.text)
        } throws: { error in
            guard let error = error as? TOMLError else { return false }
            return error.position == TOMLPosition(line: example.line, column: example.column)
                && error.message.contains(example.says)
        }
    }

    @Test func errorDescriptionLeadsWithThePosition() {
        do {
            _ = try TOMLReader.parse("[a]\nk = nope")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("line 2, column 5:"))
        }
    }
}

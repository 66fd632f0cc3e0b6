/// A small, strict reader for the part of TOML 1.0 the configuration file needs.
///
/// Supported: `[table]` headers, `key = value` with bare or quoted keys, basic strings with
/// escapes (`\" \\ \b \t \n \f \r \uXXXX \UXXXXXXXX`), literal `'strings'`, integers (decimal
/// with `_`, `0x`, `0o`, `0b`), floats, booleans, arrays (which may span lines and hold
/// comments), and comments. Everything else TOML has (dotted keys, inline tables, arrays of
/// tables, multi-line strings, dates) is rejected with a message naming the line and column,
/// rather than half-understood: a configuration file must mean exactly one thing.
/// (TOMLKit cannot be used here: its C++ dependency is not available.)
public struct TOMLReader {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Parses a whole document, or throws the first error with its position.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLDocument {
        var reader = TOMLReader(text)
        return try reader.document()
    }

    // MARK: - Document structure

    // toml = expression *( newline expression )
    // expression = ws [ comment ] / ws keyval ws [ comment ] / ws table ws [ comment ]
    private mutating func document() throws(TOMLError) -> TOMLDocument {
        var root = TOMLTable(name: "", position: TOMLPosition(line: 1, column: 1), entries: [])
        var tables: [TOMLTable] = []
        while index < scalars.count {
            skipWhitespace()
            guard let c = peek() else { break }
            if c == "#" || c == "\n" || c == "\r" {
                try endOfLine()
                continue
            }
            if c == "[" {
                let table = try tableHeader()
                if tables.contains(where: { $0.name == table.name }) {
                    throw TOMLError("table [\(table.name)] is defined twice", at: table.position)
                }
                tables.append(table)
            } else {
                let entry = try keyValue()
                if tables.isEmpty {
                    try Self.add(entry, to: &root)
                } else {
                    try Self.add(entry, to: &tables[tables.count - 1])
                }
            }
            skipWhitespace()
            try endOfLine()
        }
        return TOMLDocument(root: root, tables: tables)
    }

    private static func add(_ entry: TOMLEntry, to table: inout TOMLTable) throws(TOMLError) {
        if table.entry(entry.key) != nil {
            let place = table.name.isEmpty ? "" : " in [\(table.name)]"
            throw TOMLError("key '\(entry.key)' is defined twice\(place)", at: entry.position)
        }
        table.entries.append(entry)
    }

    // std-table = "[" ws key ws "]"
    private mutating func tableHeader() throws(TOMLError) -> TOMLTable {
        let start = position
        index += 1
        if peek() == "[" {
            throw TOMLError("arrays of tables ([[…]]) are not supported", at: start)
        }
        skipWhitespace()
        let name = try key()
        skipWhitespace()
        guard peek() == "]" else {
            throw unexpected("']' to close the table header")
        }
        index += 1
        return TOMLTable(name: name, position: start, entries: [])
    }

    // keyval = key keyval-sep val ; keyval-sep = ws "=" ws
    private mutating func keyValue() throws(TOMLError) -> TOMLEntry {
        let start = position
        let name = try key()
        skipWhitespace()
        guard peek() == "=" else {
            throw unexpected("'=' after the key '\(name)'")
        }
        index += 1
        skipWhitespace()
        let value = try value()
        return TOMLEntry(key: name, value: value, position: start)
    }

    // simple-key = quoted-key / unquoted-key ; unquoted-key = 1*( ALPHA / DIGIT / "-" / "_" )
    private mutating func key() throws(TOMLError) -> String {
        let start = position
        var name: String
        switch peek() {
        case "\"":
            name = try basicString()
        case "'":
            name = try literalString()
        case let c? where Self.isBareKeyCharacter(c):
            name = ""
            while let c = peek(), Self.isBareKeyCharacter(c) {
                name.unicodeScalars.append(c)
                index += 1
            }
        default:
            throw unexpected("a key")
        }
        skipWhitespace()
        if peek() == "." {
            throw TOMLError("dotted keys are not supported: write [table] headers instead", at: start)
        }
        return name
    }

    private static func isBareKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    // MARK: - Values

    // val = string / boolean / array / inline-table / date-time / float / integer
    private mutating func value() throws(TOMLError) -> TOMLValue {
        let start = position
        switch peek() {
        case "\"":
            if lookingAt("\"\"\"") {
                throw TOMLError("multi-line strings are not supported", at: start)
            }
            return .string(try basicString())
        case "'":
            if lookingAt("'''") {
                throw TOMLError("multi-line strings are not supported", at: start)
            }
            return .string(try literalString())
        case "[":
            return try array()
        case "{":
            throw TOMLError("inline tables are not supported: write a [table] instead", at: start)
        case nil, "\n", "\r", "#":
            throw TOMLError("a value is missing after '='", at: start)
        default:
            return try bareValue()
        }
    }

    // array = "[" [ array-values ] ws-comment-newline "]"
    private mutating func array() throws(TOMLError) -> TOMLValue {
        let start = position
        index += 1
        var elements: [TOMLValue] = []
        while true {
            try skipWhitespaceCommentsAndNewlines()
            guard let c = peek() else {
                throw TOMLError("the array is not closed with ']'", at: start)
            }
            if c == "]" {
                index += 1
                return .array(elements)
            }
            elements.append(try value())
            try skipWhitespaceCommentsAndNewlines()
            switch peek() {
            case ",":
                index += 1
            case "]":
                index += 1
                return .array(elements)
            case nil:
                throw TOMLError("the array is not closed with ']'", at: start)
            default:
                throw unexpected("',' or ']' in the array")
            }
        }
    }

    /// Booleans and numbers: read the token up to a delimiter, then decide what it is.
    private mutating func bareValue() throws(TOMLError) -> TOMLValue {
        let start = position
        var token = ""
        while let c = peek(), c != " ", c != "\t", c != "\n", c != "\r", c != ",", c != "]", c != "#" {
            token.unicodeScalars.append(c)
            index += 1
        }
        if token == "true" { return .boolean(true) }
        if token == "false" { return .boolean(false) }
        if let number = TOMLNumber.parse(token) { return number }
        if TOMLNumber.looksLikeDate(token) {
            throw TOMLError("dates and times are not supported: write them as a string, \"\(token)\"", at: start)
        }
        throw TOMLError("'\(token)' is not a value: strings need quotes, e.g. \"\(token)\"", at: start)
    }

    // MARK: - Strings

    // basic-string = quotation-mark *basic-char quotation-mark
    private mutating func basicString() throws(TOMLError) -> String {
        let start = position
        index += 1
        var text = ""
        while true {
            guard let c = peek(), c != "\n", c != "\r" else {
                throw TOMLError("the string is not closed with '\"' on its line", at: start)
            }
            index += 1
            switch c {
            case "\"":
                return text
            case "\\":
                text.unicodeScalars.append(try escape())
            default:
                try checkNotControl(c, at: TOMLPosition(line: line, column: index - lineStart))
                text.unicodeScalars.append(c)
            }
        }
    }

    // escaped = escape escape-seq-char
    private mutating func escape() throws(TOMLError) -> Unicode.Scalar {
        let at = TOMLPosition(line: line, column: index - lineStart)
        guard let c = peek() else { throw TOMLError("the string ends inside an escape", at: at) }
        index += 1
        switch c {
        case "\"": return "\""
        case "\\": return "\\"
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "u": return try hexScalar(digits: 4, at: at)
        case "U": return try hexScalar(digits: 8, at: at)
        default: throw TOMLError("unknown escape '\\\(c)' in a string", at: at)
        }
    }

    private mutating func hexScalar(digits: Int, at: TOMLPosition) throws(TOMLError) -> Unicode.Scalar {
        guard index + digits <= scalars.count else {
            throw TOMLError("\\u needs \(digits) hexadecimal digits", at: at)
        }
        var hex = ""
        hex.unicodeScalars.append(contentsOf: scalars[index..<index + digits])
        guard let code = UInt32(hex, radix: 16), hex.allSatisfy(\.isHexDigit), let scalar = Unicode.Scalar(code) else {
            throw TOMLError("'\(hex)' is not a Unicode scalar value", at: at)
        }
        index += digits
        return scalar
    }

    // literal-string = apostrophe *literal-char apostrophe
    private mutating func literalString() throws(TOMLError) -> String {
        let start = position
        index += 1
        var text = ""
        while true {
            guard let c = peek(), c != "\n", c != "\r" else {
                throw TOMLError("the string is not closed with \"'\" on its line", at: start)
            }
            index += 1
            if c == "'" { return text }
            try checkNotControl(c, at: TOMLPosition(line: line, column: index - lineStart))
            text.unicodeScalars.append(c)
        }
    }

    private func checkNotControl(_ c: Unicode.Scalar, at: TOMLPosition) throws(TOMLError) {
        if (c.value < 0x20 && c != "\t") || c.value == 0x7F {
            throw TOMLError("control character U+\(String(c.value, radix: 16, uppercase: true)) in a string: escape it", at: at)
        }
    }

    // MARK: - Whitespace, comments, line ends

    private var position: TOMLPosition { TOMLPosition(line: line, column: index - lineStart + 1) }

    private func peek() -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func lookingAt(_ text: String) -> Bool {
        var i = index
        for c in text.unicodeScalars {
            guard i < scalars.count, scalars[i] == c else { return false }
            i += 1
        }
        return true
    }

    private mutating func skipWhitespace() {
        while let c = peek(), c == " " || c == "\t" { index += 1 }
    }

    /// Expects the end of the line: an optional comment, then a newline or the end of the file.
    private mutating func endOfLine() throws(TOMLError) {
        if peek() == "#" { try comment() }
        switch peek() {
        case nil:
            return
        case "\n":
            newline()
        case "\r" where index + 1 < scalars.count && scalars[index + 1] == "\n":
            index += 1
            newline()
        default:
            throw unexpected("the end of the line")
        }
    }

    private mutating func newline() {
        index += 1
        line += 1
        lineStart = index
    }

    // comment = comment-start-symbol *non-eol
    private mutating func comment() throws(TOMLError) {
        while let c = peek(), c != "\n", c != "\r" {
            try checkNotControl(c, at: position)
            index += 1
        }
    }

    private mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLError) {
        while true {
            skipWhitespace()
            switch peek() {
            case "#":
                try comment()
            case "\n", "\r":
                try endOfLine()
            default:
                return
            }
        }
    }

    private func unexpected(_ expected: String) -> TOMLError {
        let found: String
        switch peek() {
        case nil: found = "the end of the file"
        case "\n", "\r": found = "the end of the line"
        case let c?: found = "'\(c)'"
        }
        return TOMLError("expected \(expected), found \(found)", at: position)
    }
}

/// A value of the TOML subset the configuration file uses.
public enum TOMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])

    /// The TOML name of the value's type, for error messages ("expected a string, found an integer").
    public var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .boolean: return "a boolean"
        case .array: return "an array"
        }
    }
}

/// A line and column (both from 1) in the configuration file, so errors can point at the text.
public struct TOMLPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column)" }
}

/// One `key = value` line, with where it was written.
public struct TOMLEntry: Sendable, Hashable {
    public var key: String
    public var value: TOMLValue
    public var position: TOMLPosition
}

/// One `[name]` table (or the root table, named ""), its entries in file order.
public struct TOMLTable: Sendable, Hashable {
    public var name: String
    public var position: TOMLPosition
    public var entries: [TOMLEntry]

    /// The entry for `key`, if the table has one.
    public func entry(_ key: String) -> TOMLEntry? {
        entries.first { $0.key == key }
    }
}

/// A parsed TOML file: the root table (keys before the first `[table]`) and the tables in order.
public struct TOMLDocument: Sendable, Hashable {
    public var root: TOMLTable
    public var tables: [TOMLTable]

    /// The table named `name`, if the file has one.
    public func table(_ name: String) -> TOMLTable? {
        tables.first { $0.name == name }
    }
}

/// A syntax error in a TOML file, with the line and column where it was found.
public struct TOMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var position: TOMLPosition
    public var message: String

    public init(_ message: String, at position: TOMLPosition) {
        self.message = message
        self.position = position
    }

    public var description: String { "\(position): \(message)" }
}

import Foundation

extension IntakeCase {
    /// The encoder `case.json` is written with: ISO 8601 UTC dates without fractions
    /// ("2026-11-24T09:15:00Z"), sorted keys, pretty-printed, slashes left alone.
    public static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The decoder matching ``jsonEncoder()``.
    public static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The case as the bytes of `case.json` (with a final newline).
    public func jsonBytes() throws -> [UInt8] {
        var data = try IntakeCase.jsonEncoder().encode(self)
        data.append(0x0A)
        return [UInt8](data)
    }

    /// Reads a `case.json`.
    public static func decode(json bytes: [UInt8]) throws -> IntakeCase {
        try jsonDecoder().decode(IntakeCase.self, from: Data(bytes))
    }
}

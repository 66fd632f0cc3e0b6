/// TOML's integer and float grammar, strictly: underscores only between digits, no leading
/// zeros, `0x`/`0o`/`0b` prefixes without a sign, `inf` and `nan`.
enum TOMLNumber {
    /// The value `token` spells, or nil when it is not a TOML number.
    static func parse(_ token: String) -> TOMLValue? {
        var body = Substring(token)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        if body == "inf" { return .float(sign == "-" ? -.infinity : .infinity) }
        if body == "nan" { return .float(.nan) }
        if sign.isEmpty && token.first != "+", let prefixed = prefixedInteger(body) {
            return prefixed
        }
        // dec-int = [ minus / plus ] unsigned-dec-int
        if let digits = decimalDigits(body) {
            guard let value = Int(sign + digits) else { return nil }
            return .integer(value)
        }
        // float = float-int-part ( exp / frac [ exp ] )
        var mantissa = body
        var exponent: Substring?
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = body[body.index(after: e)...]
        }
        var integerPart = mantissa
        var fraction: Substring?
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        guard fraction != nil || exponent != nil, let intDigits = decimalDigits(integerPart) else { return nil }
        var text = sign + intDigits
        if let fraction {
            guard let fracDigits = digitRun(fraction) else { return nil }
            text += "." + fracDigits
        }
        if var exponent {
            var expSign = ""
            if let first = exponent.first, first == "+" || first == "-" {
                expSign = String(first)
                exponent = exponent.dropFirst()
            }
            guard let expDigits = digitRun(exponent) else { return nil }
            text += "e" + expSign + expDigits
        }
        guard let value = Double(text) else { return nil }
        return .float(value)
    }

    /// True for tokens shaped like a TOML date or time (`2026-11-24`, `09:15:00`), so the
    /// error can say dates are unsupported instead of "not a value".
    static func looksLikeDate(_ token: String) -> Bool {
        let chars = Array(token)
        if chars.count >= 10, chars[4] == "-", chars[7] == "-", chars[0...3].allSatisfy(\.isNumber) { return true }
        if chars.count >= 8, chars[2] == ":", chars[5] == ":", chars[0...1].allSatisfy(\.isNumber) { return true }
        return false
    }

    // hex-int = "0x" HEXDIG *( HEXDIG / "_" HEXDIG ), likewise oct-int and bin-int
    private static func prefixedInteger(_ body: Substring) -> TOMLValue? {
        let prefixes: [(String, Int)] = [("0x", 16), ("0o", 8), ("0b", 2)]
        for (prefix, radix) in prefixes where body.hasPrefix(prefix) {
            let rest = body.dropFirst(2)
            guard let digits = digitRun(rest, radix: radix), let value = Int(digits, radix: radix) else { return nil }
            return .integer(value)
        }
        return nil
    }

    /// unsigned-dec-int = DIGIT / digit1-9 1*( DIGIT / underscore DIGIT ): no leading zeros.
    private static func decimalDigits(_ text: Substring) -> String? {
        guard let digits = digitRun(text) else { return nil }
        if digits.count > 1 && digits.first == "0" { return nil }
        return digits
    }

    /// Digits of `radix` with single underscores between them; returns the digits alone.
    private static func digitRun(_ text: Substring, radix: Int = 10) -> String? {
        guard let first = text.first, first != "_", text.last != "_" else { return nil }
        var digits = ""
        var previousUnderscore = false
        for c in text {
            if c == "_" {
                if previousUnderscore { return nil }
                previousUnderscore = true
                continue
            }
            guard let value = c.hexDigitValue, value < radix else { return nil }
            previousUnderscore = false
            digits.append(c)
        }
        return digits
    }
}

/// Statistics as text: the same characters C's `printf("%.Nf")`, `printf("%.Ng")` and `printf("%0Nd")`
/// write, worked out from the double's exact value (`ExactDecimal`) instead of a C call, so the pure
/// core can use them and an analyst's own Python or R gives the same figure. Not-a-number and
/// infinities are written "nan", "inf" and "-inf", as printf does.
extension DecimalText {
    /// `value` with exactly `places` decimal places (0…40): `fixed(0.125, places: 2)` is "0.12",
    /// `fixed(2.5, places: 0)` is "2", `fixed(-0.01, places: 1)` is "-0.0" (printf's "%.2f" etc.).
    public static func fixed(_ value: Double, places: Int) -> String {
        if let special = nonFinite(value) { return special }
        let places = Swift.max(0, Swift.min(places, 40))
        let exact = ExactDecimal(value)
        var digits = exact.units(places: places)
        if digits.count <= places {
            digits = Array(repeating: 0, count: places + 1 - digits.count) + digits
        }
        let whole = digits[0..<(digits.count - places)]
        let fraction = digits[(digits.count - places)...]
        return (exact.isNegative ? "-" : "") + text(of: whole) + (places > 0 ? "." + text(of: fraction) : "")
    }

    /// A percentage with `places` decimals and a % sign: `percent(12.25)` is "12.2%" (printf's "%.1f%%").
    public static func percent(_ value: Double, places: Int = 1) -> String {
        fixed(value, places: places) + "%"
    }

    /// `value` to `digits` significant digits, as printf's "%.Ng": fixed notation when the power of
    /// ten is from -4 to digits-1, otherwise "1.235e+05"; trailing zeros dropped either way.
    public static func significant(_ value: Double, digits: Int) -> String {
        if let special = nonFinite(value) { return special }
        let precision = Swift.max(1, Swift.min(digits, 40))
        let exact = ExactDecimal(value)
        let sign = exact.isNegative ? "-" : ""
        guard exact.digits != [0] else { return sign + "0" }
        var power = exact.leadingPower
        var rounded = exact.units(places: precision - 1 - power)
        if rounded.count > precision {  // 9.9996 to four digits carried into a new place: 10.00
            power += 1
            rounded.removeLast()
        }
        if power >= -4 && power < precision {
            return withoutTrailingZeros(fixed(value, places: precision - 1 - power))
        }
        var mantissa = text(of: rounded[0..<1])
        let rest = text(of: rounded[1...])
        if !rest.isEmpty { mantissa += "." + rest }
        let exponentDigits = String(Swift.abs(power))
        return sign + withoutTrailingZeros(mantissa) + (power < 0 ? "e-" : "e+")
            + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
    }

    /// A whole number padded with leading zeros to `width` characters (printf's "%0Nd"):
    /// `zeroPadded(7, width: 3)` is "007", `zeroPadded(-7, width: 3)` is "-07".
    public static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let padding = Swift.max(0, width - sign.count - digits.count)
        return sign + String(repeating: "0", count: padding) + digits
    }

    /// `text` right-aligned in `width` characters (printf's "%17.1f" is `padded(fixed(x, places: 1), width: 17)`).
    public static func padded(_ text: String, width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    private static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return nil
    }

    private static func text<C: Collection>(of digits: C) -> String where C.Element == UInt8 {
        String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }

    private static func withoutTrailingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = Substring(text)
        while out.last == "0" { out.removeLast() }
        if out.last == "." { out.removeLast() }
        return String(out)
    }
}

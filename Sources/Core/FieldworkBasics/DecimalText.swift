/// Numbers as people read them, the one place Fieldwork turns a number into text: fills and
/// answers on screen, scenario values, CSV cells, labels files, messages, reports, the console and
/// the dashboard. Nothing else in Fieldwork calls `String(format:)` for a number.
///
/// Two kinds of number reach it, and they round differently on purpose:
/// - **Answers and computed values with declared places** (`text(_:places:)`, `money`). A double
///   cannot hold most decimal fractions exactly, so sums of money pick up binary noise (0.1 + 0.2 is
///   0.30000000000000004). They are rounded to their places as the decimal a person typed (half
///   away from zero: 2.675 with two places is "2.68"), written from the rounded whole number of
///   units, never with an exponent; whole numbers never get a ".0"; trailing zeros are dropped
///   ("12.5", not "12.50").
/// - **Statistics** (`fixed(_:places:)`, `percent`, `significant(_:digits:)`): rates, weights and
///   means shown with a fixed number of places. They are written exactly as C's `printf` (and so
///   Python's and R's `format`) writes them: rounded from the double's exact binary value, ties to
///   even. An analyst checking a figure with their own code gets the same characters
///   (`DecimalText+Statistics.swift`).
public enum DecimalText {
    /// The most places `text(_:places:)` writes (the language's `maxDeclaredPlaces`).
    public static let maxDeclaredPlaces = 6

    /// Whole numbers this size and above are written by `String(Double)`; below, digit by digit.
    private static let exactLimit = 9_007_199_254_740_992.0

    /// `value` rounded to `places` decimal places (0…`maxDeclaredPlaces`).
    public static func rounded(_ value: Double, places: Int) -> Double {
        guard value.isFinite else { return value }
        let scale = power(places)
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        return Swift.abs(scaled) < exactLimit ? scaled / scale : value
    }

    /// `value` with at most `places` decimal places; empty for NaN and infinities.
    public static func text(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "" }
        if let whole = wholeText(value) { return whole }
        let places = Swift.max(0, Swift.min(places, maxDeclaredPlaces))
        let scale = power(places)
        let units = (Swift.abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard units < exactLimit else { return String(value) }
        let count = Int64(units)
        let perWhole = Int64(scale)
        let sign = value < 0 && count != 0 ? "-" : ""
        var fraction = places > 0 ? String(count % perWhole) : ""
        if places > 0 {
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            while fraction.last == "0" { fraction.removeLast() }
        }
        return sign + String(count / perWhole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// `value` in the shortest form that reads back as the same double (codes, labels, values
    /// without declared places); whole numbers without ".0".
    public static func shortest(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return wholeText(value) ?? String(value)
    }

    /// `value` as an amount of pounds: "£1,234.50", "-£3.00" — always two places, thousands
    /// separated by commas; empty for NaN and infinities, and `String(Double)` beyond exact range.
    public static func money(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let pence = (Swift.abs(value) * 100).rounded(.toNearestOrAwayFromZero)
        guard pence < exactLimit else { return "£" + String(value) }
        let units = Int64(pence)
        let sign = value < 0 && units != 0 ? "-" : ""
        let fraction = String(units % 100)
        return sign + "£" + grouped(units / 100) + "." + (fraction.count == 1 ? "0" : "") + fraction
    }

    /// A non-negative whole number with a comma every three digits: "1,234,567".
    static func grouped(_ whole: Int64) -> String {
        let digits = Array(String(whole))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    private static func wholeText(_ value: Double) -> String? {
        guard value == value.rounded(), Swift.abs(value) < exactLimit else { return nil }
        return String(Int64(value))
    }

    private static func power(_ places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<Swift.max(0, Swift.min(places, maxDeclaredPlaces)) { scale *= 10 }
        return scale
    }
}

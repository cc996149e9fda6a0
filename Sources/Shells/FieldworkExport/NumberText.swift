/// Numbers as text for CSV and labels files: whole numbers without a trailing ".0" (a code is
/// "1", not "1.0"), everything else in Swift's shortest form that reads back to the same Double.
enum NumberText {
    static func format(_ value: Double) -> String {
        if value.isNaN || value.isInfinite { return "" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return String(value)
    }
}

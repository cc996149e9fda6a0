import FieldworkExpressions

/// How wide a numeric variable is shown in SPSS (`Fw.d`) and Stata (`%w.df`): wide enough for
/// the largest value its declarations allow, so no value is shown with an exponent (a £50m cost
/// in `F8.2` reads `3.1E+008`). The width counts the integer digits of the largest magnitude, a
/// sign when values can be negative (don't know and refused codes are: −1, −2), and the decimal
/// point and places. Values nothing bounds (a sum over a division, a sample number) get room for
/// `unboundedDigits` integer digits.
public enum NumericDisplayWidth {
    /// Integer digits allowed for when no declaration bounds a value: up to 999,999,999,999.
    public static let unboundedDigits = 12
    /// SPSS's default and narrowest numeric format, `F8`.
    public static let minimum = 8
    /// SPSS's widest `F` format.
    public static let maximum = 40

    public static func width(for extent: NumericExtent, decimals: Int, hasNegativeCodes: Bool) -> Int {
        let digits = extent.magnitude.map(integerDigits) ?? unboundedDigits
        let sign = extent.canBeNegative || hasNegativeCodes ? 1 : 0
        let fraction = decimals > 0 ? decimals + 1 : 0
        return Swift.min(maximum, Swift.max(minimum, digits + sign + fraction))
    }

    /// Digits before the decimal point of the largest value up to `magnitude` (at least 1).
    static func integerDigits(_ magnitude: Double) -> Int {
        guard magnitude.isFinite else { return unboundedDigits }
        guard magnitude >= 1 else { return 1 }
        guard magnitude < 1e15 else { return Swift.min(maximum, Int(magnitude.exponent10) + 1) }
        return String(Int64(magnitude.rounded(.down))).count
    }
}

private extension Double {
    /// floor(log10(self)) for large values, without Foundation.
    var exponent10: Double {
        var value = self
        var exponent = 0.0
        while value >= 10 { value /= 10; exponent += 1 }
        return exponent
    }
}

/// The order statistics reports use, with the methods written down (docs/reports.md).
public enum OrderStatistics {
    /// The middle value of the sorted values, or the mean of the two middle ones when their number
    /// is even; nil when there are none.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The nearest-rank percentile: the smallest value with at least `percent` % of the values at or
    /// below it, i.e. the value at rank ⌈percent/100 × n⌉ (1-based) of the sorted values. Always one of
    /// the values (no interpolation); nil when there are none.
    public static func percentile(_ percent: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty, percent > 0, percent <= 100 else { return nil }
        let sorted = values.sorted()
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// `part / whole`, or nil when `whole` is zero (a rate over nothing is n/a, never NaN).
    public static func share(_ part: Double, of whole: Double) -> Double? {
        whole > 0 ? part / whole : nil
    }
}

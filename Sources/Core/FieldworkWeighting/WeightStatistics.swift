/// The spread of a set of weights and what it costs: Kish's design effect from weighting,
/// deff = n·Σw²/(Σw)², and the effective sample size n/deff.
public struct WeightStatistics: Sendable, Equatable {
    public var count: Int
    public var sum: Double
    public var minimum: Double
    public var maximum: Double
    /// maximum / minimum.
    public var ratio: Double
    public var mean: Double
    public var designEffect: Double
    public var effectiveSampleSize: Double

    /// Nil for no weights or a non-positive sum (nothing to describe).
    public init?(weights: [Double]) {
        guard !weights.isEmpty else { return nil }
        var sum = 0.0, squares = 0.0
        var lo = Double.infinity, hi = -Double.infinity
        for w in weights {
            sum += w
            squares += w * w
            lo = min(lo, w)
            hi = max(hi, w)
        }
        guard sum > 0, squares > 0 else { return nil }
        count = weights.count
        self.sum = sum
        minimum = lo
        maximum = hi
        ratio = lo > 0 ? hi / lo : .infinity
        mean = sum / Double(weights.count)
        designEffect = Double(weights.count) * squares / (sum * sum)
        effectiveSampleSize = sum * sum / squares
    }
}

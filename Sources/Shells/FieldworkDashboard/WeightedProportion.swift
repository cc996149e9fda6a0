import Foundation

/// A weighted share with its 95 % confidence interval: Wilson's score interval computed with
/// Kish's effective sample size in place of n, so the interval widens as unequal weights cost
/// precision. Wilson behaves better than the normal approximation for small bases and shares near
/// 0 or 1.
public struct WeightedProportion: Sendable, Hashable, Codable {
    /// Cases with a yes/no value (the unweighted base).
    public var base: Int
    /// Sum of their weights (the weighted base).
    public var weightedBase: Double
    /// Σw·y / Σw; nil with no base.
    public var estimate: Double?
    /// Kish's effective sample size (Σw)² / Σw².
    public var effectiveBase: Double
    public var low: Double?
    public var high: Double?

    /// z for a two-sided 95 % interval.
    public static let z = 1.959963984540054

    /// `values` are (answer, weight) pairs; weights must be positive.
    public init(_ values: [(yes: Bool, weight: Double)]) {
        base = values.count
        let total = values.reduce(0) { $0 + $1.weight }
        let squares = values.reduce(0) { $0 + $1.weight * $1.weight }
        weightedBase = total
        effectiveBase = squares > 0 ? total * total / squares : 0
        guard total > 0 else { return }
        let p = values.reduce(0) { $0 + ($1.yes ? $1.weight : 0) } / total
        estimate = p
        let n = effectiveBase
        let z2 = Self.z * Self.z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = Self.z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        low = max(0, centre - half)
        high = min(1, centre + half)
    }
}

/// How raking stops and how weights are trimmed.
public struct RakingSettings: Sendable, Equatable {
    /// Raking has converged when no step of a full sweep over the margins changes any weight by
    /// more than this share of its value.
    public var tolerance: Double
    /// Full sweeps (every margin once) allowed per raking.
    public var maxIterations: Int
    /// Trim weights above `cap` × the mean weight, then rake again; nil: no trimming.
    public var cap: Double?
    /// Trim-and-rake rounds allowed before giving up on the cap.
    public var maxTrimRounds: Int

    public static let defaultTolerance = 1e-9
    public static let defaultMaxIterations = 1000
    public static let defaultMaxTrimRounds = 50

    public init(tolerance: Double = defaultTolerance, maxIterations: Int = defaultMaxIterations, cap: Double? = nil,
                maxTrimRounds: Int = defaultMaxTrimRounds) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.cap = cap
        self.maxTrimRounds = maxTrimRounds
    }

    /// What is wrong with these settings, if anything, in words a person can act on.
    public var problem: String? {
        if !(tolerance > 0) || !tolerance.isFinite { return "the tolerance must be a positive number (for example 1e-9), not \(tolerance)" }
        if maxIterations < 1 { return "the maximum number of iterations must be at least 1, not \(maxIterations)" }
        if let cap, !(cap > 1) || !cap.isFinite {
            return "the cap must be more than 1 (a multiple of the mean weight, for example 5): no set of weights can all lie at or below \(cap) × their mean unless all equal it"
        }
        if maxTrimRounds < 1 { return "the maximum number of trimming rounds must be at least 1" }
        return nil
    }
}

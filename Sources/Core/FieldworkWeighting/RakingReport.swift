/// What happened in a raking: convergence, trimming, and the resulting weights' spread.
public struct RakingReport: Sendable, Equatable {
    /// Full sweeps over the margins in the last raking (after the last trim, if any).
    public var iterations: Int
    /// Sweeps over all rakings (the first and one per trimming round).
    public var totalIterations: Int
    /// Whether the last raking converged within the tolerance.
    public var converged: Bool
    /// The largest relative change of any weight in any step of the last sweep.
    public var largestRelativeChange: Double
    /// Trim-and-rake rounds made (0 without a cap, or when no weight was over it).
    public var trimRounds: Int
    /// Cases whose weight was cut to the cap in at least one round.
    public var trimmedCases: Int
    /// Whether every final weight is at or below cap × mean (nil without a cap).
    public var capHeld: Bool?
    /// The cap in weight units (cap × mean weight), nil without a cap.
    public var capWeight: Double?
    public var statistics: WeightStatistics
    public var fits: [MarginFit]

    public init(iterations: Int, totalIterations: Int, converged: Bool, largestRelativeChange: Double, trimRounds: Int,
                trimmedCases: Int, capHeld: Bool?, capWeight: Double?, statistics: WeightStatistics, fits: [MarginFit]) {
        self.iterations = iterations
        self.totalIterations = totalIterations
        self.converged = converged
        self.largestRelativeChange = largestRelativeChange
        self.trimRounds = trimRounds
        self.trimmedCases = trimmedCases
        self.capHeld = capHeld
        self.capWeight = capWeight
        self.statistics = statistics
        self.fits = fits
    }

    /// The largest relative gap between weighted counts and populations over every margin.
    public var largestMarginError: Double { fits.map(\.largestRelativeError).max() ?? 0 }
}

/// Raked weights, one per case in the input's order, and the report on how they were reached.
public struct RakingResult: Sendable, Equatable {
    public var weights: [Double]
    public var report: RakingReport

    public init(weights: [Double], report: RakingReport) {
        self.weights = weights
        self.report = report
    }
}

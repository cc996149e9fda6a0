import Foundation

/// One `fieldwork weight` run as stored in `weighting_runs`: when, against which margins, with which
/// settings, and how it went.
public struct WeightingRun: Sendable, Equatable {
    /// The row id; nil until stored.
    public var id: Int64?
    public var at: Date
    /// The margins file as given on the command line.
    public var marginsFile: String
    /// The margins' names, in file order.
    public var margins: [String]
    /// The sample field holding selection probabilities (base weight 1/p), or nil for base weight 1.
    public var baseField: String?
    public var cap: Double?
    public var tolerance: Double
    public var maxIterations: Int
    public var iterations: Int
    public var converged: Bool
    public var trimRounds: Int
    public var trimmedCases: Int
    public var cases: Int
    public var designEffect: Double

    public init(id: Int64? = nil, at: Date, marginsFile: String, margins: [String], baseField: String?, cap: Double?,
                tolerance: Double, maxIterations: Int, iterations: Int, converged: Bool, trimRounds: Int, trimmedCases: Int,
                cases: Int, designEffect: Double) {
        self.id = id
        self.at = at
        self.marginsFile = marginsFile
        self.margins = margins
        self.baseField = baseField
        self.cap = cap
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.iterations = iterations
        self.converged = converged
        self.trimRounds = trimRounds
        self.trimmedCases = trimmedCases
        self.cases = cases
        self.designEffect = designEffect
    }
}

/// Every question's topline over completed interviews, with how they are weighted.
public struct ToplineFigures: Encodable, Sendable, Equatable {
    /// Completed interviews the toplines count (rows of the survey export).
    public var completes: Int
    /// True when the case store has a weights table.
    public var weighted: Bool
    /// "unweighted", or where the weights come from.
    public var weighting: String
    /// Completes without a weight (left out of weighted figures).
    public var completesWithoutWeight: Int
    public var questions: [Topline]
}

/// How often one question was reached, and how it went in completed interviews.
public struct SimulationQuestionFigures: Codable, Sendable, Hashable {
    public var id: String
    /// The id of the section the question is in.
    public var section: String
    /// Share of all simulated interviews (completed, ended by the questionnaire or not completed)
    /// that were asked the question at least once.
    public var reached: Double
    /// Share of completed interviews that were asked the question at least once.
    public var reachedByCompletes: Double
    /// Times asked per completed interview, on average (more than 1 in loops).
    public var askedPerComplete: Double
    /// Mean seconds from showing the question to its answer, per time asked in a completed interview.
    public var meanSeconds: Double
    /// Shares of the times asked in completed interviews answered don't know and refused.
    public var dontKnowShare: Double
    public var refusedShare: Double
}

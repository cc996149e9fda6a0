import FieldworkChecker

/// What a batch of simulated interviews showed: coverage, path lengths and estimated durations
/// (of completed interviews, and of those the questionnaire ended, by `EndingGroup`), time per
/// section and how often each question was reached.
public struct SimulationReport: Codable, Sendable {
    public struct Coverage: Codable, Sendable {
        public var questionsTotal: Int
        public var questionsReached: Int
        public var optionsTotal: Int
        public var optionsChosen: Int
        public var checksTotal: Int
        public var checksFired: Int
        public var neverReached: [String]
        public var neverChosen: [String]
        public var neverFired: [String]
        public var full: Bool
    }
    public struct Distribution: Codable, Sendable {
        public var min: Double
        public var median: Double
        public var p90: Double
        public var max: Double
        public var mean: Double
    }
    public struct Bucket: Codable, Sendable {
        public var from: Int
        public var to: Int
        public var count: Int
    }
    public var questionnaire: String
    public var version: String
    public var seed: UInt64
    public var interviews: Int
    public var completed: Int
    /// Interviews closed by an `end` item, by outcome (screen-outs, refused consent).
    public var endedByOutcome: [String: Int]
    public var failed: Int
    public var problems: [String]
    public var coverage: Coverage
    /// Of completed interviews.
    public var pathLength: Distribution
    public var pathLengthHistogram: [Bucket]
    /// Of completed interviews.
    public var durationMinutes: Distribution
    public var targetMinutes: Double
    public var shareOverTarget: Double
    /// Interviews ended by the questionnaire, by `EndingGroup` raw value; every group is present.
    public var endedByGroup: [String: SimulationEndedFigures]
    /// In questionnaire order.
    public var sections: [SimulationSectionTime]
    /// In questionnaire order.
    public var questions: [SimulationQuestionFigures]
    public var durationModel: DurationModel
}

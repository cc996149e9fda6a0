/// Interviews that the questionnaire ended at an `end` item, for one `EndingGroup`: how many, with
/// which outcomes, and how long their paths and calls were.
public struct SimulationEndedFigures: Codable, Sendable {
    public var interviews: Int
    /// Interviews by outcome within the group.
    public var byOutcome: [String: Int]
    /// Questions asked before the end item.
    public var pathLength: SimulationReport.Distribution
    public var durationMinutes: SimulationReport.Distribution
}

/// Time spent in one section of the questionnaire by completed interviews.
public struct SimulationSectionTime: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    /// Mean minutes over all completed interviews, those that skip the section counting 0: the
    /// sections' figures add up to the mean duration of a complete.
    public var meanMinutes: Double
    /// Share of completed interviews that were asked at least one question in the section.
    public var reachedShare: Double
    /// Mean minutes over the completed interviews that reached the section.
    public var meanMinutesWhenReached: Double
}

/// What a rehearsed wave produced, day by day, with the contact model it ran on.
public struct RehearsalReport: Sendable, Hashable, Codable {
    public struct Day: Sendable, Hashable, Codable {
        /// YYYY-MM-DD in the survey's zone.
        public var date: String
        public var calls: Int
        public var interviewsStarted: Int
        public var completes: Int
        /// Interviews the questionnaire ended (screen-outs, refused consent …).
        public var endedByQuestionnaire: Int
        public var interviewerHours: Double
    }

    public var seed: UInt64
    public var interviewers: Int
    public var cases: Int
    public var days: [Day]
    public var calls: Int
    public var completes: Int
    /// Interviewer hours (signed in for calling hours) per complete; nil without completes.
    public var hoursPerComplete: Double?
    public var target: Int
    /// The day the target was reached, if it was.
    public var targetReachedOn: String?
    /// When the target was not reached: the calling day it would be reached at the average daily
    /// completes of the rehearsal (nil when nothing was completed).
    public var projectedCallingDays: Int?
    public var contactModel: [String]
    public var fsync: Bool
}

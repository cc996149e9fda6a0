/// Interview length over completed interviews: median and 90th percentile overall and per
/// interviewer, against the questionnaire's target, and the very short interviews to listen back to.
public struct LengthFigures: Encodable, Sendable, Equatable {
    public struct InterviewerLength: Encodable, Sendable, Equatable {
        public var interviewer: String
        public var interviews: Int
        @NullIfAbsent public var medianMinutes: Double?
        @NullIfAbsent public var p90Minutes: Double?
        public var shortInterviews: Int
    }

    public struct ShortInterview: Encodable, Sendable, Equatable {
        public var caseID: String
        public var interviewer: String
        public var minutes: Double
    }

    /// Share of the overall median under which an interview is flagged as very short.
    public static let shortShare = 0.5

    public var targetMinutes: Double
    /// Completed interviews with a known length.
    public var interviews: Int
    @NullIfAbsent public var medianMinutes: Double?
    @NullIfAbsent public var p90Minutes: Double?
    @NullIfAbsent public var shareOverTarget: Double?
    /// Interviews shorter than this are flagged: the larger of half the median and `shortFloorMinutes`;
    /// null without either.
    @NullIfAbsent public var shortThresholdMinutes: Double?
    /// A fixed length under which every interview is flagged whatever the median (`--short-minutes`).
    @NullIfAbsent public var shortFloorMinutes: Double?
    public var shortRule: String
    public var percentileMethod: String
    public var byInterviewer: [InterviewerLength]
    public var shortInterviews: [ShortInterview]

    /// Works the figures out from each completed interview's length in minutes.
    public init(targetMinutes: Double, interviews: [(caseID: String, interviewer: String, minutes: Double)],
                shortFloorMinutes: Double? = nil) {
        self.targetMinutes = targetMinutes
        self.interviews = interviews.count
        let all = interviews.map(\.minutes)
        let median = OrderStatistics.median(all)
        medianMinutes = median
        p90Minutes = OrderStatistics.percentile(90, of: all)
        shareOverTarget = OrderStatistics.share(Double(all.filter { $0 > targetMinutes }.count), of: Double(all.count))
        let halfMedian = median.map { $0 * Self.shortShare }
        let threshold = [halfMedian, shortFloorMinutes].compactMap { $0 }.max()
        shortThresholdMinutes = threshold
        self.shortFloorMinutes = shortFloorMinutes
        shortRule = "shorter than \(Int(Self.shortShare * 100)) % of the overall median"
            + (shortFloorMinutes.map { " or than \(DecimalFigure.text($0)) minutes" } ?? "")
        percentileMethod = "nearest rank: the value at rank ceil(0.9 × n) of the sorted lengths"
        var byName: [String: [Double]] = [:]
        for i in interviews { byName[i.interviewer, default: []].append(i.minutes) }
        let isShort: (Double) -> Bool = { minutes in threshold.map { minutes < $0 } ?? false }
        byInterviewer = byName.keys.sorted().map { name in
            let minutes = byName[name] ?? []
            return InterviewerLength(interviewer: name, interviews: minutes.count, medianMinutes: OrderStatistics.median(minutes),
                                     p90Minutes: OrderStatistics.percentile(90, of: minutes),
                                     shortInterviews: minutes.filter(isShort).count)
        }
        shortInterviews = interviews.filter { isShort($0.minutes) }
            .sorted { ($0.minutes, $0.caseID) < ($1.minutes, $1.caseID) }
            .map { ShortInterview(caseID: $0.caseID, interviewer: $0.interviewer, minutes: $0.minutes) }
    }
}

import FieldworkBasics
import FieldworkCases
import Foundation

/// Fieldwork progress: cases by status, completes per day and per interviewer, call productivity
/// and the contact rate.
public struct ProgressFigures: Encodable, Sendable, Equatable {
    public struct StatusCount: Encodable, Sendable, Equatable {
        public var status: String
        public var count: Int
    }

    /// Completes (calls that gave the case 1.1) on one calendar day in the survey's time zone.
    public struct DayCount: Encodable, Sendable, Equatable {
        /// `YYYY-MM-DD`, survey time zone.
        public var day: String
        public var completes: Int
    }

    public struct InterviewerProgress: Encodable, Sendable, Equatable {
        public var interviewer: String
        public var calls: Int
        public var completes: Int
        /// Clock hours (survey time zone) in which this interviewer made at least one call, summed over days.
        public var hoursWithCalls: Int
        @NullIfAbsent public var callsPerHour: Double?
    }

    public var totalCases: Int
    public var byStatus: [StatusCount]
    public var completes: Int
    public var completesByDay: [DayCount]
    public var byInterviewer: [InterviewerProgress]
    public var calls: Int
    public var hoursWithCalls: Int
    /// calls / hoursWithCalls; n/a (null) without calls.
    @NullIfAbsent public var callsPerHour: Double?
    /// How calls per hour is defined, in words.
    public var callsPerHourDefinition: String
    /// AAPOR CON1 from the same counts as the rates.
    @NullIfAbsent public var contactRate: Double?
    public var contactRateDefinition: String

    public static let completeCode = "1.1"
    public static let callsPerHourText = "calls ÷ hours with calls, where an interviewer's hours with calls are the clock hours "
        + "(survey time zone) in which they made at least one call, counted per interviewer and day"
    public static let contactRateText = "AAPOR CON1: ((I+P)+R+O) / (D+U)"

    /// Works the figures out from the store's status counts and every stored call. Completes are the
    /// calls that gave their case 1.1, dated by the day of the call in `timeZone`.
    public init(totalCases: Int, byStatus: [StatusCount], calls: [StoredCall], timeZone: TimeZone, contactRate: Double?) {
        self.totalCases = totalCases
        self.byStatus = byStatus
        self.calls = calls.count
        var perDay: [String: Int] = [:]
        var callsBy: [String: Int] = [:]
        var completesBy: [String: Int] = [:]
        var hoursBy: [String: Set<String>] = [:]
        for call in calls {
            let local = LocalDateTime(call.at, in: timeZone)
            let day = local.dateText
            callsBy[call.interviewer, default: 0] += 1
            hoursBy[call.interviewer, default: []].insert(day + "T" + local.timeText.prefix(2))
            if call.finalCode == Self.completeCode {
                perDay[day, default: 0] += 1
                completesBy[call.interviewer, default: 0] += 1
            }
        }
        completes = perDay.values.reduce(0, +)
        completesByDay = perDay.keys.sorted().map { DayCount(day: $0, completes: perDay[$0] ?? 0) }
        byInterviewer = callsBy.keys.sorted().map { name in
            let hours = hoursBy[name]?.count ?? 0
            let made = callsBy[name] ?? 0
            return InterviewerProgress(interviewer: name, calls: made, completes: completesBy[name] ?? 0, hoursWithCalls: hours,
                                       callsPerHour: OrderStatistics.share(Double(made), of: Double(hours)))
        }
        hoursWithCalls = byInterviewer.map(\.hoursWithCalls).reduce(0, +)
        callsPerHour = OrderStatistics.share(Double(calls.count), of: Double(hoursWithCalls))
        callsPerHourDefinition = Self.callsPerHourText
        self.contactRate = contactRate
        contactRateDefinition = Self.contactRateText
    }
}

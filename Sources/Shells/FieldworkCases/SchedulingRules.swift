import FieldworkBasics
import Foundation

/// The calling rules of one survey. Stored as `scheduling.json` in the survey directory; every key is
/// optional and falls back to the documented default (see docs/case-management.md).
public struct SchedulingRules: Sendable, Hashable, Codable {
    /// IANA zone calling hours and parts of day are read in.
    public var timeZoneID: String = "Europe/London"
    public var callingHours: CallingHours = CallingHours()
    /// A hard appointment may be called this many minutes before (and is still on time after) its time.
    public var hardAppointmentGraceMinutes: Int = 15
    /// Gap after no answer, busy or answering machine.
    public var retryGapMinutes: Int = 180
    /// Gap after a gatekeeper asked to call back or the named contact was out, without a set time.
    public var callBackGapMinutes: Int = 60
    /// Gap before trying to convert a soft refusal.
    public var refusalConversionDays: Int = 7
    /// The soft refusal that reaches this count is final (2.11): one conversion attempt by default.
    public var maxSoftRefusals: Int = 2
    /// Calls after which an open case is finalised (eligible non-contact 2.2x, or unknown 3.1x).
    public var maxAttempts: Int = 10
    /// How long a case handed to an interviewer stays theirs before it returns to the pool.
    public var leaseMinutes: Int = 30
    public var quotas: [QuotaRule] = []
    /// Shares of applicable questions that make a stopped interview partial (1.2) or complete (1.1).
    /// `scheduling.json` key `interviewDispositions`.
    public var dispositionThresholds: DispositionThresholds = DispositionThresholds()
    /// A fixed e (share of unknown-eligibility cases taken to be eligible) for the response rates
    /// RR3, RR4, REF2 and CON2; nil estimates it proportionally from the cases whose eligibility is known.
    public var eligibilityRate: Double?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case timeZoneID, callingHours, hardAppointmentGraceMinutes, retryGapMinutes, callBackGapMinutes,
             refusalConversionDays, maxSoftRefusals, maxAttempts, leaseMinutes, quotas
        case dispositionThresholds = "interviewDispositions"
        case eligibilityRate
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var r = SchedulingRules()
        r.timeZoneID = try c.decodeIfPresent(String.self, forKey: .timeZoneID) ?? r.timeZoneID
        r.callingHours = try c.decodeIfPresent(CallingHours.self, forKey: .callingHours) ?? r.callingHours
        r.hardAppointmentGraceMinutes = try c.decodeIfPresent(Int.self, forKey: .hardAppointmentGraceMinutes) ?? r.hardAppointmentGraceMinutes
        r.retryGapMinutes = try c.decodeIfPresent(Int.self, forKey: .retryGapMinutes) ?? r.retryGapMinutes
        r.callBackGapMinutes = try c.decodeIfPresent(Int.self, forKey: .callBackGapMinutes) ?? r.callBackGapMinutes
        r.refusalConversionDays = try c.decodeIfPresent(Int.self, forKey: .refusalConversionDays) ?? r.refusalConversionDays
        r.maxSoftRefusals = try c.decodeIfPresent(Int.self, forKey: .maxSoftRefusals) ?? r.maxSoftRefusals
        r.maxAttempts = try c.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? r.maxAttempts
        r.leaseMinutes = try c.decodeIfPresent(Int.self, forKey: .leaseMinutes) ?? r.leaseMinutes
        r.quotas = try c.decodeIfPresent([QuotaRule].self, forKey: .quotas) ?? r.quotas
        r.dispositionThresholds = try c.decodeIfPresent(DispositionThresholds.self, forKey: .dispositionThresholds) ?? r.dispositionThresholds
        r.eligibilityRate = try c.decodeIfPresent(Double.self, forKey: .eligibilityRate)
        self = r
    }

    /// The survey zone; falls back to Europe/London if the identifier is unknown (reported by `problems`).
    public var timeZone: TimeZone { TimeZone(identifier: timeZoneID) ?? TimeZone(identifier: "Europe/London")! }

    /// Configuration mistakes, each a sentence naming the key.
    public var problems: [String] {
        var p = callingHours.configurationProblems
        if TimeZone(identifier: timeZoneID) == nil { p.append("timeZoneID '\(timeZoneID)' is not an IANA time zone") }
        if maxAttempts < 1 { p.append("maxAttempts must be at least 1") }
        if maxSoftRefusals < 1 { p.append("maxSoftRefusals must be at least 1") }
        if leaseMinutes < 1 { p.append("leaseMinutes must be at least 1") }
        if retryGapMinutes < 0 || callBackGapMinutes < 0 || refusalConversionDays < 0 || hardAppointmentGraceMinutes < 0 {
            p.append("gaps and grace windows must not be negative")
        }
        for quota in quotas where quota.fields.isEmpty { p.append("quota '\(quota.name)' lists no fields") }
        p += dispositionThresholds.problems
        if let e = eligibilityRate, !(0...1).contains(e) {
            p.append("eligibilityRate is \(e); give the share of unknown-eligibility cases taken to be eligible, between 0 and 1, or leave the key out to estimate it from the cases")
        }
        return p
    }

    /// The file name rules are stored under in a survey directory.
    public static let fileName = "scheduling.json"

    /// Loads `scheduling.json` from `directory`, or the defaults when there is none.
    public static func load(fromSurveyDirectory directory: URL) throws -> SchedulingRules {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return SchedulingRules() }
        let rules: SchedulingRules
        do {
            rules = try JSONDecoder().decode(SchedulingRules.self, from: Data(contentsOf: url))
        } catch {
            throw CaseStoreError.invalidConfiguration("\(url.path): \(error)")
        }
        if let first = rules.problems.first {
            throw CaseStoreError.invalidConfiguration("\(url.path): \(first)")
        }
        return rules
    }

    // MARK: Time helpers

    /// Wall-clock time of `instant` in the survey zone.
    public func local(_ instant: Date) -> LocalDateTime { LocalDateTime(instant, in: timeZone) }

    /// True when an ordinary (non-appointment) call may be made at `instant`.
    public func isCallingTime(_ instant: Date) -> Bool { callingHours.contains(local(instant)) }

    /// The Gregorian calendar in the survey zone: what "today" and "a week later" mean for scheduling.
    public var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `days` calendar days later at the same wall-clock time in the survey zone, so a refusal
    /// converted "in a week" is called at the same local hour even across a clock change.
    public func adding(days: Int, to instant: Date) -> Date {
        calendar.date(byAdding: .day, value: days, to: instant) ?? instant.addingTimeInterval(Double(days) * 86_400)
    }

    /// The survey-zone day holding `instant`, from its midnight to the next (23 or 25 hours on a
    /// clock-change day), so every "today" in counts and screens is the same day.
    public func day(containing instant: Date) -> (start: Date, end: Date) {
        let calendar = calendar
        let start = calendar.startOfDay(for: instant)
        return (start, calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400))
    }

    /// Calendar days from the survey-zone date of `from` to that of `to` (0 = same day, 1 = tomorrow).
    public func daysBetween(_ from: Date, _ to: Date) -> Int {
        let calendar = calendar
        return calendar.dateComponents([.day], from: calendar.startOfDay(for: from), to: calendar.startOfDay(for: to)).day ?? 0
    }

    public func partOfDay(_ instant: Date) -> PartOfDay { PartOfDay(minuteOfDay: local(instant).minuteOfDay) }

    /// Checks an appointment against the clock and calling hours and returns the instants it is
    /// scheduled by: when it may first be called, and its own time (hard) or window end (soft).
    public func schedule(_ appointment: Appointment, now: Date) throws(AppointmentProblem) -> (callableFrom: Date, at: Date, until: Date) {
        guard let zone = appointment.timeZone else { throw .unknownTimeZone(appointment.timeZoneID) }
        guard let start = appointment.start.instant(in: zone) else { throw .nonexistentTime(appointment.start) }
        if start < now { throw .inThePast(appointment.start) }
        // Calling hours are the survey's: check the appointment's instant as seen in the survey zone.
        let surveyLocal = local(start)
        if !callingHours.isCallingDay(surveyLocal) { throw .closedDay(appointment.start) }
        if !callingHours.contains(surveyLocal) { throw .outsideCallingHours(appointment.start, hours: callingHours.summary) }
        switch appointment.kind {
        case .hard:
            let grace = TimeInterval(hardAppointmentGraceMinutes * 60)
            return (max(now, start - grace), start, start + grace)
        case .soft:
            let endLocal = appointment.end ?? callingHours.closing(on: appointment.start)
            guard let end = endLocal.instant(in: zone) else { throw .nonexistentTime(endLocal) }
            if end < start { throw .windowEndsBeforeStart(appointment.start, endLocal) }
            return (start, start, end)
        }
    }
}

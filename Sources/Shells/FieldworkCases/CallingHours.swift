import FieldworkBasics
import Foundation

/// When interviewers may call businesses, in the survey's local time.
public struct CallingHours: Sendable, Hashable, Codable {
    /// Opening time, `HH:MM`, inclusive.
    public var start: String
    /// Closing time, `HH:MM`, exclusive: no call is started at or after it.
    public var end: String
    /// ISO weekdays with calling: 1 = Monday … 7 = Sunday.
    public var weekdays: [Int]
    /// Dates without calling (bank holidays), `YYYY-MM-DD`.
    public var closedDates: [String]

    public init(start: String = "09:00", end: String = "17:30", weekdays: [Int] = [1, 2, 3, 4, 5], closedDates: [String] = []) {
        self.start = start
        self.end = end
        self.weekdays = weekdays
        self.closedDates = closedDates
    }

    enum CodingKeys: String, CodingKey { case start, end, weekdays, closedDates }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = CallingHours()
        start = try c.decodeIfPresent(String.self, forKey: .start) ?? defaults.start
        end = try c.decodeIfPresent(String.self, forKey: .end) ?? defaults.end
        weekdays = try c.decodeIfPresent([Int].self, forKey: .weekdays) ?? defaults.weekdays
        closedDates = try c.decodeIfPresent([String].self, forKey: .closedDates) ?? defaults.closedDates
    }

    /// Problems with the configuration itself, for a clear message when `scheduling.json` is wrong.
    public var configurationProblems: [String] {
        var problems: [String] = []
        for (key, value) in [("start", start), ("end", end)] where Self.minutes(value) == nil {
            if value.trimmingCharacters(in: .whitespaces) == "24:00" {
                problems.append("callingHours.\(key) '24:00' is not a time of day: times run from 00:00 to 23:59 and a closing time belongs to its own day; use '23:59' to call until midnight")
            } else {
                problems.append("callingHours.\(key) '\(value)' is not HH:MM between 00:00 and 23:59")
            }
        }
        if let s = Self.minutes(start), let e = Self.minutes(end), s >= e {
            problems.append("callingHours.start must be before callingHours.end")
        }
        if weekdays.contains(where: { !(1...7).contains($0) }) { problems.append("callingHours.weekdays must be 1 (Monday) to 7 (Sunday)") }
        return problems
    }

    public var summary: String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let days = weekdays.sorted().compactMap { (1...7).contains($0) ? names[$0 - 1] : nil }.joined(separator: ",")
        return "\(days) \(start)–\(end)"
    }

    /// True when the wall-clock time is on a calling day and inside the hours.
    public func contains(_ local: LocalDateTime) -> Bool {
        guard isCallingDay(local) else { return false }
        let minute = local.minuteOfDay
        return minute >= (Self.minutes(start) ?? 540) && minute < (Self.minutes(end) ?? 1050)
    }

    /// True when the date is a listed weekday and not a closed date.
    public func isCallingDay(_ local: LocalDateTime) -> Bool {
        guard let weekday = Self.isoWeekday(local) else { return false }
        let date = String(local.description.prefix(10))
        return weekdays.contains(weekday) && !closedDates.contains(date)
    }

    /// The end of calling on the day of `local`, used as a soft window's default end.
    public func closing(on local: LocalDateTime) -> LocalDateTime {
        let m = Self.minutes(end) ?? 1050
        return LocalDateTime(year: local.year, month: local.month, day: local.day, hour: m / 60, minute: m % 60)
    }

    public static func minutes(_ hhmm: String) -> Int? {
        let parts = hhmm.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        return h * 60 + m
    }

    static func isoWeekday(_ local: LocalDateTime) -> Int? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: local.year, month: local.month, day: local.day, hour: 12)) else { return nil }
        let weekday = calendar.component(.weekday, from: date)  // 1 = Sunday
        return weekday == 1 ? 7 : weekday - 1
    }
}

import Foundation

/// A wall-clock time without a zone ("10:00 on 3 November"), as a respondent states it.
///
/// Appointments are stored this way, together with an IANA zone, and turned into an instant only when
/// needed, so a daylight-saving change between booking and calling cannot move them by an hour.
public struct LocalDateTime: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// Parses `YYYY-MM-DDTHH:MM` (a space instead of `T` is accepted). Nil if malformed or out of range.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard date.count == 3, time.count == 2,
              let y = date[0], let mo = date[1], let d = date[2], let h = time[0], let mi = time[1],
              (1...12).contains(mo), (1...31).contains(d), (0...23).contains(h), (0...59).contains(mi)
        else { return nil }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi)
    }

    /// The wall-clock time of `instant` in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        self.init(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0, hour: c.hour ?? 0, minute: c.minute ?? 0)
    }

    /// `YYYY-MM-DDTHH:MM`, sortable and round-trippable through `init?(_:)`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2))"
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.description < rhs.description }

    /// The instant this wall-clock time denotes in `zone`, or nil when it does not exist there
    /// (the hour skipped when clocks go forward) or the date is invalid (31 February).
    public func instant(in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        // Foundation silently shifts non-existent times; reject them instead.
        guard LocalDateTime(date, in: zone) == self else { return nil }
        return date
    }

    /// Minutes since midnight, for comparing with calling hours.
    public var minuteOfDay: Int { hour * 60 + minute }
}

import FieldworkBasics
import Foundation

/// Wall-clock times in a zone: the one place `LocalDateTime` meets Foundation's time-zone rules.
extension LocalDateTime {
    /// The wall-clock time of `instant` in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        self.init(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0, hour: c.hour ?? 0, minute: c.minute ?? 0)
    }

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
}

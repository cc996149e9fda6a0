/// A wall-clock time without a zone ("10:00 on 3 November"), as a respondent states it.
///
/// Appointments are stored this way, together with an IANA zone, and turned into an instant only when
/// needed (`instant(in:)`, in FieldworkCases, which owns the time-zone rules), so a daylight-saving
/// change between booking and calling cannot move them by an hour. Pure: no Foundation here, so the
/// screens can build the very value the case store books.
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

    /// `YYYY-MM-DDTHH:MM`, sortable and round-trippable through `init?(_:)`.
    public var description: String { "\(dateText)T\(timeText)" }

    /// `YYYY-MM-DD`.
    public var dateText: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    /// `HH:MM` on the 24-hour clock.
    public var timeText: String { "\(Self.pad(hour, 2)):\(Self.pad(minute, 2))" }

    /// `YYYY-MM-DD HH:MM`: the one way a local time is shown to people (screens, command output,
    /// reports), where `description` keeps the `T` for files and arguments.
    public var displayText: String { "\(dateText) \(timeText)" }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.description < rhs.description }

    /// Minutes since midnight, for comparing with calling hours.
    public var minuteOfDay: Int { hour * 60 + minute }

    private static func pad(_ n: Int, _ width: Int) -> String { DecimalText.zeroPadded(n, width: width) }
}

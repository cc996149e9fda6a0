/// The one way an instant is written as text: ISO 8601 in UTC, `2026-11-30T10:00:00Z`, or with
/// milliseconds, `2026-11-30T10:00:00.123Z` (the journal's fixed 24-character form). Written by
/// hand from `CivilDate`, so it needs no formatter, no locale and no Foundation, and every command,
/// report, export and journal line agrees to the character.
public enum UTCTimestamp {
    public enum Precision: Sendable {
        case seconds
        case milliseconds
    }

    /// The text for `millisecondsSince1970` (negative values are before 1970), truncated to the
    /// precision asked for.
    public static func text(millisecondsSince1970 total: Int64, precision: Precision) -> String {
        var days = total / 86_400_000
        var msOfDay = total % 86_400_000
        if msOfDay < 0 { days -= 1; msOfDay += 86_400_000 }
        let date = CivilDate(daysSinceEpoch: Int(days))
        var out = pad(Int64(date.year), 4) + "-" + pad(Int64(date.month), 2) + "-" + pad(Int64(date.day), 2)
        out += "T" + pad(msOfDay / 3_600_000, 2) + ":" + pad((msOfDay / 60_000) % 60, 2) + ":" + pad((msOfDay / 1000) % 60, 2)
        if precision == .milliseconds { out += "." + pad(msOfDay % 1000, 3) }
        return out + "Z"
    }

    /// The text for an instant given in seconds since 1970, as `Date.timeIntervalSince1970` gives it.
    public static func text(secondsSince1970 seconds: Double, precision: Precision = .seconds) -> String {
        text(millisecondsSince1970: Int64((seconds * 1000).rounded(.down)), precision: precision)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String { DecimalText.zeroPadded(Int(value), width: width) }
}

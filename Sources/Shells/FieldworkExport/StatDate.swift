/// Dates as SPSS and Stata store them. Both keep a date as a number counted from their own
/// origin; Fieldwork counts days from 1970-01-01, so each writer converts with these.
public enum StatDate {
    /// 1582-10-14 (SPSS's origin, the start of the Gregorian calendar) in days since 1970-01-01.
    public static let spssOriginDayNumber = -141_428
    /// 1960-01-01 (Stata's origin) in days since 1970-01-01.
    public static let stataOriginDayNumber = -3_653
    public static let secondsPerDay = 86_400

    /// SPSS display format for dates: `yyyy/mm/dd`. Chosen over DATE11 (`dd-mmm-yyyy`) because it
    /// reads in the same order as the CSV's `YYYY-MM-DD`, sorts as text, and has no month names
    /// that change with the reader's language; PSPP and SPSS both display it.
    public static let spssFormat = "SDATE10"
    /// Stata's daily-date display format (`30nov2026`); pandas reads `%td` columns as datetimes.
    public static let stataFormat = "%td"

    /// The .sav value for a date: seconds since 1582-10-14 00:00.
    public static func spssSeconds(dayNumber: Int) -> Double {
        Double(dayNumber - spssOriginDayNumber) * Double(secondsPerDay)
    }

    /// The day an SPSS date value falls on (a time of day is dropped); nil if not finite.
    public static func dayNumber(spssSeconds: Double) -> Int? {
        guard spssSeconds.isFinite else { return nil }
        let days = (spssSeconds / Double(secondsPerDay)).rounded(.down)
        guard abs(days) < 1e12 else { return nil }
        return Int(days) + spssOriginDayNumber
    }

    /// The .dta value for a date: days since 1960-01-01.
    public static func stataDays(dayNumber: Int) -> Double {
        Double(dayNumber - stataOriginDayNumber)
    }

    /// The day a Stata `%td` value stands for; nil if not a whole finite number of days.
    public static func dayNumber(stataDays: Double) -> Int? {
        guard stataDays.isFinite, stataDays == stataDays.rounded(), abs(stataDays) < 1e12 else { return nil }
        return Int(stataDays) + stataOriginDayNumber
    }
}

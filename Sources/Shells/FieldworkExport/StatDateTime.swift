/// Instants (date and time of day, UTC) as SPSS and Stata store them. Fieldwork counts whole
/// seconds since 1970-01-01 00:00:00 UTC; each writer converts with these so analysts get real
/// date-time variables they can subtract and sort, not text to parse.
public enum StatDateTime {
    /// 1582-10-14 00:00:00 (SPSS's origin) in seconds since 1970-01-01 00:00:00.
    public static let spssOriginUnixSeconds = StatDate.spssOriginDayNumber * StatDate.secondsPerDay
    /// 1960-01-01 00:00:00 (Stata's origin) in seconds since 1970-01-01 00:00:00.
    public static let stataOriginUnixSeconds = StatDate.stataOriginDayNumber * StatDate.secondsPerDay

    /// SPSS display format `dd-mmm-yyyy hh:mm:ss` (20 characters, whole seconds): the date-time
    /// format SPSS, PSPP and ReadStat all know.
    public static let spssFormat = "DATETIME20"
    /// Stata's clock format: milliseconds since 1960, leap seconds ignored (as Fieldwork's UTC
    /// clock does); pandas and pyreadstat read `%tc` columns as datetimes.
    public static let stataFormat = "%tc"

    /// The .sav value for an instant: seconds since 1582-10-14 00:00:00.
    public static func spssSeconds(unixSeconds: Int) -> Double {
        Double(unixSeconds - spssOriginUnixSeconds)
    }

    /// The instant an SPSS date-time value stands for, to the whole second below; nil if not finite.
    public static func unixSeconds(spssSeconds: Double) -> Int? {
        guard spssSeconds.isFinite, abs(spssSeconds) < 1e15 else { return nil }
        return Int(spssSeconds.rounded(.down)) + spssOriginUnixSeconds
    }

    /// The .dta value for an instant: Stata `%tc` milliseconds since 1960-01-01 00:00:00.
    public static func stataMilliseconds(unixSeconds: Int) -> Double {
        Double(unixSeconds - stataOriginUnixSeconds) * 1_000
    }

    /// The instant a Stata `%tc` value stands for, to the whole second below; nil if not finite.
    public static func unixSeconds(stataMilliseconds: Double) -> Int? {
        guard stataMilliseconds.isFinite, abs(stataMilliseconds) < 1e18 else { return nil }
        return Int((stataMilliseconds / 1_000).rounded(.down)) + stataOriginUnixSeconds
    }
}

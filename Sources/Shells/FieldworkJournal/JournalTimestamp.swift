import FieldworkBasics
import Foundation

/// The journal's one timestamp form: `2026-11-30T10:00:00.123Z` (UTC, milliseconds, always 24
/// characters). Fixed width keeps lines easy to scan by eye and makes parsing strict; it is
/// formatted by hand so it is thread-safe and independent of locale and formatter caches.
public enum JournalTimestamp {
    /// Formats `date` truncated to whole milliseconds.
    public static func format(_ date: Date) -> String {
        UTCTimestamp.text(secondsSince1970: date.timeIntervalSince1970, precision: .milliseconds)
    }

    /// Parses exactly the form `format` writes; anything else is `nil`.
    public static func parse(_ text: String) -> Date? {
        parse(bytes: Array(text.utf8)[...])
    }

    static func parse(bytes: ArraySlice<UInt8>) -> Date? {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    /// Parses 24 bytes of the fixed form without copying them: every journal record has one.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 24, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "."), b[23] == UInt8(ascii: "Z")
        else { return nil }
        var allDigits = true
        func number(_ from: Int, _ length: Int) -> Int64 {
            var value: Int64 = 0
            for index in from..<(from + length) {
                let digit = b[index] &- 48
                if digit > 9 { allDigits = false }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        let year = number(0, 4), month = number(5, 2), day = number(8, 2)
        let hour = number(11, 2), minute = number(14, 2), second = number(17, 2), millisecond = number(20, 3)
        guard allDigits, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let milliseconds = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        Int64(CivilDate.daysInMonth(year: Int(year), month: Int(month)))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (shared calendar arithmetic).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        Int64(CivilDate(year: Int(year), month: Int(month), day: Int(day)).daysSinceEpoch)
    }
}

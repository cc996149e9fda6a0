import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `2026-01-05T09:30:00Z`: the form analysts' tools parse without a format string. Formatted by
/// hand because a formatter object per row is the slowest part of a 100,000-row export otherwise.
enum UTCTimestamp {
    static func format(_ date: Date) -> String {
        format(unixSeconds: wholeSeconds(date))
    }

    /// The whole second an instant falls in (seconds since 1970-01-01 00:00:00 UTC): exports keep
    /// whole seconds in every format, so text and date-time values agree.
    static func wholeSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }

    static func format(unixSeconds: Int) -> String {
        var seconds = time_t(unixSeconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

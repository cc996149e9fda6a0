import FieldworkBasics
import Foundation

/// A wall-clock time that happens twice in a zone: the hour repeated when the clocks go back
/// (01:30 on the last Sunday of October in London is 01:30 BST and, an hour later, 01:30 GMT).
public struct RepeatedWallClockTime: Sendable, Hashable, CustomStringConvertible {
    public var time: LocalDateTime
    public var zoneID: String
    /// The two instants, earlier first.
    public var first: Date
    public var second: Date
    /// The zone's abbreviations at each ("BST", "GMT").
    public var firstAbbreviation: String
    public var secondAbbreviation: String

    /// Nil unless `time` happens twice in `zone`.
    public init?(_ time: LocalDateTime, in zone: TimeZone) {
        guard let asIfUTC = time.instant(in: TimeZone(identifier: "UTC")!) else { return nil }
        // The offsets in force a day either side cover any change on this day.
        let offsets = Set([-86_400.0, 86_400.0].map { zone.secondsFromGMT(for: asIfUTC.addingTimeInterval($0)) })
        let instants = offsets.map { asIfUTC.addingTimeInterval(-Double($0)) }
            .filter { LocalDateTime($0, in: zone) == time }
            .sorted()
        guard instants.count == 2 else { return nil }
        self.time = time
        zoneID = zone.identifier
        first = instants[0]
        second = instants[1]
        firstAbbreviation = Self.abbreviation(zone, at: instants[0])
        secondAbbreviation = Self.abbreviation(zone, at: instants[1])
    }

    /// "01:30 BST, the first of the two (01:30 GMT is 60 minutes later)" for the instant booked.
    public func describeBooking(_ booked: Date) -> String {
        let hhmm = time.timeText
        let gap = Int(second.timeIntervalSince(first) / 60)
        if booked == second {
            return "\(hhmm) \(secondAbbreviation), the second of the two (\(hhmm) \(firstAbbreviation) is \(gap) minutes earlier)"
        }
        return "\(hhmm) \(firstAbbreviation), the first of the two (\(hhmm) \(secondAbbreviation) is \(gap) minutes later)"
    }

    public var description: String {
        "\(time) happens twice in \(zoneID) (the clocks go back): \(describeBooking(first))"
    }

    /// The zone's short name at `instant` ("BST"; ICU knows some only in their country's English,
    /// so British then American English are asked); "UTC+01:00" style when neither has one.
    static func abbreviation(_ zone: TimeZone, at instant: Date) -> String {
        let style: NSTimeZone.NameStyle = zone.isDaylightSavingTime(for: instant) ? .shortDaylightSaving : .shortStandard
        for locale in ["en_GB", "en_US"] {
            if let name = zone.localizedName(for: style, locale: Locale(identifier: locale)), !name.isEmpty,
               !name.hasPrefix("GMT+"), !name.hasPrefix("GMT-"), !name.hasPrefix("UTC+"), !name.hasPrefix("UTC-") {
                return name
            }
        }
        let offset = zone.secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        let hh = minutes / 60 < 10 ? "0\(minutes / 60)" : "\(minutes / 60)"
        let mm = minutes % 60 < 10 ? "0\(minutes % 60)" : "\(minutes % 60)"
        return "UTC\(sign)\(hh):\(mm)"
    }
}

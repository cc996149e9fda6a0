import FieldworkBasics
import Foundation

extension Appointment {
    /// The zone, or nil for an unknown identifier.
    public var timeZone: TimeZone? { TimeZone(identifier: timeZoneID) }
}

/// Why an appointment was refused; the message tells the interviewer what to ask for instead.
public enum AppointmentProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownTimeZone(String)
    case nonexistentTime(LocalDateTime)
    case inThePast(LocalDateTime)
    case outsideCallingHours(LocalDateTime, hours: String)
    case closedDay(LocalDateTime)
    case windowEndsBeforeStart(LocalDateTime, LocalDateTime)
    case appointmentMissing(CallOutcome)

    public var description: String {
        switch self {
        case .unknownTimeZone(let id): "unknown time zone '\(id)'; use an IANA name such as Europe/London"
        case .nonexistentTime(let t): "\(t) does not exist in that time zone (clocks go forward); choose another time"
        case .inThePast(let t): "\(t) is in the past; choose a later time"
        case .outsideCallingHours(let t, let hours): "\(t) is outside calling hours (\(hours)); choose a time within them"
        case .closedDay(let t): "\(t) falls on a day without calling (weekend or holiday); choose a business day"
        case .windowEndsBeforeStart(let s, let e): "the window ends (\(e)) before it starts (\(s))"
        case .appointmentMissing(let outcome): "outcome '\(outcome.rawValue)' needs an appointment time"
        }
    }
}

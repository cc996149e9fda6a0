import FieldworkBasics
import Foundation

/// One booked appointment on an open case, for the supervisor's list (`fieldwork cases appointments`)
/// and the console: when it is, who booked it, who holds the case now, and whether it is overdue.
public struct AppointmentListing: Sendable, Hashable, Encodable {
    /// Where the appointment stands at the time of listing.
    public enum Standing: String, Sendable, Hashable, Codable {
        /// Its time (a hard appointment's grace window, a soft one's window) passed without a call.
        case overdue
        /// Callable now: inside a hard appointment's grace window or a soft one's window.
        case due
        /// Later today (survey zone).
        case today
        /// After today.
        case later
    }

    public var caseID: String
    public var kind: AppointmentKind
    /// The agreed wall-clock time and, for a soft window, its end, in `timeZoneID`.
    public var start: LocalDateTime
    public var end: LocalDateTime?
    public var timeZoneID: String
    /// The instant agreed (hard) or the window's opening (soft), and the last instant it is kept.
    public var at: Date
    public var until: Date
    /// Who booked it (an interviewer, or a supervisor through `cases book`).
    public var bookedBy: String
    public var bookedAt: Date
    /// The interviewer holding the case under an unexpired lease, if any.
    public var heldBy: String?
    public var standing: Standing

    public init(caseID: String, kind: AppointmentKind, start: LocalDateTime, end: LocalDateTime?, timeZoneID: String,
                at: Date, until: Date, bookedBy: String, bookedAt: Date, heldBy: String?, standing: Standing) {
        self.caseID = caseID
        self.kind = kind
        self.start = start
        self.end = end
        self.timeZoneID = timeZoneID
        self.at = at
        self.until = until
        self.bookedBy = bookedBy
        self.bookedAt = bookedAt
        self.heldBy = heldBy
        self.standing = standing
    }

    private enum CodingKeys: String, CodingKey {
        case caseID, kind, start, end, timeZoneID, at, until, bookedBy, bookedAt, heldBy, standing
    }

    /// As JSON, the wall-clock times are written as `YYYY-MM-DDTHH:MM`, like `--at`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caseID, forKey: .caseID)
        try c.encode(kind, forKey: .kind)
        try c.encode(start.description, forKey: .start)
        try c.encodeIfPresent(end?.description, forKey: .end)
        try c.encode(timeZoneID, forKey: .timeZoneID)
        try c.encode(at, forKey: .at)
        try c.encode(until, forKey: .until)
        try c.encode(bookedBy, forKey: .bookedBy)
        try c.encode(bookedAt, forKey: .bookedAt)
        try c.encodeIfPresent(heldBy, forKey: .heldBy)
        try c.encode(standing, forKey: .standing)
    }

    /// The standing of an appointment kept from `callableFrom` (`at` less a hard appointment's grace)
    /// to `until`, at `now`, with `dayEnd` the end of today in the survey zone.
    public static func standing(callableFrom: Date, until: Date, now: Date, dayEnd: Date) -> Standing {
        if until < now { return .overdue }
        if callableFrom <= now { return .due }
        return callableFrom < dayEnd ? .today : .later
    }
}

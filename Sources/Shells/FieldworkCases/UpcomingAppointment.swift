import FieldworkBasics
import Foundation

/// The earliest booked appointment on an open case: what an interviewer with nothing to call
/// is waiting for, so the waiting screen can say when work comes back rather than just "later".
public struct UpcomingAppointment: Sendable, Hashable {
    public var caseID: String
    public var kind: AppointmentKind
    /// The instant booked: a hard appointment's agreed time, a soft appointment's window opening.
    /// Earlier than now when the appointment is overdue (not yet called).
    public var at: Date

    public init(caseID: String, kind: AppointmentKind, at: Date) {
        self.caseID = caseID
        self.kind = kind
        self.at = at
    }

    /// True when its time has come (or passed) and the call is still owed.
    public func isDue(now: Date) -> Bool { at <= now }
}

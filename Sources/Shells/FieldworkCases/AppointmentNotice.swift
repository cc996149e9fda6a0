import FieldworkBasics
import Foundation

/// What an interviewer is told about an appointment that was booked but is not what it seems.
public enum AppointmentNotice {
    /// For a start time that happens twice (the clocks go back that night): which one was booked.
    /// "2025-10-26T01:30 happens twice in Europe/London (the clocks go back): booked 01:30 BST,
    /// the first of the two (01:30 GMT is 60 minutes later)". Nil for ordinary times.
    public static func repeatedTime(_ appointment: Appointment, bookedAt instant: Date) -> String? {
        guard let zone = appointment.timeZone, let repeated = RepeatedWallClockTime(appointment.start, in: zone) else { return nil }
        return "\(appointment.start) happens twice in \(repeated.zoneID) (the clocks go back): booked \(repeated.describeBooking(instant))"
    }
}

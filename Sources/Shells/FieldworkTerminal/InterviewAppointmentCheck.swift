import FieldworkCases
import FieldworkScreen
import Foundation

/// Checks an appointment typed in the interview (F7) with the case store's own rules before the
/// interview is closed, so a time in the past or outside calling hours is asked again on the
/// spot instead of being lost: the store books it with exactly these rules afterwards.
public enum InterviewAppointmentCheck {
    /// Why the store would refuse the appointment, or nil when it would book it.
    public static func problem(with appointment: InterviewAppointment, rules: SchedulingRules, now: Date) -> String? {
        let request = SessionAppointmentRequest(kind: .hard, date: appointment.date, time: appointment.time,
                                                note: appointment.note, purpose: .resumeInterview)
        guard let booking = SessionInterviewOutcome.appointment(for: request, timeZoneID: rules.timeZoneID) else {
            return "\(appointment.date) \(appointment.time) is not a date and time"
        }
        do {
            _ = try rules.schedule(booking, now: now)
            return nil
        } catch {
            return "Refused: \(error)"
        }
    }
}

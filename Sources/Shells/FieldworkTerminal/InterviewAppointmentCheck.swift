import FieldworkBasics
import FieldworkCases
import Foundation

/// Checks an appointment typed in the interview (F7) with the case store's own rules before the
/// interview is closed, so a time in the past or outside calling hours is asked again on the
/// spot instead of being lost: the store books it with exactly these rules afterwards.
public enum InterviewAppointmentCheck {
    /// Why the store would refuse the appointment, or nil when it would book it.
    public static func problem(with appointment: Appointment, rules: SchedulingRules, now: Date) -> String? {
        do {
            _ = try rules.schedule(appointment, now: now)
            return nil
        } catch {
            return "Refused: \(error)"
        }
    }
}

import FieldworkCases
import FieldworkScreen
import Foundation

/// Turns the store's counts and next appointment into the waiting screen, so an interviewer with
/// nothing to call can see when work comes back: times in the survey's zone, as on the title bar.
public enum SessionWaitingViewBuilder {
    /// Weekday abbreviations by `Calendar` weekday number (1 = Sunday), fixed in English like the rest
    /// of the session screens rather than following the machine's locale.
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    public static func view(counts: StatusCounts?, next: UpcomingAppointment?, now: Date, rules: SchedulingRules,
                            pollSeconds: Int, message: SessionMessage?) -> SessionWaitingView {
        var details: [SessionDetail] = []
        if let counts {
            for state in CaseStatus.allCases where !state.isFinal {
                details.append(SessionDetail(state.rawValue, String(counts.byStatus[state] ?? 0)))
            }
            details.append(SessionDetail("being called", String(counts.leased)))
        }
        return SessionWaitingView(counts: details,
                                  nextAppointment: nextAppointmentLine(next, dueToday: counts?.appointmentsDueToday ?? 0,
                                                                       now: now, rules: rules),
                                  checkedAt: SessionCaseViewBuilder.clock(now, rules), pollSeconds: pollSeconds,
                                  message: message)
    }

    /// "14:30 (hard) · 3 booked for today", "Tue 09:15 (soft)", "due now: 09:00 (hard) · 1 booked for today";
    /// nil when nothing is booked.
    public static func nextAppointmentLine(_ next: UpcomingAppointment?, dueToday: Int, now: Date,
                                           rules: SchedulingRules) -> String? {
        let today = dueToday > 0 ? "\(dueToday) booked for today" : nil
        guard let next else { return today }
        let when = "\(when(next.at, now: now, rules: rules)) (\(next.kind.rawValue))"
        let first = next.isDue(now: now) ? "due now: \(when)" : when
        return [first, today].compactMap { $0 }.joined(separator: " · ")
    }

    /// `HH:MM` today; `Tue HH:MM` within the coming week; `YYYY-MM-DD HH:MM` otherwise (also for an
    /// overdue appointment from an earlier day, whose weekday alone would be ambiguous).
    static func when(_ instant: Date, now: Date, rules: SchedulingRules) -> String {
        let days = rules.daysBetween(now, instant)
        let clock = SessionCaseViewBuilder.clock(instant, rules)
        switch days {
        case 0: return clock
        case 1...6:
            let weekday = rules.calendar.component(.weekday, from: instant)
            return "\(weekdays[(weekday - 1 + 7) % 7]) \(clock)"
        default: return SessionCaseViewBuilder.local(instant, rules)
        }
    }
}

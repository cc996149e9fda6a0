import FieldworkBasics
import FieldworkCases
import FieldworkEngine
import FieldworkScreen

/// What the session does with the case after an interview sitting ends.
public enum SessionInterviewOutcome: Sendable, Equatable {
    /// Record this call outcome; `rule` says why, when the interview decided the code.
    case record(CallOutcome, rule: String?)
    /// Record `suspendedWithAppointment` with this appointment (the store may refuse the time).
    case book(Appointment, note: String, purpose: SessionAppointmentPurpose)
    /// The interview was stopped as a refusal: ask the interviewer whether soft or hard.
    case askRefusalKind
    /// The interviewer left the interview (Ctrl-C, y): nothing is recorded; back to the case
    /// screen, still holding the case, to resume it or record what happened.
    case backToCase
    /// Hang-up or termination: give the case back and exit.
    case shutdown(reason: String)

    /// Maps an interview sitting's ending to the call it represents.
    ///
    /// A break-off is complete, partial or a break-off by the share of applicable questions
    /// answered (`classify`, the survey's thresholds); a refusal is soft or hard by the
    /// interviewer's judgement; an `end` item's outcome is recorded as it is; a suspension is a
    /// hard appointment at the time typed in the interview.
    public static func after(_ ending: InterviewTerminalSession.Ending,
                             classify: (AnsweredShare) -> (outcome: CallOutcome, rule: String)) -> SessionInterviewOutcome {
        switch ending {
        case .completed:
            return .record(.interviewComplete, rule: "interview completed")
        case .endedByQuestionnaire(let outcome, let endpoint):
            guard let call = CallOutcome(rawValue: outcome) else {
                return .record(.breakOff, rule: "questionnaire end \(endpoint) named an unknown outcome \(outcome)")
            }
            return .record(call, rule: "questionnaire end \(endpoint) → \(outcome)")
        case .suspended(let appointment, let note):
            return .book(appointment, note: note, purpose: .resumeInterview)
        case .stopped(let outcome, let share):
            if outcome == InterviewStopOutcome.refusal.code { return .askRefusalKind }
            let (call, rule) = classify(share)
            return .record(call, rule: rule)
        case .left:
            return .backToCase
        case .shutdown(let reason):
            return .shutdown(reason: reason)
        }
    }

    /// The call outcome an appointment is recorded under.
    public static func outcome(purpose: SessionAppointmentPurpose, kind: AppointmentKind) -> CallOutcome {
        switch (purpose, kind) {
        case (.resumeInterview, _): .suspendedWithAppointment
        case (.callOutcome, .hard): .hardAppointment
        case (.callOutcome, .soft): .softAppointment
        }
    }
}

import FieldworkEngine

/// A box that takes over the keyboard until it is answered: the interview screen shows at most
/// one at a time, and keys go to it rather than to the answer line.
public enum InterviewDialog: Sendable, Hashable {
    /// Every key and what it does.
    case help
    /// The engine asked for confirmation of soft checks before `response` can stand.
    case softCheck(failures: [CheckFailure], response: Response, alreadyConfirmed: Set<String>)
    /// Questions answered so far on the path, each with its answer; `filter` narrows the list as
    /// the interviewer types, and `selection` indexes `InterviewJumpList.filtered(filter.text)`.
    case jumpList(selection: Int, filter: LineEditor)
    /// The answers of the current section; `selection` indexes `InterviewReview.entries`.
    case review(selection: Int)
    /// A hard check failed and reads other questions on the path: the interviewer can go to one of
    /// them (`others`, `selection` indexes it) or close the box and change this answer.
    case hardCheck(failures: [CheckFailure], others: [QuestionAddress], selection: Int)
    /// A resumed interview opens on this: who stopped it, where, and what to say on the call.
    case resumed(InterviewResumeSummary)
    /// A free-text note on the current question.
    case note(LineEditor)
    /// The "please specify" text for an option that asks for it.
    case specify(code: Int, editor: LineEditor, multiple: Bool)
    /// Date, time and note of an appointment to call back.
    case appointment(InterviewAppointmentForm)
    /// `*`: the question's extra missing codes; `selection` indexes `InterviewMissingChoices.choices`.
    case extraMissing(selection: Int)
    /// Refusal or break-off; `selection` indexes `InterviewStopOutcome.allCases`.
    case stopMenu(selection: Int)
    /// Ctrl-C: leave the interview (it stays resumable)?
    case leaveConfirm
}

/// How an interview may be stopped early, with the outcome code journalled for each.
public enum InterviewStopOutcome: String, Sendable, Hashable, CaseIterable {
    case refusal
    case breakoff

    /// The outcome code written with `.end(outcome:)` and as the call outcome.
    public var code: String { rawValue }

    public var label: String {
        switch self {
        case .refusal: return "Refusal: the respondent declines to go on"
        case .breakoff: return "Break-off: the call ended part way (line dropped, had to go)"
        }
    }
}

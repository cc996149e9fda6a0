import FieldworkBasics
import FieldworkEngine

/// What the interview screen asks its shell to do after a key. The screen itself never writes
/// anything: the shell journals (durably), then reports back with `InterviewController.finished`.
public enum InterviewIntent: Sendable, Hashable {
    /// Nothing to record; redraw.
    case none
    /// Journal and apply an engine command, then report the outcome.
    case perform(FieldworkEngine.InterviewCommand)
    /// The end screen was confirmed: record `.complete` and the call outcome "complete", then close.
    case finish
    /// Record the appointment as a note, `.suspend`, call outcome "appointment", then close.
    case suspend(Appointment, note: String)
    /// Record `.end(outcome:)` and the call outcome, then close.
    case stop(outcome: String)
    /// Close the sitting as "interrupted" (the case stays resumable).
    case leave
    /// The terminal went away or the system asked us to stop: close quietly.
    case shutdown(Key)
}

/// How a `.perform` went, as the shell reports it back to the screen.
public enum InterviewPerformResult: Sendable, Hashable {
    /// On disk and applied; `leftPath` names answers that dropped off the route as a result.
    case recorded(leftPath: [QuestionAddress])
    /// The engine refused it; nothing was written.
    case rejected(Rejection)
    /// Writing failed (disk full …); nothing new is on screen, and the input is kept for a retry.
    case failed(String)
}

/// A line under the question: feedback on the last action.
public struct InterviewMessage: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .normal) {
        self.text = text
        self.style = style
    }
}

import FieldworkDiagnostics

/// "End the interview here, with this outcome": an `end` item in a section or loop. When the
/// routing reaches it and its `askIf` holds (or it has none), no further question is asked; the
/// interviewer sees the end screen with the outcome and closes the interview with it.
public struct Endpoint: Sendable, Hashable {
    public var id: String
    public var outcome: InterviewEndOutcome
    public var askIf: Condition?
    /// Closing words read aloud (thanks, why the interview ends); optional.
    public var text: TemplateText?
    /// For the interviewer only (e.g. what to say if asked why).
    public var instruction: TemplateText?
    public var location: SourceLocation

    public init(id: String, outcome: InterviewEndOutcome, askIf: Condition?, text: TemplateText?,
                instruction: TemplateText?, location: SourceLocation) {
        self.id = id
        self.outcome = outcome
        self.askIf = askIf
        self.text = text
        self.instruction = instruction
        self.location = location
    }
}

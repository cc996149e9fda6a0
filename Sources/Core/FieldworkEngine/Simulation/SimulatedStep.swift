/// One question asked in a simulated interview (each loop pass is a step of its own): which
/// question, the simulated seconds it took from being shown to being answered, and how it was answered.
public struct SimulatedStep: Sendable, Hashable {
    /// The question's position in `Instrument.questions`.
    public var question: Int
    public var seconds: Double
    public var answer: SimulatedAnswerKind

    public init(question: Int, seconds: Double, answer: SimulatedAnswerKind) {
        self.question = question
        self.seconds = seconds
        self.answer = answer
    }
}

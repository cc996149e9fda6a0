import FieldworkChecker
import FieldworkModel

/// The end screen when the routing ends an interview early: which `end` item, its outcome, and
/// its closing words with fills resolved.
public struct EndingView: Hashable, Sendable {
    public var endpointID: String
    public var outcome: InterviewEndOutcome
    /// Read aloud (thanks, why the interview ends); nil when the designer gave none.
    public var text: String?
    /// For the interviewer only.
    public var instruction: String?
}

extension Interview {
    /// The end the route stops at, ready to show; nil when the route runs to the last question.
    public func endingView(language: String? = nil) -> EndingView? {
        guard let hit = state.endpoint else { return nil }
        let lang = language ?? self.language
        let info = instrument.endpoints[hit.index]
        let scope = EvaluationScope(interview: self, iteration: hit.position.iteration, loopFrames: hit.position.loops, labelLanguage: lang)
        return EndingView(endpointID: info.endpoint.id, outcome: info.endpoint.outcome,
                          text: info.text.map { TextRenderer.render($0, scope: scope, language: lang) },
                          instruction: info.instruction.map { TextRenderer.render($0, scope: scope, language: lang) })
    }
}

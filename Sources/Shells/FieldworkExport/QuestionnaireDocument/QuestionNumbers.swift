import FieldworkChecker
import FieldworkModel

/// The numbers the printed questionnaire gives its questions: Q1, Q2 … in questionnaire order,
/// counting every question that records an answer once (a question inside a loop is numbered
/// once, not once per pass). Statements are read out but record nothing, so they get no number.
public struct QuestionNumbers: Sendable {
    /// Question id → its number.
    private let byID: [String: Int]
    public let count: Int

    public init(instrument: Instrument) {
        var byID: [String: Int] = [:]
        var next = 1
        for node in instrument.program {
            guard case .question(let index) = node else { continue }
            let question = instrument.questions[index].question
            if case .statement = question.kind { continue }
            guard byID[question.id] == nil else { continue }
            byID[question.id] = next
            next += 1
        }
        self.byID = byID
        self.count = next - 1
    }

    /// The number of the question with this id; nil for statements, computed variables and
    /// anything that is not a question.
    public func number(of id: String) -> Int? { byID[id] }

    /// "Q12" for the question with this id.
    public func label(of id: String) -> String? { number(of: id).map { "Q\($0)" } }
}

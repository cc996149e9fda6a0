import FieldworkChecker
import FieldworkModel

/// Words for the printed questionnaire's conditions, in its language and with question numbers,
/// aware of the loop a condition stands in (so `item.name` reads "this pass's option at crimes (Q10)").
struct DocumentWording {
    let instrument: Instrument
    let language: String
    let numbers: QuestionNumbers

    /// The condition wording for something inside `loops` (outermost first).
    func wording(loops: [Int]) -> ConditionWording {
        guard let innermost = loops.last else {
            return ConditionWording(instrument: instrument, language: language, numbers: numbers)
        }
        let loop = instrument.loops[innermost]
        return ConditionWording(instrument: instrument, loopFrame: loop.frame, loopSource: loop.loop.source.questionID,
                                language: language, numbers: numbers)
    }

    func words(_ condition: Condition, loops: [Int]) -> String {
        wording(loops: loops).words(condition)
    }

    /// A question named with its number: "crimes (Q10)".
    func questionName(_ id: String) -> String {
        numbers.label(of: id).map { "\(id) (\($0))" } ?? id
    }

    /// What one pass of a loop is, as a sentence start.
    func repetition(of loop: LoopInfo) -> String {
        switch loop.loop.source {
        case .forEach(let source, _):
            var text = "For each option chosen at \(questionName(source))"
            let exclusive = (loop.frame?.options ?? []).filter(\.exclusive).map { $0.label.text(in: language) }
            if !exclusive.isEmpty { text += " (never for \(exclusive.joined(separator: " or ")))" }
            return text
        case .count(let source, let max, _):
            return "Repeated once for each of the number given at \(questionName(source)), at most \(max) times"
        }
    }

    /// How an entry inside a loop is asked: "Asked for each option chosen at crimes (Q10)".
    func passSentence(of loop: LoopInfo) -> String {
        switch loop.loop.source {
        case .forEach(let source, _):
            return "Asked for each option chosen at \(questionName(source)) (loop \(loop.loop.id))"
        case .count(let source, let max, _):
            return "Asked once for each of the number given at \(questionName(source)), at most \(max) times (loop \(loop.loop.id))"
        }
    }
}

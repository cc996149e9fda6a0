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
        var text: String
        switch loop.loop.source {
        case .forEach(let source, _):
            text = "For each option chosen at \(questionName(source))"
            let exclusive = (loop.frame?.options ?? []).filter(\.exclusive).map { $0.label.text(in: language) }
            if !exclusive.isEmpty { text += " (never for \(exclusive.joined(separator: " or ")))" }
        case .count(let source, let max, _):
            text = "Repeated once for each of the number given at \(questionName(source)), at most \(max) times"
        case .forEachOption(let name, _):
            text = "For each option of \(name), whatever was answered (\(loop.maxIterations) passes)"
        }
        return text + passCondition(of: loop)
    }

    /// How an entry inside a loop is asked: "Asked for each option chosen at crimes (Q10)".
    func passSentence(of loop: LoopInfo) -> String {
        switch loop.loop.source {
        case .forEach(let source, _):
            return "Asked for each option chosen at \(questionName(source))\(passCondition(of: loop)) (loop \(loop.loop.id))"
        case .count(let source, let max, _):
            return "Asked once for each of the number given at \(questionName(source)), at most \(max) times\(passCondition(of: loop)) (loop \(loop.loop.id))"
        case .forEachOption(let name, _):
            return "Asked for each option of \(name)\(passCondition(of: loop)) (loop \(loop.loop.id))"
        }
    }

    /// ", only where …" for a loop with a `passIf`; empty otherwise.
    private func passCondition(of loop: LoopInfo) -> String {
        guard let passIf = loop.loop.passIf else { return "" }
        return ", only where " + words(passIf, loops: loop.enclosing + [loop.index])
    }
}

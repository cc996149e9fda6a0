import FieldworkDiagnostics
import FieldworkExpressions
import FieldworkModel

/// FW222: a question that allows don't know drives routing, and nothing in the questionnaire says
/// what a don't know should do, so it silently skips everything the routing guards.
///
/// The rule (docs/diagnostics.md): question Q allows don't know, and
/// * the `askIf` of a question, loop or section cannot be true unless Q has a real answer
///   (`Q == 'yes'`, `Q > 3`, `Q in [...]`, or such a comparison as a part of an `and`), or
/// * a loop repeats over Q (`forEach` or `count`), so a don't know gives no passes;
///
/// and no condition, check or computed value anywhere tests `dontknow(Q)`, `answered(Q)` or gives
/// Q a `coalesce(Q, …)` fallback. One warning per question, at the first place it drives.
struct DontKnowRouting {
    let questions: [QuestionInfo]
    let loops: [LoopInfo]
    let sections: [SectionInfo]
    let computed: [ComputedInfo]
    let endpoints: [EndpointInfo]
    let symbols: [SymbolDefinition]
    let program: [ProgramNode]

    func diagnostics() -> [Diagnostic] {
        let handled = questionsTestedForMissing()
        var warned = Set<Int>()
        var out: [Diagnostic] = []
        func consider(_ q: Int, _ location: SourceLocation, _ effect: String) {
            guard questions[q].question.allowDontKnow, !handled.contains(q), warned.insert(q).inserted else { return }
            let id = questions[q].question.id
            out.append(.warning(.unhandledDontKnow, at: location,
                "\"\(id)\" allows don't know, and \(effect) for a don't know; "
                + "if that is intended say so with dontknow(\(id)) or answered(\(id)) in a condition, otherwise route don't know explicitly or set \"allowDontKnow\": false"))
        }
        func guarded(_ askIf: CompiledExpression?, _ condition: Condition?, what: String) {
            guard let askIf, let condition else { return }
            for q in questionsRequired(by: askIf).sorted() {
                consider(q, condition.location(ofOffset: 0), "the askIf of \(what) is then not true, so it is skipped")
            }
        }
        for node in program {
            switch node {
            case .sectionStart(let s):
                guarded(sections[s].askIf, sections[s].section.askIf, what: "section \"\(sections[s].section.id)\"")
            case .loopStart(let l):
                let info = loops[l]
                guarded(info.askIf, info.loop.askIf, what: "loop \"\(info.loop.id)\"")
                if let q = info.sourceQuestion {
                    consider(q, info.loop.source.location, "loop \"\(info.loop.id)\" repeats over it, making no passes")
                }
            case .question(let q):
                guarded(questions[q].askIf, questions[q].question.askIf, what: "\"\(questions[q].question.id)\"")
            default:
                break
            }
        }
        return out
    }

    /// The questions whose answer a condition needs (a question of its own, not through a computed value).
    private func questionsRequired(by condition: CompiledExpression) -> Set<Int> {
        Set(condition.symbolsRequiredToHold.compactMap(question(of:)))
    }

    private func question(of symbol: SymbolID) -> Int? {
        guard symbol.raw < symbols.count, case .answer(let q, _, _) = symbols[symbol.raw] else { return nil }
        return q
    }

    private func questionsTestedForMissing() -> Set<Int> {
        var expressions: [CompiledExpression] = []
        for q in questions {
            expressions += [q.askIf].compactMap { $0 } + q.checks.compactMap(\.require) + Array(q.optionConditions.values)
        }
        expressions += loops.compactMap(\.askIf) + sections.compactMap(\.askIf) + computed.compactMap(\.expression)
            + endpoints.compactMap(\.askIf)
        var found = Set<Int>()
        for e in expressions { found.formUnion(e.symbolsTestedForMissing.compactMap(question(of:))) }
        return found
    }
}

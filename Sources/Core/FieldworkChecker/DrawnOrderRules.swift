import FieldworkDiagnostics
import FieldworkExpressions
import FieldworkModel

/// What a section asked in a random or rotated order must satisfy (FW226): it holds questions
/// only, and none of them refers to another question of the same section — in its condition,
/// checks, fills or option conditions, directly or through a computed variable — because any of
/// them may be asked first.
struct DrawnOrderRules {
    let instrument: Instrument

    func diagnostics() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for section in instrument.sections where section.section.order.isDrawn {
            let id = section.section.id
            let order = section.section.order.rawValue
            for item in section.section.items {
                switch item {
                case .question: continue
                case .loop(let l):
                    out.append(.error(.dependentDrawnOrder, at: l.location, "section \"\(id)\" asks its questions in \(order) order, so it can hold only questions; move loop \"\(l.id)\" to a section of its own"))
                case .computed(let c):
                    out.append(.error(.dependentDrawnOrder, at: c.location, "section \"\(id)\" asks its questions in \(order) order, so it can hold only questions; move computed variable \"\(c.id)\" to the next section"))
                case .end(let e):
                    out.append(.error(.dependentDrawnOrder, at: e.location, "section \"\(id)\" asks its questions in \(order) order, so it can hold only questions; move end item \"\(e.id)\" to the next section"))
                }
            }
            let members = instrument.questions.filter { $0.section == section.index && $0.loops.isEmpty }
            let inBlock = Set(members.map(\.index))
            for info in members {
                for other in referencedQuestions(of: info).sorted() where inBlock.contains(other) && other != info.index {
                    let name = instrument.questions[other].question.id
                    out.append(.error(.dependentDrawnOrder, at: info.question.location,
                                      "question \"\(info.question.id)\" refers to \"\(name)\", but section \"\(id)\" asks its questions in \(order) order, so \"\(name)\" may not have been asked yet; move one of them to another section or remove \"order\" from the section"))
                }
            }
        }
        return out
    }

    /// The questions a question's condition, checks, fills and option conditions read.
    func referencedQuestions(of info: QuestionInfo) -> Set<Int> {
        var symbols = Set<SymbolID>()
        symbols.formUnion(info.askIf?.references ?? [])
        for check in info.checks {
            symbols.formUnion(check.require?.references ?? [])
            symbols.formUnion(Self.references(check.message))
        }
        symbols.formUnion(Self.references(info.text))
        if let instruction = info.instruction { symbols.formUnion(Self.references(instruction)) }
        for text in info.gridItemTexts { symbols.formUnion(Self.references(text)) }
        for text in info.optionLabels.values { symbols.formUnion(Self.references(text)) }
        for condition in info.optionConditions.values { symbols.formUnion(condition.references) }
        var questions = Set<Int>()
        for symbol in symbols where symbol.raw < instrument.symbols.count {
            switch instrument.symbols[symbol.raw] {
            case .answer(let q, _, _): questions.insert(q)
            case .computed(let c, _): questions.formUnion(instrument.computedDependencies.questions(of: c).map(Int.init))
            case .sample, .preload, .loopItem, .interviewDate: break
            }
        }
        return questions
    }

    static func references(_ text: CompiledText) -> Set<SymbolID> {
        var out = Set<SymbolID>()
        for segments in text.byLanguage.values {
            for case .fill(let e) in segments { out.formUnion(e.references) }
        }
        return out
    }
}

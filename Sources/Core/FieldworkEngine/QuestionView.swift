import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Everything a front end needs to put the current question in front of an interviewer: texts
/// with fills resolved, the options on offer, and what is already on record.
public struct QuestionView: Hashable, Sendable {
    public struct OptionView: Hashable, Sendable {
        public var code: Int
        public var name: String
        public var label: String
        public var readOut: Bool
        public var exclusive: Bool
        public var takesSpecify: Bool
    }

    public var key: InstanceKey
    public var address: QuestionAddress
    public var question: Question
    /// Read aloud, unless `readAloud` is false.
    public var text: String
    /// Whether `text` is read aloud; false when it is for the interviewer only.
    public var readAloud: Bool { question.readAloud }
    /// For the interviewer only.
    public var instruction: String?
    /// The options on offer, in the order shown (random or rotated when the question says so).
    public var options: [OptionView]
    /// True when `options` come in a drawn order: the screen then numbers them 1, 2, 3 … as shown
    /// instead of by code.
    public var optionsReordered: Bool
    /// The language the texts are in.
    public var language: String
    public var gridItems: [String]
    public var sectionTitle: String
    public var sectionNumber: Int
    public var sectionCount: Int
    /// "Burglary (2 of 3)" inside a loop.
    public var loopLabel: String?
    /// The answer on record, if this question is being revisited.
    public var currentAnswer: Response?
    /// An answer given earlier that left the path and came back: offered, not reused.
    public var previousAnswer: Response?
    /// 1-based position on the path, and the expected total.
    public var position: Int
    public var expectedTotal: Int
    public var allowDontKnow: Bool
    public var allowRefused: Bool
}

extension Interview {
    /// The current question, ready to show; nil at the end screen or when the interview is over.
    /// `language` defaults to the interview's current language.
    public func currentView(language: String? = nil) -> QuestionView? {
        guard let key = currentKey else { return nil }
        return view(of: key, at: state.cursor, language: language)
    }

    public func view(of key: InstanceKey, at pathIndex: Int, language: String? = nil) -> QuestionView {
        let lang = language ?? self.language
        let info = instrument.questions[Int(key.item)]
        let entry = state.path[pathIndex]
        let scope = EvaluationScope(interview: self, iteration: key.iteration, loopFrames: entry.position.loops, labelLanguage: lang)
        let validator = ResponseValidator(info: info, scope: scope, missingCodes: instrument.questionnaire.missingCodes)
        let frameOptions = info.question.frame?.options ?? []
        var options: [QuestionView.OptionView] = []
        var offered = validator.offeredIndices()
        let drawn = optionOrder(of: key)
        if let drawn {
            let on = Set(offered)
            offered = drawn.filter { on.contains($0) }
        }
        for o in offered.map({ frameOptions[$0] }) {
            let label = info.optionLabels[o.code].map { TextRenderer.render($0, scope: scope, language: lang) } ?? o.label.text(in: lang)
            options.append(.init(code: o.code, name: o.name, label: label, readOut: o.readOut, exclusive: o.exclusive, takesSpecify: o.specify != nil))
        }
        let stored = state.answers[key]
        var loopLabel: String?
        if let frame = entry.position.loops.last {
            let loop = instrument.loops[frame.loop]
            let n = frame.number
            let name = loop.frame.map { $0.options[n - 1].label.text(in: lang) } ?? "#\(n)"
            loopLabel = "\(name) (\(frame.current + 1) of \(frame.passCount))"
        }
        let section = instrument.sections[info.section]
        let frontierPC = state.path.last?.position.pc ?? 0
        return QuestionView(
            key: key, address: address(of: key), question: info.question,
            text: TextRenderer.render(info.text, scope: scope, language: lang),
            instruction: info.instruction.map { TextRenderer.render($0, scope: scope, language: lang) },
            options: options, optionsReordered: drawn != nil, language: lang,
            gridItems: info.gridItemTexts.map { TextRenderer.render($0, scope: scope, language: lang) },
            sectionTitle: section.section.title.text(in: lang), sectionNumber: info.section + 1,
            sectionCount: instrument.sections.count, loopLabel: loopLabel,
            currentAnswer: stored?.status == .active ? stored?.response : nil,
            previousAnswer: stored?.status == .offPath ? stored?.response : nil,
            position: pathIndex + 1,
            expectedTotal: state.path.count + (state.atEnd ? 0 : instrument.questionsAfter[min(frontierPC + 1, instrument.questionsAfter.count - 1)]),
            allowDontKnow: info.question.allowDontKnow, allowRefused: info.question.allowRefused)
    }

    /// The frame positions (0-based) of a question's options in the order they are offered, when
    /// the question asks for a random or rotated order and the interview has a seed; nil when they
    /// come as written. Options hidden by `showIf` keep their place in this order but are not shown.
    public func optionOrder(of key: InstanceKey) -> [Int]? {
        let info = instrument.questions[Int(key.item)]
        let order = info.question.order
        guard order.isDrawn, let seed = context.seed, let options = info.question.frame?.options else { return nil }
        return DrawnOrder.positions(count: options.count, staysPut: { options[$0].staysPut }, order: order, seed: seed,
                                    subject: .options(questionID: info.question.id, pass: key.iteration.numbers))
    }

    /// The questions reached so far, for the jump list.
    public var pathSummary: [(address: QuestionAddress, label: String, answered: Bool)] {
        state.path.map { entry in
            let q = instrument.questions[Int(entry.key.item)].question
            let label = q.label?.text(in: language) ?? q.text.text.text(in: language)
            return (address(of: entry.key), label, state.answers[entry.key]?.status == .active)
        }
    }

    /// A response rendered for display ("2 Fairly satisfied", "don't know").
    public func describe(_ response: Response, for key: InstanceKey) -> String {
        let q = instrument.questions[Int(key.item)].question
        let lang = language
        func label(_ code: Int) -> String { q.frame?.option(code: code).map { "\(code) \($0.label.text(in: lang))" } ?? String(code) }
        switch response {
        case .number(let n):
            if case .decimal(_, _, let d, _) = q.kind { return ValueFormatter.number(n, decimals: d) }
            return ValueFormatter.number(n)
        case .text(let t): return t
        case .date(let d): return DateText.text(dayNumber: d)
        case .choice(let c, let s): return label(c) + (s.map { ": \($0)" } ?? "")
        case .choices(let cs, let s): return cs.map { label($0) + (s[$0].map { ": \($0)" } ?? "") }.joined(separator: "; ")
        case .grid(let cells): return cells.map { describe($0, for: key) }.joined(separator: " | ")
        case .dontKnow: return "don't know"
        case .refused: return "refused"
        case .missingCode(let name):
            return instrument.questionnaire.missingCodes.extra(named: name)?.label.text(in: lang) ?? name
        case .seen: return "read out"
        }
    }

    /// The value of a computed variable at the end of the interview (or now). In a loop pass the
    /// interview did not make (see `PassOccurrence`) it is not asked, whatever its expression would give.
    public func computedValue(id: String, pass: [Int] = []) -> RuntimeValue? {
        guard let c = instrument.computedIndex(id: id), let e = instrument.computed[c].expression else { return nil }
        let iteration = LoopPass(pass)
        guard EvaluationScope.passMade(computed: c, at: iteration, instrument: instrument, answers: state.answers.readOnlyStorage) else {
            return .missing(.notAsked)
        }
        return EvaluationScope.kept(e.evaluate(EvaluationScope(interview: self, iteration: iteration)), computed: c, instrument: instrument)
    }
}

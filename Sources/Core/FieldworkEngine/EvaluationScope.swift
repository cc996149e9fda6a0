import FieldworkBasics
import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Answers as the expression language sees them, from one place in the interview: the current
/// loop pass decides which occurrence an unindexed name means. Off-path answers read as not asked.
///
/// A scope is made for every condition the engine evaluates, thousands per interview, so making
/// one must cost nothing: it holds the interview's fixed context and its answer storage without
/// retaining them. That is sound because a scope only lives for one synchronous evaluation inside
/// a call on the interview it reads, which keeps both alive meanwhile; never store a scope, and
/// make a new one after changing any answer.
struct EvaluationScope: EvaluationContext {
    private let context: Unmanaged<InterviewContext>
    private let answers: Unmanaged<AnswerBook.Storage>
    let iteration: LoopPass
    /// Loop frames when known (for item.label and friends); otherwise derived from `iteration`.
    let loopFrames: LoopFrames?
    /// A candidate answer being checked before it is recorded.
    let override: (key: InstanceKey, response: Response)?
    /// Whether computed values worked out here may be remembered in the answer storage: only
    /// during the engine's walk, which holds the storage alone (see `AnswerBook.Storage`).
    let remembers: Bool
    /// The language `item.label` reads in, when texts are being shown (nil: the default language,
    /// so that conditions never depend on the language on screen).
    let labelLanguage: String?

    init(interview: Interview, iteration: LoopPass, loopFrames: LoopFrames? = nil, override: (InstanceKey, Response)? = nil,
         remembers: Bool = false, labelLanguage: String? = nil) {
        self.labelLanguage = labelLanguage
        self.context = .passUnretained(interview.context)
        self.answers = .passUnretained(interview.state.answers.readOnlyStorage)
        self.iteration = iteration
        self.loopFrames = loopFrames
        self.override = override.map { (key: $0.0, response: $0.1) }
        self.remembers = remembers
    }

    /// The instrument (retained: for callers outside the hot path, such as fills).
    var instrument: Instrument { context.takeUnretainedValue().instrument }

    func value(of symbol: SymbolID) -> RuntimeValue {
        context._withUnsafeGuaranteedRef { context in
            answers._withUnsafeGuaranteedRef { answers in
                value(of: symbol, context: context, answers: answers)
            }
        }
    }

    @inline(__always)
    private func value(of symbol: SymbolID, context: InterviewContext, answers: AnswerBook.Storage) -> RuntimeValue {
        let instrument = context.instrument
        switch instrument.symbols[symbol.raw] {
        case .answer(let q, let gridItem, let fixed):
            let key = InstanceKey(item: q, iteration: fixed ?? iteration.prefix(instrument.questionLoopDepth[q]))
            if let o = override, o.key == key { return Self.runtime(o.response, gridItem: gridItem) }
            guard let response = answers.activeResponse(key) else { return .missing(.notAsked) }
            return Self.runtime(response, gridItem: gridItem)
        case .computed(let c, let fixed):
            let at = fixed ?? iteration.prefix(instrument.computedLoopDepth[c])
            // A pass named from outside its loop may never have been made: then there is no value.
            if fixed != nil, !Self.passMade(computed: c, at: at, instrument: instrument, answers: answers) {
                return .missing(.notAsked)
            }
            // A candidate answer may change the value: nothing remembered applies, nothing is kept.
            guard override == nil else { return computedValue(c, at: at, instrument: instrument) }
            let stamp = answers.stamp(instrument.computedDependencies.questions(of: c))
            if let known = answers.remembered(c, iteration: at, stamp: stamp) { return known }
            let value = computedValue(c, at: at, instrument: instrument)
            if remembers { answers.remember(c, iteration: at, stamp: stamp, value: value) }
            return value
        case .interviewDate:
            return context.interviewDay.map { .date($0) } ?? .missing(.notAsked)
        case .sample(let f):
            let values = context.sampleValues
            return f < values.count ? values[f] : .missing(.notAsked)
        case .preload(let f):
            let values = context.preloadValues
            return f < values.count ? values[f] : .missing(.notAsked)
        case .loopItem(let property, let loop):
            let info = instrument.loops[loop]
            let level = info.enclosing.count
            let n = iteration.number(at: level)
            guard n >= 1 else { return .missing(.notAsked) }
            if !info.frameCodes.isEmpty {
                guard n <= info.frameCodes.count else { return .missing(.undefined) }
                switch property {
                case .code: return .number(Double(info.frameCodes[n - 1]))
                case .name: return .text(info.frameNames[n - 1])
                case .label: return .text(info.frame?.options[n - 1].label.text(in: labelLanguage ?? instrument.questionnaire.defaultLanguage) ?? "")
                case .index: return .number(Double(passIndex(loop: loop, number: n)))
                }
            }
            switch property {
            case .code, .index: return .number(Double(n))
            case .name, .label: return .text(String(n))
            }
        }
    }

    /// The values of a loop's question or computed variable in each pass its loop makes within the
    /// current passes of the loops around it (`sum(v_inc)` after the victim forms, or inside an
    /// outer pass for an inner loop). The passes come from the driving answer as the walk makes
    /// them; a computed variable's pass that was not made is left out, and a question's reads as
    /// not asked there, so both drop out of the aggregate.
    func passValues(of symbol: SymbolID) -> [PassValue]? {
        context._withUnsafeGuaranteedRef { context in
            answers._withUnsafeGuaranteedRef { answers in
                passValues(of: symbol, instrument: context.instrument, answers: answers)
            }
        }
    }

    private func passValues(of symbol: SymbolID, instrument: Instrument, answers: AnswerBook.Storage) -> [PassValue]? {
        let loops: [Int]
        var computed: Int?
        switch instrument.symbols[symbol.raw] {
        case .answer(let q, _, nil): loops = instrument.questions[q].loops
        case .computed(let c, nil): loops = instrument.computed[c].loops; computed = c
        default: return nil
        }
        guard let loopIndex = loops.last else { return nil }
        let loop = instrument.loops[loopIndex]
        let enclosing = iteration.prefix(loop.enclosing.count)
        // An aggregate stands in the passes of the loops around its loop; anywhere else it sees none.
        guard enclosing.depth == loop.enclosing.count else { return nil }
        let driving = loop.drivingKey(in: instrument, enclosing: enclosing).flatMap { activeResponse($0, answers: answers) }
        var numbers = loop.passes(drivenBy: driving)
        if let passIf = loop.passIf {
            var decided = false
            numbers = numbers.filter { n in
                let decision = passIf.evaluate(EvaluationScope(copying: self, iteration: enclosing.appending(n)))
                if !decision.isMissing { decided = true }
                return decision.isTrue
            }
            // Nothing tells whether a loop over a code frame's options was reached but its passes:
            // with none made and passIf unable to decide a single one, it was not, and its
            // aggregates are not asked. (Decided "no" for every pass, they are 0.)
            if loop.fixedPasses != nil, !decided, !Self.anyPassMade(loopIndex, numbers, enclosing, instrument: instrument, answers: answers) { return nil }
        } else if loop.fixedPasses != nil, !Self.anyPassMade(loopIndex, numbers, enclosing, instrument: instrument, answers: answers) {
            return nil
        }
        var values: [PassValue] = []
        for number in numbers {
            let pass = enclosing.appending(number)
            if let c = computed, !Self.passMade(computed: c, at: pass, instrument: instrument, answers: answers) { continue }
            values.append(PassValue(pass: number, value: EvaluationScope(copying: self, iteration: pass).value(of: symbol)))
        }
        return values
    }

    /// The answer that counts for `key`, a candidate being checked included.
    private func activeResponse(_ key: InstanceKey, answers: AnswerBook.Storage) -> Response? {
        if let o = override, o.key == key { return o.response }
        return answers.activeResponse(key)
    }

    private static func anyPassMade(_ loop: Int, _ numbers: [Int], _ enclosing: LoopPass, instrument: Instrument, answers: AnswerBook.Storage) -> Bool {
        numbers.contains { PassOccurrence(loop: loop, iteration: enclosing.appending($0)).wasMade(instrument: instrument, answers: answers) }
    }

    /// Whether the loop pass a computed variable's occurrence belongs to was made (always, outside loops).
    static func passMade(computed c: Int, at iteration: LoopPass, instrument: Instrument, answers: AnswerBook.Storage) -> Bool {
        guard let loop = instrument.computed[c].loops.last else { return true }
        return PassOccurrence(loop: loop, iteration: iteration).wasMade(instrument: instrument, answers: answers)
    }

    private func computedValue(_ c: Int, at iteration: LoopPass, instrument: Instrument) -> RuntimeValue {
        guard let e = instrument.computed[c].expression else { return .missing(.undefined) }
        return Self.kept(e.evaluate(EvaluationScope(copying: self, iteration: iteration)), computed: c, instrument: instrument)
    }

    /// A computed number keeps the places its inputs declare (a sum of money in pounds and pence
    /// stays in pence), so binary noise never reaches conditions, fills or the data.
    static func kept(_ value: RuntimeValue, computed c: Int, instrument: Instrument) -> RuntimeValue {
        guard case .number(let n) = value, let places = instrument.computedExtents[c].decimals else { return value }
        return .number(DecimalText.rounded(n, places: places))
    }

    private init(copying other: EvaluationScope, iteration: LoopPass) {
        self.context = other.context
        self.answers = other.answers
        self.iteration = iteration
        self.loopFrames = nil
        self.override = other.override
        self.remembers = other.remembers
        self.labelLanguage = other.labelLanguage
    }

    /// 1-based position of the pass among the passes actually made (item.index).
    private func passIndex(loop: Int, number: Int) -> Int {
        if let frames = loopFrames, let f = frames.first(where: { $0.loop == loop }), f.number == number {
            return f.current + 1
        }
        return number
    }

    static func runtime(_ response: Response, gridItem: Int?) -> RuntimeValue {
        switch response {
        case .number(let n): return .number(n)
        case .text(let t): return .text(t)
        case .date(let d): return .date(d)
        case .choice(let c, _): return .choice(c)
        case .choices(let codes, _):
            // Usually already in ascending order (frames list codes that way): sort only when not.
            var ascending = true
            for i in codes.indices.dropFirst() where codes[i - 1] > codes[i] { ascending = false; break }
            return .choices(ascending ? codes : codes.sorted())
        case .grid(let cells):
            guard let g = gridItem, g < cells.count else { return .missing(.notAsked) }
            return runtime(cells[g], gridItem: nil)
        case .dontKnow: return .missing(.dontKnow)
        case .refused: return .missing(.refused)
        case .missingCode(let name): return .missing(.coded(name))
        case .seen: return .missing(.notAsked)
        }
    }
}

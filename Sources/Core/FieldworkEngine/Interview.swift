import FieldworkBasics
import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Runs one interview: decides what is asked next, validates answers, and keeps the state that the
/// event sequence defines. It does no I/O and reads no clock: the caller journals the events a
/// decision produces, then applies them.
public struct Interview: Sendable {
    /// What never changes during the interview, shared by its copies.
    private(set) var context: InterviewContext
    public private(set) var state = InterviewState()

    public var instrument: Instrument { context.instrument }
    public var sample: SampleRecord { context.sample }
    /// The interview's date (days since 1970-01-01), when it has one: what `today()` reads.
    public var interviewDay: Int? { context.interviewDay }
    /// The interview's seed, when it has one: random and rotated orders are drawn from it.
    public var seed: UInt64? { context.seed }
    /// The language the interview is shown in: the last one chosen, else the questionnaire's default.
    public var language: String { state.language ?? instrument.questionnaire.defaultLanguage }

    /// `interviewDay` (days since 1970-01-01) is what `today()` reads: the date the interview
    /// started, from the caller's clock; it is journalled (`.interviewDated`) and replayed.
    /// `seed` orders what the questionnaire asks to be shown in random or rotated order; it is
    /// drawn by the caller when the interview starts, journalled (`.seeded`) and replayed.
    public init(instrument: Instrument, sample: SampleRecord, interviewDay: Int? = nil, seed: UInt64? = nil) {
        self.context = InterviewContext(instrument: instrument, sample: sample, interviewDay: interviewDay, seed: seed)
        // Room for a typical interview up front, rather than regrowing the tables answer by answer.
        state.answers = AnswerBook(for: instrument)
        state.path.reserveCapacity(min(256, instrument.questions.count * 2))
        extendPath()
    }

    /// Starts a new interview with another sample record, keeping this one's buffers: the
    /// simulator runs thousands in turn, and allocating them afresh each time showed in profiles.
    /// The state is exactly that of a new interview.
    mutating func restart(sample: SampleRecord, interviewDay: Int? = nil, seed: UInt64? = nil) {
        context = InterviewContext(instrument: context.instrument, sample: sample, interviewDay: interviewDay, seed: seed)
        // Take the buffers out (so they stay uniquely held), reset everything else, put them back.
        var answers = state.answers
        var path = state.path
        state = InterviewState()
        answers.removeAll()
        path.removeAll(keepingCapacity: true)
        state.answers = consume answers
        state.path = consume path
        extendPath()
    }

    /// Rebuilds an interview from its events. Events that no longer fit (for example after a
    /// questionnaire change) are skipped and reported, never guessed at.
    /// The interview's date is the one its events recorded, else `interviewDay`; its seed likewise.
    public static func replay(instrument: Instrument, sample: SampleRecord, events: [InterviewEvent],
                              interviewDay: Int? = nil, seed: UInt64? = nil) -> (Interview, [ReplayProblem]) {
        var recorded: Int?
        var recordedSeed: UInt64?
        for event in events {
            switch event {
            case .interviewDated(let day): if recorded == nil { recorded = day }
            case .seeded(let s): if recordedSeed == nil { recordedSeed = s }
            default: continue
            }
        }
        var interview = Interview(instrument: instrument, sample: sample, interviewDay: recorded ?? interviewDay,
                                  seed: recordedSeed ?? seed)
        var problems: [ReplayProblem] = []
        for (i, event) in events.enumerated() {
            if case .failure(let error) = interview.apply(event) {
                problems.append(ReplayProblem(eventIndex: i, event: event, message: error.message))
            }
        }
        return (interview, problems)
    }

    // MARK: Where we are

    /// The question on screen, or nil at the end screen or after the interview has ended.
    public var currentKey: InstanceKey? {
        state.cursor < state.path.count ? state.path[state.cursor].key : nil
    }

    public var isAtEndScreen: Bool { state.atEnd && state.cursor >= state.path.count }

    public func address(of key: InstanceKey) -> QuestionAddress {
        QuestionAddress(id: instrument.questions[Int(key.item)].question.id, pass: key.iteration.numbers)
    }

    public func key(for address: QuestionAddress) -> InstanceKey? {
        guard let q = instrument.questionIndex(id: address.id) else { return nil }
        guard address.pass.count == instrument.questions[q].loops.count,
              address.pass.allSatisfy({ $0 >= 1 && $0 <= LoopPass.maxPerLevel }) else { return nil }
        return InstanceKey(item: q, iteration: LoopPass(address.pass))
    }

    /// Answers that count: on the path and active.
    public var onPathAnswers: [(key: InstanceKey, response: Response)] {
        state.path.compactMap { entry in
            guard let a = state.answers[entry.key], a.status == .active else { return nil }
            return (entry.key, a.response)
        }
    }

    /// The answer on record for an instance, if it counts.
    public func activeAnswer(_ key: InstanceKey) -> Response? {
        guard let a = state.answers[key], a.status == .active else { return nil }
        return a.response
    }

    /// The `end` item the route stops at, when the routing ends this interview early.
    public var endpointReached: EndpointInfo? {
        state.endpoint.map { instrument.endpoints[$0.index] }
    }

    // MARK: Deciding

    /// Checks a command against the current state and says which events would record it. Nothing
    /// changes until those events are applied.
    public func decide(_ command: InterviewCommand) -> Decision {
        guard state.status.isOpen else {
            return .rejected(.notAllowed("the interview has ended; nothing more can be recorded"))
        }
        switch command {
        case .answer(let response, let confirming):
            guard let key = currentKey else { return .rejected(.notAllowed("there is no question to answer here")) }
            return decideAnswer(response, for: key, confirming: confirming)
        case .back:
            guard state.cursor > 0 || (isAtEndScreen && !state.path.isEmpty) else { return .rejected(.notAllowed("this is the first question")) }
            return .accepted([.back])
        case .jump(let address):
            guard let key = key(for: address), state.path.contains(where: { $0.key == key }) else {
                return .rejected(.notAllowed("\(address) is not on the path so far; you can only jump to questions already reached"))
            }
            return .accepted([.jump(address)])
        case .note(let text):
            return .accepted([.note(currentKey.map { address(of: $0) }, text: text)])
        case .suspend:
            return .accepted([.suspended])
        case .complete:
            guard isAtEndScreen else { return .rejected(.notAllowed("questions remain: \(state.path.count - state.cursor) to go")) }
            if let end = endpointReached {
                return .accepted([.endReached(endpoint: end.endpoint.id, outcome: end.endpoint.outcome.rawValue)])
            }
            return .accepted([.completed])
        case .end(let outcome):
            return .accepted([.ended(outcome: outcome)])
        case .chooseLanguage(let language):
            let languages = instrument.questionnaire.languages
            guard languages.contains(language) else {
                return .rejected(.notAllowed("\(language) is not a language of this questionnaire; it has \(languages.joined(separator: ", "))"))
            }
            guard language != self.language else { return .rejected(.notAllowed("the interview is already in \(language)")) }
            return .accepted([.languageChosen(language)])
        }
    }

    /// The engine's judgement of an answer, before any event exists.
    enum AnswerVerdict {
        case accept(Response, confirmed: [String])
        case reject(Rejection)
    }

    private func decideAnswer(_ given: Response, for key: InstanceKey, confirming: Set<String>) -> Decision {
        switch verdict(given, for: key, confirming: confirming) {
        case .reject(let r):
            return .rejected(r)
        case .accept(let response, let confirmed):
            let address = address(of: key)
            var events: [InterviewEvent] = confirmed.map { .softCheckConfirmed(address, check: $0) }
            events.append(.answered(address, response))
            return .accepted(events)
        }
    }

    /// `domainChecked` skips the domain validation for answers drawn from the domain itself (the
    /// simulator's); checks across questions are always evaluated.
    func verdict(_ given: Response, for key: InstanceKey, confirming: Set<String>, domainChecked: Bool = false) -> AnswerVerdict {
        let info = instrument.questions[Int(key.item)]
        // Multiple choices are recorded in code-frame order, so the same choice is the same answer.
        var response = given
        if case .choices(let codes, let specify) = given, codes.count > 1, !Self.inFrameOrder(codes, info) {
            response = .choices(codes.sorted { (info.optionPosition(code: $0) ?? Int.max) < (info.optionPosition(code: $1) ?? Int.max) },
                                specify: specify)
        }
        if domainChecked && info.checks.isEmpty { return .accept(response, confirmed: []) }
        // The loop frames make item.index the position among the passes made, as on screen.
        let frames = state.path[state.cursor].position.loops
        if !domainChecked {
            let scope = EvaluationScope(interview: self, iteration: key.iteration, loopFrames: frames)
            if let problem = ResponseValidator(info: info, scope: scope, missingCodes: instrument.questionnaire.missingCodes).problem(with: response) {
                return .reject(.invalid(problem))
            }
        }
        if info.checks.isEmpty { return .accept(response, confirmed: []) }
        var hard: [CheckFailure] = []
        var soft: [CheckFailure] = []
        let withAnswer = EvaluationScope(interview: self, iteration: key.iteration, loopFrames: frames, override: (key, response))
        for check in info.checks {
            guard let require = check.require else { continue }
            let result = require.evaluate(withAnswer)
            if case .boolean(false) = result {
                let failure = CheckFailure(id: check.check.id, severity: check.check.severity,
                                           message: TextRenderer.render(check.message, scope: withAnswer, language: language))
                if check.check.severity == .hard { hard.append(failure) } else { soft.append(failure) }
            }
        }
        if !hard.isEmpty { return .reject(.hardCheck(hard)) }
        let unconfirmed = soft.filter { !confirming.contains($0.id) && !(state.pendingConfirmations[key]?.contains($0.id) ?? false) }
        if !unconfirmed.isEmpty { return .reject(.softCheck(unconfirmed)) }
        return .accept(response, confirmed: soft.filter { confirming.contains($0.id) }.map(\.id))
    }

    private static func inFrameOrder(_ codes: [Int], _ info: QuestionInfo) -> Bool {
        var last = -1
        for c in codes {
            guard let p = info.optionPosition(code: c), p > last else { return false }
            last = p
        }
        return true
    }

    /// Whether a kept answer still passes its question's domain and checks where it stands: every
    /// hard check, and every soft check either passes or was confirmed for the values it reads now.
    /// A confirmation given for other values is void (as in Blaise), so the route stops at the
    /// answer and the check is raised again.
    func stillStands(_ answer: StoredAnswer, at entry: PathEntry) -> Bool {
        let info = instrument.questions[Int(entry.key.item)]
        let scope = EvaluationScope(interview: self, iteration: entry.key.iteration, loopFrames: entry.position.loops)
        if ResponseValidator(info: info, scope: scope, missingCodes: instrument.questionnaire.missingCodes).problem(with: answer.response) != nil {
            return false
        }
        guard !info.checks.isEmpty else { return true }
        let withAnswer = EvaluationScope(interview: self, iteration: entry.key.iteration, loopFrames: entry.position.loops,
                                         override: (entry.key, answer.response))
        for check in info.checks {
            guard case .boolean(false)? = check.require?.evaluate(withAnswer) else { continue }
            if check.check.severity == .hard { return false }
            guard let confirmed = answer.confirmation(of: check.check.id),
                  confirmed.readValues == Self.valuesRead(by: check, in: withAnswer) else { return false }
        }
        return true
    }

    /// The values a check reads in a scope: those of its expression's references, in symbol order.
    static func valuesRead(by check: CompiledCheck, in scope: EvaluationScope) -> [RuntimeValue] {
        guard let require = check.require else { return [] }
        return require.references.sorted { $0.raw < $1.raw }.map { scope.value(of: $0) }
    }

    /// The confirmations of the soft checks `checks` for `response` at the current question, each
    /// with the values its check reads once the response stands.
    private func confirmations(_ checks: Set<String>, of response: Response, at key: InstanceKey) -> [SoftCheckConfirmation] {
        let info = instrument.questions[Int(key.item)]
        let scope = EvaluationScope(interview: self, iteration: key.iteration, loopFrames: state.path[state.cursor].position.loops,
                                    override: (key, response))
        return checks.sorted().map { id in
            SoftCheckConfirmation(check: id, readValues: info.checks.first { $0.check.id == id }.map { Self.valuesRead(by: $0, in: scope) } ?? [])
        }
    }

    /// Applies an accepted answer at the current question without going through event values; the
    /// same state change as the `.softCheckConfirmed` and `.answered` events it stands for. Used by
    /// the simulator when no events need keeping.
    mutating func applyAccepted(_ response: Response, at key: InstanceKey, confirmed: [String]) {
        for c in confirmed { state.pendingConfirmations[key, default: []].insert(c) }
        _ = recordAnswer(response, at: key)
        if state.status == .suspended { state.status = .inProgress }
        state.eventCount += confirmed.count + 1
    }

    // MARK: Applying

    /// Applies one event. On failure the state is unchanged.
    @discardableResult
    public mutating func apply(_ event: InterviewEvent) -> Result<ApplyEffect, EngineError> {
        var effect = ApplyEffect()
        switch event {
        case .shown:
            break
        case .answered(let address, let response):
            guard let key = key(for: address) else { return .failure(EngineError("unknown question \(address)")) }
            guard state.status != .completed, !isEnded else { return .failure(EngineError("the interview has ended")) }
            guard state.cursor < state.path.count, state.path[state.cursor].key == key else {
                return .failure(EngineError("\(address) is not the current question"))
            }
            effect.leftPath = recordAnswer(response, at: key)
            if state.status == .suspended { state.status = .inProgress }
        case .softCheckConfirmed(let address, let check):
            guard let key = key(for: address) else { return .failure(EngineError("unknown question \(address)")) }
            state.pendingConfirmations[key, default: []].insert(check)
        case .back:
            if isAtEndScreen && !state.path.isEmpty { state.cursor = state.path.count - 1 }
            else if state.cursor > 0 { state.cursor -= 1 }
            else { return .failure(EngineError("already at the first question")) }
        case .jump(let address):
            guard let key = key(for: address), let i = state.path.firstIndex(where: { $0.key == key }) else {
                return .failure(EngineError("\(address) is not on the path"))
            }
            state.cursor = i
        case .note(let address, let text):
            state.notes.append(InterviewNote(question: address, text: text))
        case .suspended:
            if state.status == .inProgress { state.status = .suspended }
        case .resumed:
            if state.status == .suspended { state.status = .inProgress }
        case .completed:
            guard isAtEndScreen else { return .failure(EngineError("cannot complete: questions remain")) }
            if let end = endpointReached {
                return .failure(EngineError("cannot complete: the route ends at \"\(end.endpoint.id)\" (\(end.endpoint.outcome.rawValue))"))
            }
            state.status = .completed
        case .endReached(let id, let outcome):
            guard isAtEndScreen, let end = endpointReached, end.endpoint.id == id else {
                return .failure(EngineError("the route does not end at \"\(id)\" here"))
            }
            if end.endpoint.outcome.closesInterview {
                state.status = .ended(outcome: outcome)
            } else {
                // Called again later: the next sitting opens on the answer that led here.
                state.status = .suspended
                state.cursor = Swift.max(0, state.path.count - 1)
            }
        case .ended(let outcome):
            state.status = .ended(outcome: outcome)
        case .interviewDated(let day):
            guard context.interviewDay == day else {
                return .failure(EngineError("the interview is dated \(context.interviewDay.map { CivilDate(daysSinceEpoch: $0).description } ?? "nothing"), not \(CivilDate(daysSinceEpoch: day))"))
            }
        case .seeded(let seed):
            guard context.seed == seed else {
                return .failure(EngineError("the interview's seed is \(context.seed.map(String.init) ?? "none"), not \(seed)"))
            }
        case .languageChosen(let language):
            guard instrument.questionnaire.languages.contains(language) else {
                return .failure(EngineError("\(language) is not a language of this questionnaire (\(instrument.questionnaire.languages.joined(separator: ", ")))"))
            }
            state.language = language
        }
        state.eventCount += 1
        return .success(effect)
    }

    private var isEnded: Bool {
        if case .ended = state.status { return true }
        return false
    }

    /// Records an answer at the cursor, recomputes the route after it, and moves on.
    /// Returns the answers that left the path.
    private mutating func recordAnswer(_ response: Response, at key: InstanceKey) -> [InstanceKey] {
        let atFrontier = state.cursor == state.path.count - 1 && !state.atEnd
        // Whether the answer changed matters only when answering again behind the frontier.
        let previous = atFrontier ? nil : state.answers.activeResponse(key)
        let wasActive = atFrontier ? state.answers.isActive(key) : previous != nil
        let confirmed = state.pendingConfirmations.isEmpty ? [] : (state.pendingConfirmations.removeValue(forKey: key) ?? [])
        let confirmations = confirmed.isEmpty ? [] : self.confirmations(confirmed, of: response, at: key)
        state.answers.recordActive(response, for: key, confirmations: confirmations)
        if !wasActive { state.activeCount += 1 }
        var leftPath: [InstanceKey] = []
        if atFrontier {
            leftPath = extendPath()
        } else if previous != response {
            let tail = state.path[(state.cursor + 1)...]
            state.path.removeSubrange((state.cursor + 1)...)
            state.atEnd = false
            leftPath = extendPath()
            let kept = Set(state.path.map(\.key))
            let frontier = state.atEnd ? nil : state.path.last.map { orderKey($0.position) }
            for entry in tail where !kept.contains(entry.key) {
                let passed = frontier.map { orderKey(entry.position).lexicographicallyPrecedes($0) } ?? true
                if passed, markOffPath(entry.key) { leftPath.append(entry.key) }
            }
        }
        state.cursor += 1
        return leftPath
    }

    @discardableResult
    private mutating func markOffPath(_ key: InstanceKey) -> Bool {
        guard state.answers.isActive(key) else { return false }
        state.answers.setStatus(.offPath, for: key)
        state.activeCount -= 1
        return true
    }

    /// Sort key of a program position in interview order (loop passes before what follows them).
    private func orderKey(_ p: WalkPosition) -> [Int] {
        var key: [Int] = []
        for f in p.loops { key += [instrument.loops[f.loop].startIndex, f.number] }
        key.append(p.pc)
        return key
    }

    /// Walks forward from the last path entry, through questions that already hold answers, to the
    /// next one to ask (or to the end). Answers passed over become off-path.
    @discardableResult
    private mutating func extendPath() -> [InstanceKey] {
        // The context never changes during a walk (only `restart` replaces it), so the walk
        // borrows its instrument instead of retaining it at every answer.
        Unmanaged.passUnretained(context)._withUnsafeGuaranteedRef { context in
            extendPath(instrument: context.instrument)
        }
    }

    private mutating func extendPath(instrument: Instrument) -> [InstanceKey] {
        let answeredOnPath = state.path.count
        state.endpoint = nil
        state.answers.prepareForWalk()
        var walker = Walker(pendingPossible: state.activeCount > answeredOnPath)
        var position = state.path.last.map { WalkPosition(pc: $0.position.pc + 1, loops: $0.position.loops) } ?? WalkPosition(pc: 0, loops: LoopFrames())
        while let entry = walker.next(from: position, in: &self, instrument: instrument) {
            state.path.append(entry)
            if state.answers.isActive(entry.key) {
                // After an earlier answer changed, a kept answer must still pass its question's
                // domain and checks, with its soft-check confirmations still holding for the values
                // they were given for; if not, the route stops there and it is asked again.
                if walker.pendingPossible, let kept = state.answers[entry.key], !stillStands(kept, at: entry) {
                    return walker.leftPath
                }
                position = WalkPosition(pc: entry.position.pc + 1, loops: entry.position.loops)
                continue
            }
            return walker.leftPath
        }
        state.atEnd = true
        return walker.leftPath
    }

    /// Steps through the flattened program, evaluating conditions against the answers so far.
    struct Walker {
        let pendingPossible: Bool
        var leftPath: [InstanceKey] = []

        mutating func next(from start: consuming WalkPosition, in interview: inout Interview, instrument: Instrument) -> PathEntry? {
            var p = start
            while p.pc < instrument.program.count {
                switch instrument.program[p.pc] {
                case .sectionStart(let s):
                    let section = instrument.sections[s]
                    if let cond = section.askIf, !cond.evaluate(EvaluationScope(interview: interview, iteration: p.iteration, loopFrames: p.loops, remembers: true)).isTrue {
                        if pendingPossible { dropAnswers(programRange: section.startIndex...section.endIndex, under: p.iteration, in: &interview) }
                        p.pc = section.endIndex + 1
                    } else {
                        p.pc += 1
                    }
                case .sectionEnd:
                    p.pc += 1
                case .loopStart(let l):
                    let loop = instrument.loops[l]
                    let scope = EvaluationScope(interview: interview, iteration: p.iteration, loopFrames: p.loops, remembers: true)
                    var passes: [Int] = []
                    if loop.askIf.map({ $0.evaluate(scope).isTrue }) ?? true {
                        passes = interview.passes(of: loop, iteration: p.iteration)
                    }
                    if pendingPossible {
                        dropAnswers(programRange: loop.startIndex...loop.endIndex, under: p.iteration, keepingPasses: Set(passes), depth: p.loops.count, in: &interview)
                    }
                    if passes.isEmpty {
                        p.pc = loop.endIndex + 1
                    } else {
                        let start = interview.state.passes.count
                        interview.state.passes += passes
                        p.loops.append(WalkPosition.LoopFrame(loop: l, passStart: start, passCount: passes.count, current: 0, number: passes[0]))
                        p.pc += 1
                    }
                case .loopEnd(let l):
                    var frame = p.loops.removeLast()
                    if frame.current + 1 < frame.passCount {
                        frame.current += 1
                        frame.number = interview.state.passes[frame.passStart + frame.current]
                        p.loops.append(frame)
                        p.pc = instrument.loops[l].startIndex + 1
                    } else {
                        p.pc += 1
                    }
                case .question(let slot):
                    // In a section asked in a drawn order, this place holds another of its questions.
                    let q = interview.context.questionAsked(atSlot: slot)
                    let info = instrument.questions[q]
                    let key = InstanceKey(item: q, iteration: p.iteration)
                    if let cond = info.askIf, !cond.evaluate(EvaluationScope(interview: interview, iteration: p.iteration, loopFrames: p.loops, remembers: true)).isTrue {
                        if interview.markOffPath(key) { leftPath.append(key) }
                        p.pc += 1
                        continue
                    }
                    return PathEntry(key: key, position: p)
                case .computed:
                    p.pc += 1
                case .end(let e):
                    if let cond = instrument.endpoints[e].askIf, !cond.evaluate(EvaluationScope(interview: interview, iteration: p.iteration, loopFrames: p.loops, remembers: true)).isTrue {
                        p.pc += 1
                        continue
                    }
                    interview.state.endpoint = EndpointHit(index: e, position: p)
                    return nil
                }
            }
            return nil
        }

        /// Marks off-path the answers inside a skipped block (or skipped loop passes).
        mutating func dropAnswers(programRange: ClosedRange<Int>, under iteration: LoopPass, keepingPasses: Set<Int>? = nil,
                                  depth: Int = 0, in interview: inout Interview) {
            let instrument = interview.instrument
            let prefixDepth = iteration.depth
            for (key, answer) in interview.state.answers where answer.status == .active {
                let info = instrument.questions[Int(key.item)]
                guard programRange.contains(info.programIndex), key.iteration.prefix(prefixDepth) == iteration else { continue }
                if let keep = keepingPasses, keep.contains(key.iteration.number(at: depth)) { continue }
                if interview.markOffPath(key) { leftPath.append(key) }
            }
        }
    }

    /// The passes a loop makes within the passes `iteration` of the loops around it: from its
    /// driving answer (the chosen options in code-frame order, or 1…n for a count) or its fixed
    /// options, keeping those whose `passIf` holds.
    func passes(of loop: LoopInfo, iteration: LoopPass) -> [Int] {
        let candidates: [Int]
        if let fixed = loop.fixedPasses {
            candidates = fixed
        } else {
            guard let key = loop.drivingKey(in: instrument, enclosing: iteration),
                  let answer = state.answers[key], answer.status == .active else { return [] }
            candidates = loop.passes(drivenBy: answer.response)
        }
        guard let passIf = loop.passIf else { return candidates }
        return candidates.filter { passIf.evaluate(EvaluationScope(interview: self, iteration: iteration.appending($0))).isTrue }
    }
}

/// The instrument and the sample record of one interview, with the sample fields already turned
/// into the values the expression language reads (by declaration order), and its date.
final class InterviewContext: Sendable {
    let instrument: Instrument
    let sample: SampleRecord
    let sampleValues: [RuntimeValue]
    /// The preload values, by declaration order, read the same way.
    let preloadValues: [RuntimeValue]
    let interviewDay: Int?
    let seed: UInt64?
    /// Per question (by index): the question asked in its place, for questions of sections asked in
    /// a drawn order; empty when no section is (or there is no seed).
    let askedInPlaceOf: [Int]

    init(instrument: Instrument, sample: SampleRecord, interviewDay: Int? = nil, seed: UInt64? = nil) {
        self.instrument = instrument
        self.sample = sample
        self.interviewDay = interviewDay
        self.seed = seed
        self.sampleValues = instrument.sampleFieldNames.indices.map { sample.runtimeValue(field: $0, in: instrument) }
        self.preloadValues = instrument.preloadFieldNames.indices.map { sample.runtimeValue(preload: $0, in: instrument) }
        var asked: [Int] = []
        if let seed, instrument.sections.contains(where: { $0.section.order.isDrawn }) {
            asked = Array(instrument.questions.indices)
            for section in instrument.sections where section.section.order.isDrawn {
                // The checker lets only questions into such a section, so they are consecutive.
                let members = instrument.questions.filter { $0.section == section.index && $0.loops.isEmpty }.map(\.index)
                guard let first = members.first, members == Array(first..<(first + members.count)) else { continue }
                let shown = DrawnOrder.positions(count: members.count, staysPut: { _ in false }, order: section.section.order,
                                                 seed: seed, subject: .questions(sectionID: section.section.id))
                for (place, position) in shown.enumerated() { asked[first + place] = first + position }
            }
        }
        self.askedInPlaceOf = asked
    }

    /// The question asked at the program place of question `slot`.
    @inline(__always)
    func questionAsked(atSlot slot: Int) -> Int {
        askedInPlaceOf.isEmpty ? slot : askedInPlaceOf[slot]
    }
}

/// What an interviewer (or a simulator, or a scenario) asks the engine to do.
public enum InterviewCommand: Hashable, Sendable {
    /// Answer the question on screen; `confirming` names the soft checks the interviewer accepted.
    case answer(Response, confirming: Set<String> = [])
    case back
    case jump(QuestionAddress)
    case note(String)
    case suspend
    case complete
    case end(outcome: String)
    /// Show the interview in another of the questionnaire's languages from now on.
    case chooseLanguage(String)
}

/// The engine's answer to a command.
public enum Decision: Hashable, Sendable {
    /// Journal these events, then apply them.
    case accepted([InterviewEvent])
    case rejected(Rejection)
}

public enum Rejection: Hashable, Sendable, CustomStringConvertible {
    /// The answer is outside the question's domain; the reason says what is allowed.
    case invalid(String)
    case hardCheck([CheckFailure])
    /// Soft checks that need the interviewer's confirmation before the answer can stand.
    case softCheck([CheckFailure])
    case notAllowed(String)

    public var description: String {
        switch self {
        case .invalid(let s), .notAllowed(let s): return s
        case .hardCheck(let f), .softCheck(let f): return f.map(\.message).joined(separator: "; ")
        }
    }
}

public struct CheckFailure: Hashable, Sendable {
    public var id: String
    public var severity: Check.Severity
    public var message: String
}

/// What applying an event changed that the interviewer should be told about.
public struct ApplyEffect: Hashable, Sendable {
    /// Answers that left the path because of a changed answer.
    public var leftPath: [InstanceKey] = []
    public init(leftPath: [InstanceKey] = []) { self.leftPath = leftPath }
}

public struct EngineError: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

public struct ReplayProblem: Hashable, Sendable {
    public var eventIndex: Int
    public var event: InterviewEvent
    public var message: String
}

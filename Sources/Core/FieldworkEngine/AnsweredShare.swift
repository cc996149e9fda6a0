import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// How much of an interview was done when it stopped: answered questions against the questions
/// that apply to this respondent. Case management turns the share into complete, partial or
/// break-off by the survey's thresholds (AAPOR's convention: under 50 % break-off, 50–80 %
/// partial, over 80 % complete).
public struct AnsweredShare: Hashable, Sendable {
    /// Questions on the path with an answer that counts (don't know and refused included;
    /// statements excluded: they take no answer).
    public var answered: Int
    /// `answered` plus the questions still ahead that apply (see `Interview.answeredShare`).
    public var applicable: Int

    public init(answered: Int, applicable: Int) {
        self.answered = answered
        self.applicable = applicable
    }

    /// answered ÷ applicable; 1 when nothing applies.
    public var share: Double { applicable == 0 ? 1 : Double(answered) / Double(applicable) }
}

extension Interview {
    /// The share of applicable questions answered so far.
    ///
    /// Questions ahead count as applicable unless the routing already rules them out with the
    /// answers given: a condition that is false, or that fails on a don't know or refused, skips
    /// them; a condition that depends on questions not yet asked counts them (so the share errs
    /// low, the cautious side for a response rate). A loop ahead makes the passes its driving
    /// answer gives, none while that answer is still to come; an `end` item whose condition holds
    /// ends the count.
    public var answeredShare: AnsweredShare {
        var answered = 0
        for entry in state.path {
            guard !isStatement(entry.key.item), let answer = state.answers[entry.key], answer.status == .active else { continue }
            answered += 1
        }
        if isAtEndScreen { return AnsweredShare(answered: answered, applicable: answered) }
        var ahead = questionsAfterFrontier(countingStatementsAndAnswered: false)
        // The frontier question applies.
        if let last = state.path.last, state.answers.isActive(last.key) == false, !isStatement(last.key.item) { ahead += 1 }
        return AnsweredShare(answered: answered, applicable: answered + ahead)
    }

    /// The expected length of the whole path: the questions reached so far plus those after the
    /// frontier that still apply, walked as for `answeredShare` (loop passes from their driving
    /// answers), statements included. An estimate for a progress display, not a promise.
    public var expectedPathLength: Int {
        if isAtEndScreen { return state.path.count }
        return state.path.count + questionsAfterFrontier(countingStatementsAndAnswered: true)
    }

    /// Questions after the path's frontier that the routing does not already rule out. Without
    /// `countingStatementsAndAnswered`, statements and questions with an active answer are left out.
    private func questionsAfterFrontier(countingStatementsAndAnswered everything: Bool) -> Int {
        var ahead = 0
        var passes = state.passes
        // The walk goes on after the frontier.
        var start: WalkPosition
        if let last = state.path.last {
            start = WalkPosition(pc: last.position.pc + 1, loops: last.position.loops)
        } else {
            start = WalkPosition(pc: 0, loops: LoopFrames())
        }
        var p = start
        let program = instrument.program
        func rulesOut(_ condition: CompiledExpression?, at p: WalkPosition) -> Bool {
            guard let condition else { return false }
            switch condition.evaluate(EvaluationScope(interview: self, iteration: p.iteration, loopFrames: p.loops)) {
            case .boolean(true): return false
            case .missing(.notAsked): return false
            default: return true
            }
        }
        walk: while p.pc < program.count {
            switch program[p.pc] {
            case .sectionStart(let s):
                let section = instrument.sections[s]
                p.pc = rulesOut(section.askIf, at: p) ? section.endIndex + 1 : p.pc + 1
            case .sectionEnd, .computed:
                p.pc += 1
            case .loopStart(let l):
                let loop = instrument.loops[l]
                let made = rulesOut(loop.askIf, at: p) ? [] : self.passes(of: loop, iteration: p.iteration)
                if made.isEmpty {
                    p.pc = loop.endIndex + 1
                } else {
                    let first = passes.count
                    passes += made
                    p.loops.append(WalkPosition.LoopFrame(loop: l, passStart: first, passCount: made.count, current: 0, number: made[0]))
                    p.pc += 1
                }
            case .loopEnd(let l):
                var frame = p.loops.removeLast()
                if frame.current + 1 < frame.passCount {
                    frame.current += 1
                    frame.number = passes[frame.passStart + frame.current]
                    p.loops.append(frame)
                    p.pc = instrument.loops[l].startIndex + 1
                } else {
                    p.pc += 1
                }
            case .question(let q):
                let key = InstanceKey(item: q, iteration: p.iteration)
                if !rulesOut(instrument.questions[q].askIf, at: p),
                   everything || (!isStatement(key.item) && state.answers.isActive(key) == false) {
                    ahead += 1
                }
                p.pc += 1
            case .end(let e):
                if let condition = instrument.endpoints[e].askIf {
                    if case .boolean(true) = condition.evaluate(EvaluationScope(interview: self, iteration: p.iteration, loopFrames: p.loops)) {
                        break walk
                    }
                } else {
                    break walk
                }
                p.pc += 1
            }
        }
        return ahead
    }

    private func isStatement(_ item: some BinaryInteger) -> Bool {
        if case .statement = instrument.questions[Int(item)].question.kind { return true }
        return false
    }
}

import FieldworkChecker

/// One pass of a loop (the loop and the pass numbers down to it), and whether the interview made it.
///
/// A pass counts as made when at least one of the loop's own questions (statements included, not
/// the questions of loops nested in it) has an answer that counts in that pass: the interview
/// walked into the pass and showed it. Answers are the evidence because the state keeps them, and
/// because an unindexed name reads them the same way. A loop with no questions of its own (only
/// nested loops and computed variables) has no such evidence; its pass counts as made when the
/// loop's driving answer makes it (the option chosen, or a count at least the pass number).
///
/// Computed variables in a pass that was not made are not asked: they are never worked out from
/// the nothing that pass holds (a sum of `coalesce(…, 0)` would otherwise read 0).
struct PassOccurrence {
    let loop: Int
    /// The pass numbers of the enclosing loops and of `loop` itself, outermost first.
    let iteration: LoopPass

    func wasMade(instrument: Instrument, answers: AnswerBook.Storage) -> Bool {
        let info = instrument.loops[loop]
        guard iteration.depth == info.depth else { return false }
        var pc = info.startIndex + 1
        var hasOwnQuestions = false
        while pc < info.endIndex {
            switch instrument.program[pc] {
            case .loopStart(let inner):
                pc = instrument.loops[inner].endIndex + 1
                continue
            case .question(let q):
                hasOwnQuestions = true
                if answers.isActive(InstanceKey(item: q, iteration: iteration)) { return true }
            default:
                break
            }
            pc += 1
        }
        return hasOwnQuestions ? false : drivenBySource(info, instrument: instrument, answers: answers)
    }

    /// Whether the loop's driving answer (in the enclosing passes) asks for this pass.
    private func drivenBySource(_ info: LoopInfo, instrument: Instrument, answers: AnswerBook.Storage) -> Bool {
        let number = iteration.number(at: info.enclosing.count)
        // A loop over a code frame's options, with no questions of its own: nothing shows it was
        // reached, so none of its passes counts as made.
        if info.fixedPasses != nil { return false }
        guard let key = info.drivingKey(in: instrument, enclosing: iteration) else { return false }
        return info.passes(drivenBy: answers.activeResponse(key)).contains(number)
    }
}

import FieldworkChecker

extension Interview {
    /// The other questions a check of the current question reads, as they stand on the path:
    /// those named in its condition (directly, or through a computed variable), answered on the
    /// path and not the current question, in path order. The interview screen offers them from a
    /// hard check's box, so the interviewer can go and change the other side of the check.
    public func questionsRead(byChecks checkIDs: [String]) -> [QuestionAddress] {
        guard let current = currentKey else { return [] }
        let info = instrument.questions[Int(current.item)]
        var items = Set<Int>()
        var pinned = Set<InstanceKey>()
        for check in info.checks where checkIDs.contains(check.check.id) {
            for symbol in check.require?.references ?? [] {
                switch instrument.symbols[symbol.raw] {
                case .answer(let question, _, let fixed):
                    if let fixed { pinned.insert(InstanceKey(item: question, iteration: fixed)) } else { items.insert(question) }
                case .computed(let computed, _):
                    for question in instrument.computedDependencies.questions(of: computed) { items.insert(Int(question)) }
                default:
                    break
                }
            }
        }
        var found: [QuestionAddress] = []
        for entry in state.path where entry.key != current && state.answers[entry.key]?.status == .active {
            let item = Int(entry.key.item)
            // A question named without a pass means the pass the current question is in (as far as
            // their loops are shared); a question outside the current loop has one pass anyway.
            let sharedDepth = min(instrument.questionLoopDepth[item], current.iteration.depth)
            let samePass = entry.key.iteration.prefix(sharedDepth) == current.iteration.prefix(sharedDepth)
            if pinned.contains(entry.key) || (items.contains(item) && samePass) {
                found.append(address(of: entry.key))
            }
        }
        return found
    }
}

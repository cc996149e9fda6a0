import FieldworkChecker

/// The passes a loop makes, worked out from its driving answer. The interview's walk and the
/// aggregates of the expression language (`sum(v_inc)`) both use this, so they agree on the passes.
extension LoopInfo {
    /// The driving answer's occurrence for the passes within `enclosing` (the pass numbers of the
    /// loops around this one); nil for a loop without a driving question.
    func drivingKey(in instrument: Instrument, enclosing: LoopPass) -> InstanceKey? {
        guard let source = sourceQuestion else { return nil }
        return InstanceKey(item: source, iteration: enclosing.prefix(instrument.questions[source].loops.count))
    }

    /// The pass numbers the driving answer asks for: the chosen options that are not exclusive, in
    /// code-frame order (pass n is option n-1 of the frame), or 1…n for a count, at most `maxIterations`.
    /// No answer (or don't know, refused) makes no passes. A loop over a code frame's options
    /// (`forEachOption`) makes its fixed passes whatever was answered. `passIf` is applied after this.
    func passes(drivenBy response: Response?) -> [Int] {
        if let fixedPasses { return fixedPasses }
        switch response {
        case .choices(let codes, _)?:
            var out: [Int] = []
            for i in frameCodes.indices where !frameExclusive[i] && codes.contains(frameCodes[i]) { out.append(i + 1) }
            return out
        case .number(let n)?:
            guard n.isFinite, n >= 1 else { return [] }
            let count = Swift.min(Int(Swift.min(n, Double(maxIterations)).rounded(.down)), maxIterations)
            return count >= 1 ? Array(1...count) : []
        default:
            return []
        }
    }
}

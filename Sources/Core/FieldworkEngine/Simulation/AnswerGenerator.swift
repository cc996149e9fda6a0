import FieldworkChecker
import FieldworkModel

/// Draws a random answer from a question's domain (its type, range and the options on offer).
enum AnswerGenerator {
    static func response(for info: QuestionInfo, interview: Interview, key: InstanceKey, options: SimulationOptions,
                         rng: inout SeededRandom) -> Response? {
        let q = info.question
        if case .statement = q.kind { return .seen }
        if q.allowDontKnow && rng.chance(options.dontKnowRate) { return .dontKnow }
        if q.allowRefused && rng.chance(options.refusedRate) { return .refused }
        switch q.kind {
        case .statement:
            return .seen
        case .single:
            guard let frame = q.frame else { return nil }
            if info.optionConditions.isEmpty && !frame.options.isEmpty {
                // Every option is on offer: draw without building a list of them.
                let n = weightedPick(0..<frame.options.count, in: frame.options, rng: &rng)
                return .choice(frame.options[n].code, specify: info.specifyCodes.contains(frame.options[n].code) ? "Specified" : nil)
            }
            let offered = interview.offeredIndices(for: key, info: info)
            guard !offered.isEmpty else { return q.allowDontKnow ? .dontKnow : nil }
            let n = weightedPick(offered, in: frame.options, rng: &rng)
            return .choice(frame.options[n].code, specify: info.specifyCodes.contains(frame.options[n].code) ? "Specified" : nil)
        case .multiple(let minC, let maxC):
            guard let frame = q.frame else { return nil }
            let offered = interview.offeredIndices(for: key, info: info)
            guard !offered.isEmpty else { return q.allowDontKnow ? .dontKnow : nil }
            let exclusive = offered.filter { info.exclusiveCodes.contains(frame.options[$0].code) }
            if !exclusive.isEmpty && rng.chance(0.15) {
                let code = frame.options[exclusive[Int(rng.next() % UInt64(exclusive.count))]].code
                return .choices([code], specify: info.specifyCodes.contains(code) ? [code: "Specified"] : [:])
            }
            let ordinary = offered.filter { !info.exclusiveCodes.contains(frame.options[$0].code) }
            guard !ordinary.isEmpty else { return .choices([frame.options[exclusive[0]].code], specify: [:]) }
            var chosen = ordinary.filter { rng.chance(min(0.9, 0.3 * frame.options[$0].simulationWeight)) }
            let upper = min(maxC ?? ordinary.count, ordinary.count)
            while chosen.count < max(1, minC) && chosen.count < ordinary.count {
                let n = ordinary[Int(rng.next() % UInt64(ordinary.count))]
                if !chosen.contains(n) { chosen.append(n) }
            }
            while chosen.count > upper { chosen.remove(at: Int(rng.next() % UInt64(chosen.count))) }
            chosen.sort()
            var specify: [Int: String] = [:]
            let codes = chosen.map { frame.options[$0].code }
            for c in codes where info.specifyCodes.contains(c) { specify[c] = "Specified" }
            return .choices(codes, specify: specify)
        case .integer(let mn, let mx, _):
            let lo = mn ?? min(0, (mx ?? 0) - 100)
            let hi = mx ?? max(lo + 100, 100)
            guard hi >= lo else { return nil }
            let smallHi = min(hi, lo + 10)
            let n = rng.chance(0.75) ? lo + Int(rng.next() % UInt64(smallHi - lo + 1)) : lo + Int(rng.next() % UInt64(min(hi - lo, 1_000_000) + 1))
            return .number(Double(n))
        case .decimal(let mn, let mx, let decimals, _):
            let lo = mn ?? 0
            let hi = mx ?? max(lo + 10_000, 10_000)
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            let spread = rng.chance(0.75) ? min(hi - lo, 1000) : (hi - lo)
            let v = ((lo + rng.unit() * spread) * scale).rounded(.down) / scale
            return .number(min(max(v, lo), hi))
        case .text(let maxLength):
            return .text(String("Simulated answer \(rng.next() % 10_000)".prefix(maxLength)))
        case .date(let mn, let mx):
            _ = (mn, mx)
            let latest = info.dateMax
            let lo = info.dateMin ?? latest.map { $0 - 700 } ?? 20_089 // 2025-01-01
            let hi = latest ?? (lo + 700)
            guard hi >= lo else { return nil }
            return .date(lo + Int(rng.next() % UInt64(hi - lo + 1)))
        case .grid(let items):
            guard let frame = q.frame else { return nil }
            let offered = interview.offeredIndices(for: key, info: info)
            guard !offered.isEmpty else { return nil }
            return .grid(items.map { _ in
                if q.allowDontKnow && rng.chance(options.dontKnowRate) { return .dontKnow }
                return .choice(frame.options[weightedPick(offered, in: frame.options, rng: &rng)].code, specify: nil)
            })
        }
    }
}

/// The position of an option drawn in proportion to its simulation weight, among `positions`
/// (a range when every option is on offer, so nothing is allocated).
func weightedPick<Positions: Collection<Int>>(_ positions: Positions, in options: [Option], rng: inout SeededRandom) -> Int {
    var total = 0.0
    for i in positions { total += options[i].simulationWeight }
    guard total > 0 else { return positions[positions.index(positions.startIndex, offsetBy: Int(rng.next() % UInt64(positions.count)))] }
    var r = rng.unit() * total
    var last = positions.first!
    for i in positions {
        r -= options[i].simulationWeight
        if r < 0 { return i }
        last = i
    }
    return last
}

extension Interview {
    /// Positions in the frame of the options offered now (showIf applied), without copying them.
    func offeredIndices(for key: InstanceKey, info: QuestionInfo) -> [Int] {
        guard let count = info.question.frame?.options.count else { return [] }
        if info.optionConditions.isEmpty { return Array(0..<count) }
        let scope = EvaluationScope(interview: self, iteration: key.iteration, loopFrames: loopFrames(of: key))
        return ResponseValidator(info: info, scope: scope, missingCodes: instrument.questionnaire.missingCodes).offeredIndices()
    }

    /// The options offered for a question occurrence at this point (showIf applied).
    public func offeredOptions(for key: InstanceKey) -> [Option] {
        let info = instrument.questions[Int(key.item)]
        guard let frame = info.question.frame else { return [] }
        return offeredIndices(for: key, info: info).map { frame.options[$0] }
    }

    /// The loop passes around a question on the path, so `item.index` means what it means on screen.
    func loopFrames(of key: InstanceKey) -> [WalkPosition.LoopFrame]? {
        if state.cursor < state.path.count, state.path[state.cursor].key == key { return state.path[state.cursor].position.loops }
        return state.path.first { $0.key == key }?.position.loops
    }
}

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
            let offered = interview.offeredOptions(for: key)
            guard !offered.isEmpty else { return q.allowDontKnow ? .dontKnow : nil }
            let o = weightedPick(offered, rng: &rng)
            return .choice(o.code, specify: o.specify.map { _ in "Specified" })
        case .multiple(let minC, let maxC):
            let offered = interview.offeredOptions(for: key)
            guard !offered.isEmpty else { return q.allowDontKnow ? .dontKnow : nil }
            let exclusive = offered.filter(\.exclusive)
            if !exclusive.isEmpty && rng.chance(0.15) {
                let o = exclusive[Int(rng.next() % UInt64(exclusive.count))]
                return .choices([o.code], specify: o.specify.map { _ in [o.code: "Specified"] } ?? [:])
            }
            let ordinary = offered.filter { !$0.exclusive }
            guard !ordinary.isEmpty else { return .choices([exclusive[0].code], specify: [:]) }
            var chosen = ordinary.filter { rng.chance(min(0.9, 0.3 * $0.simulationWeight)) }
            let upper = min(maxC ?? ordinary.count, ordinary.count)
            while chosen.count < max(1, minC) && chosen.count < ordinary.count {
                let o = ordinary[Int(rng.next() % UInt64(ordinary.count))]
                if !chosen.contains(where: { $0.code == o.code }) { chosen.append(o) }
            }
            while chosen.count > upper { chosen.remove(at: Int(rng.next() % UInt64(chosen.count))) }
            let order = Dictionary(uniqueKeysWithValues: offered.enumerated().map { ($1.code, $0) })
            chosen.sort { order[$0.code]! < order[$1.code]! }
            var specify: [Int: String] = [:]
            for o in chosen where o.specify != nil { specify[o.code] = "Specified" }
            return .choices(chosen.map(\.code), specify: specify)
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
            let latest = mx.flatMap(DateText.dayNumber)
            let lo = mn.flatMap(DateText.dayNumber) ?? latest.map { $0 - 700 } ?? DateText.dayNumber("2025-01-01")!
            let hi = latest ?? (lo + 700)
            guard hi >= lo else { return nil }
            return .date(lo + Int(rng.next() % UInt64(hi - lo + 1)))
        case .grid(let items):
            let offered = interview.offeredOptions(for: key)
            guard !offered.isEmpty else { return nil }
            return .grid(items.map { _ in
                if q.allowDontKnow && rng.chance(options.dontKnowRate) { return .dontKnow }
                return .choice(weightedPick(offered, rng: &rng).code, specify: nil)
            })
        }
    }
}

/// An option drawn in proportion to its simulation weight.
func weightedPick(_ options: [Option], rng: inout SeededRandom) -> Option {
    var total = 0.0
    for o in options { total += o.simulationWeight }
    guard total > 0 else { return options[Int(rng.next() % UInt64(options.count))] }
    var r = rng.unit() * total
    for o in options {
        r -= o.simulationWeight
        if r < 0 { return o }
    }
    return options[options.count - 1]
}

extension Interview {
    /// The options offered for a question occurrence at this point (showIf applied).
    public func offeredOptions(for key: InstanceKey) -> [Option] {
        let info = instrument.questions[Int(key.item)]
        guard let frame = info.question.frame else { return [] }
        if info.optionConditions.isEmpty { return frame.options }
        let frames = state.path.first { $0.key == key }?.position.loops
        let scope = EvaluationScope(interview: self, iteration: key.iteration, loopFrames: frames)
        let offered = ResponseValidator(info: info, scope: scope, missingCodes: instrument.questionnaire.missingCodes).offeredCodes()
        return frame.options.filter { offered.contains($0.code) }
    }
}

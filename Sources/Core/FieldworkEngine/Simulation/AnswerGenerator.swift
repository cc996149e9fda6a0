import FieldworkChecker
import FieldworkModel

/// A question's domain reduced to plain numbers, worked out once per question: drawing answers
/// then reads no strings or arrays from the question.
enum AnswerDomain: Sendable {
    case statement
    case single
    case multiple(min: Int, max: Int?)
    /// `hi < lo` when no value fits.
    case integer(lo: Int, hi: Int)
    case decimal(lo: Double, hi: Double, scale: Double)
    case text(maxLength: Int)
    case date(lo: Int, hi: Int)
    case grid(items: Int)

    init(_ info: QuestionInfo) {
        switch info.kind {
        case .statement: self = .statement
        case .single: self = .single
        case .multiple(let mn, let mx): self = .multiple(min: mn, max: mx)
        case .integer(let mn, let mx, _):
            let lo = mn ?? Swift.min(0, (mx ?? 0) - 100)
            self = .integer(lo: lo, hi: mx ?? Swift.max(lo + 100, 100))
        case .decimal(let mn, let mx, let decimals, _):
            let lo = mn ?? 0
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            self = .decimal(lo: lo, hi: mx ?? Swift.max(lo + 10_000, 10_000), scale: scale)
        case .text(let maxLength): self = .text(maxLength: maxLength)
        case .date:
            let latest = info.dateMax
            let lo = info.dateMin ?? latest.map { $0 - 700 } ?? 20_089 // 2025-01-01
            self = .date(lo: lo, hi: latest ?? (lo + 700))
        case .grid(let items): self = .grid(items: items.count)
        }
    }
}

/// Draws a random answer from a question's domain (its type, range and the options on offer).
enum AnswerGenerator {
    static func response(for info: QuestionInfo, domain: AnswerDomain, interview: Interview, key: InstanceKey, options: SimulationOptions,
                         rng: inout SeededRandom) -> Response? {
        if case .statement = domain { return .seen }
        if info.allowDontKnow && rng.chance(options.dontKnowRate) { return .dontKnow }
        if info.allowRefused && rng.chance(options.refusedRate) { return .refused }
        if let extra = extraMissing(info, options: options, rng: &rng) { return extra }
        let optionWeights = info.optionWeightRules.isEmpty ? info.optionWeights : interview.simulationWeights(info, at: key)
        switch domain {
        case .statement:
            return .seen
        case .single:
            let codes = info.optionCodes
            guard !codes.isEmpty else { return info.question.frame != nil ? missing(info) : nil }
            let drawn: Int?
            if info.optionConditions.isEmpty {
                // Every option is on offer: draw without building a list of them.
                drawn = weightedPick(0..<codes.count, weights: optionWeights, rng: &rng)
            } else {
                drawn = weightedPick(interview.offeredIndices(for: key, info: info), weights: optionWeights, rng: &rng)
            }
            guard let n = drawn else { return missing(info) }
            return .choice(codes[n], specify: info.optionHasSpecify[n] ? "Specified" : nil)
        case .multiple(let minC, let maxC):
            let codes = info.optionCodes
            guard !codes.isEmpty else { return info.question.frame != nil ? missing(info) : nil }
            // Options on offer: all of them (no list built) unless some have conditions.
            let offered = OfferedPositions(info.optionConditions.isEmpty ? nil : interview.offeredIndices(for: key, info: info), count: codes.count)
            let isExclusive = info.optionIsExclusive
            let weights = optionWeights
            // Only options with a simulation weight above 0 are ever drawn, exclusive or not.
            var exclusiveWeight = 0.0
            var ordinaryCount = 0
            for i in 0..<offered.count where weights[offered[i]] > 0 {
                if isExclusive[offered[i]] { exclusiveWeight += weights[offered[i]] } else { ordinaryCount += 1 }
            }
            // An exclusive option alone: 0.15 of the time per unit of weight, or when nothing else can be drawn.
            if exclusiveWeight > 0 && (ordinaryCount == 0 || rng.chance(min(0.9, 0.15 * exclusiveWeight))) {
                let exclusives = (0..<offered.count).lazy.map { offered[$0] }.filter { isExclusive[$0] }
                if let position = weightedPick(exclusives, weights: weights, rng: &rng) {
                    let code = codes[position]
                    return .choices([code], specify: info.optionHasSpecify[position] ? [code: "Specified"] : [:])
                }
            }
            guard ordinaryCount > 0 else { return missing(info) }
            // The one array this answer needs: positions first, turned into codes at the end.
            var chosen: [Int] = []
            chosen.reserveCapacity(ordinaryCount)
            for i in 0..<offered.count where !isExclusive[offered[i]] {
                // A weight of 0 gives a chance of 0, which draws nothing.
                if rng.chance(min(0.9, 0.3 * weights[offered[i]])) { chosen.append(offered[i]) }
            }
            let upper = min(maxC ?? ordinaryCount, ordinaryCount)
            while chosen.count < max(1, minC) && chosen.count < ordinaryCount {
                let n = offered.nth(Int(rng.next() % UInt64(ordinaryCount))) { !isExclusive[$0] && weights[$0] > 0 }
                if !chosen.contains(n) { chosen.append(n) }
            }
            while chosen.count > upper { chosen.remove(at: Int(rng.next() % UInt64(chosen.count))) }
            chosen.sort()
            var specify: [Int: String] = [:]
            let hasSpecify = info.optionHasSpecify
            for i in chosen.indices {
                if hasSpecify[chosen[i]] { specify[codes[chosen[i]]] = "Specified" }
                chosen[i] = codes[chosen[i]]
            }
            return .choices(chosen, specify: specify)
        case .integer(let lo, let hi):
            guard hi >= lo else { return nil }
            let smallHi = min(hi, lo + 10)
            let n = rng.chance(0.75) ? lo + Int(rng.next() % UInt64(smallHi - lo + 1)) : lo + Int(rng.next() % UInt64(min(hi - lo, 1_000_000) + 1))
            return .number(Double(n))
        case .decimal(let lo, let hi, let scale):
            let spread = rng.chance(0.75) ? min(hi - lo, 1000) : (hi - lo)
            let v = ((lo + rng.unit() * spread) * scale).rounded(.down) / scale
            return .number(min(max(v, lo), hi))
        case .text(let maxLength):
            // At most 15 bytes, which Swift keeps inline: no allocation per simulated text answer.
            return .text(String("Simulated \(rng.next() % 10_000)".prefix(maxLength)))
        case .date(let lo, let hi):
            guard hi >= lo else { return nil }
            return .date(lo + Int(rng.next() % UInt64(hi - lo + 1)))
        case .grid(let items):
            let codes = info.optionCodes
            guard !codes.isEmpty else { return nil }
            let offered = interview.offeredIndices(for: key, info: info)
            var cells: [Response] = []
            cells.reserveCapacity(items)
            for _ in 0..<items {
                if info.allowDontKnow && rng.chance(options.dontKnowRate) { cells.append(.dontKnow); continue }
                guard let n = weightedPick(offered, weights: optionWeights, rng: &rng) else { return missing(info) }
                cells.append(.choice(codes[n], specify: nil))
            }
            return .grid(cells)
        }
    }

    /// One of the question's extra missing codes, at `extraMissingRate`; nil (drawing nothing from
    /// `rng`) when the question allows none.
    static func extraMissing(_ info: QuestionInfo, options: SimulationOptions, rng: inout SeededRandom) -> Response? {
        let allowed = info.question.allowMissing
        guard !allowed.isEmpty, rng.chance(options.extraMissingRate) else { return nil }
        return .missingCode(allowed[Int(rng.next() % UInt64(allowed.count))])
    }

    /// The answer when no option can be drawn (none on offer, or every one on offer weighs 0):
    /// don't know or refused where allowed, otherwise none at all.
    static func missing(_ info: QuestionInfo) -> Response? {
        if info.allowDontKnow { return .dontKnow }
        if info.allowRefused { return .refused }
        return nil
    }
}

/// The positions of the options on offer: a list when conditions withdrew some, otherwise all
/// positions of the frame without building a list.
struct OfferedPositions {
    let list: [Int]?
    let count: Int

    init(_ list: [Int]?, count: Int) {
        self.list = list
        self.count = list?.count ?? count
    }

    subscript(i: Int) -> Int { list?[i] ?? i }

    /// The `n`th offered position (0-based) among those satisfying `include`.
    func nth(_ n: Int, where include: (Int) -> Bool) -> Int {
        var seen = 0
        for i in 0..<count where include(self[i]) {
            if seen == n { return self[i] }
            seen += 1
        }
        return self[count - 1]
    }
}

/// The position of an option drawn in proportion to its simulation weight, among `positions`
/// (a range when every option is on offer, so nothing is allocated). An option of weight 0 is never
/// drawn: nil when every position weighs 0 (or there is none).
func weightedPick<Positions: Collection<Int>>(_ positions: Positions, weights: [Double], rng: inout SeededRandom) -> Int? {
    var total = 0.0
    for i in positions { total += weights[i] }
    guard total > 0 else { return nil }
    var r = rng.unit() * total
    var last: Int?
    for i in positions where weights[i] > 0 {
        r -= weights[i]
        if r < 0 { return i }
        last = i
    }
    // Rounding left a sliver of `r`: the last option that can be drawn.
    return last
}

extension Interview {
    /// Positions in the frame of the options offered now (showIf applied), without copying them.
    func offeredIndices(for key: InstanceKey, info: QuestionInfo) -> [Int] {
        let count = info.optionCodes.count
        if info.optionConditions.isEmpty { return Array(0..<count) }
        let scope = EvaluationScope(interview: self, iteration: key.iteration, loopFrames: loopFrames(of: key))
        return ResponseValidator(info: info, scope: scope, missingCodes: instrument.questionnaire.missingCodes).offeredIndices()
    }

    /// The simulation weight of each option where `key` is asked: a rule's value (0 when it has
    /// none, or is negative), else the option's fixed weight.
    func simulationWeights(_ info: QuestionInfo, at key: InstanceKey) -> [Double] {
        let scope = EvaluationScope(interview: self, iteration: key.iteration, loopFrames: loopFrames(of: key))
        return info.optionWeights.indices.map { n in
            guard n < info.optionWeightRules.count, let rule = info.optionWeightRules[n] else { return info.optionWeights[n] }
            guard case .number(let w) = rule.evaluate(scope), w.isFinite else { return 0 }
            return Swift.max(0, w)
        }
    }

    /// The options offered for a question occurrence at this point (showIf applied).
    public func offeredOptions(for key: InstanceKey) -> [Option] {
        let info = instrument.questions[Int(key.item)]
        guard let frame = info.question.frame else { return [] }
        return offeredIndices(for: key, info: info).map { frame.options[$0] }
    }

    /// The loop passes around a question on the path, so `item.index` means what it means on screen.
    func loopFrames(of key: InstanceKey) -> LoopFrames? {
        if state.cursor < state.path.count, state.path[state.cursor].key == key { return state.path[state.cursor].position.loops }
        return state.path.first { $0.key == key }?.position.loops
    }
}

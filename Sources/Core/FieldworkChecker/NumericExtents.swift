import FieldworkExpressions
import FieldworkModel

/// The numeric extent (`NumericExtent`) of every name an expression can read, from the
/// questionnaire's declarations: what computed values are rounded to and what display formats
/// are sized for.
struct NumericExtents {
    let questions: [QuestionInfo]
    let computed: [ComputedInfo]
    let symbols: [SymbolDefinition]
    let loops: [LoopInfo]
    let sampleFieldIsNumber: [Bool]

    /// The extent of each computed variable, in index order. A computed variable reads answers and
    /// other computed variables; each is worked out once, and a cycle (an error the checker
    /// reports as FW207) is unknown rather than endless.
    func computedExtents() -> [NumericExtent] {
        var known = [NumericExtent?](repeating: nil, count: computed.count)
        var visiting = Set<Int>()
        func extent(ofComputed c: Int) -> NumericExtent {
            if let e = known[c] { return e }
            guard let expression = computed[c].expression, visiting.insert(c).inserted else { return .unknown }
            let e = expression.numericExtent { symbol($0, computed: extent(ofComputed:)) }
            visiting.remove(c)
            known[c] = e
            return e
        }
        return computed.indices.map { extent(ofComputed: $0) }
    }

    func symbol(_ id: SymbolID, computed: (Int) -> NumericExtent) -> NumericExtent {
        guard id.raw >= 0, id.raw < symbols.count else { return .unknown }
        switch symbols[id.raw] {
        case .answer(let q, _, _): return Self.question(questions[q])
        case .computed(let c, _): return computed(c)
        case .sample(let f): return f < sampleFieldIsNumber.count && sampleFieldIsNumber[f] ? .unknown : .wholeNumber
        case .preload: return .unknown
        case .loopItem(let property, let loop):
            switch property {
            case .code:
                let codes = loops[loop].frameCodes
                return codes.isEmpty ? NumericExtent(decimals: 0, magnitude: Double(loops[loop].maxIterations), canBeNegative: false)
                    : NumericExtent(decimals: 0, magnitude: Double(codes.map { Swift.abs($0) }.max() ?? 0), canBeNegative: codes.contains { $0 < 0 })
            case .index: return NumericExtent(decimals: 0, magnitude: Double(loops[loop].maxIterations), canBeNegative: false)
            case .name, .label: return .unknown
            }
        case .interviewDate: return .unknown
        }
    }

    /// The extent of a question's answer: integers have no places, decimals their declared ones,
    /// and `min`/`max` bound the size; a choice is its largest code.
    static func question(_ info: QuestionInfo) -> NumericExtent {
        switch info.question.kind {
        case let .integer(min, max, _):
            let bound = min.flatMap { low in max.map { Swift.max(Swift.abs(low), Swift.abs($0)) } }
            return NumericExtent(decimals: 0, magnitude: bound.map(Double.init), canBeNegative: (min ?? -1) < 0)
        case let .decimal(min, max, decimals, _):
            let bound = min.flatMap { low in max.map { Swift.max(Swift.abs(low), Swift.abs($0)) } }
            return NumericExtent(decimals: decimals, magnitude: bound, canBeNegative: (min ?? -1) < 0)
        case .single, .grid, .multiple:
            let codes = info.optionIndexByCode.keys
            return NumericExtent(decimals: 0, magnitude: codes.map { Double(Swift.abs($0)) }.max(), canBeNegative: codes.contains { $0 < 0 })
        case .date, .text, .statement:
            return .unknown
        }
    }
}

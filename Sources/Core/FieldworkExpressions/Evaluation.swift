import FieldworkBasics
/// Supplies answers by symbol ID during an interview. Generic use (not `any`) keeps evaluation
/// free of existential boxing.
public protocol EvaluationContext {
    func value(of symbol: SymbolID) -> RuntimeValue
    /// The values of a loop's question or computed variable (`symbol` reads its current pass) in
    /// each pass made of its loop, within the current passes of the loops around it; nil when this
    /// context cannot see passes (then an aggregate is not asked, never a made-up 0).
    func passValues(of symbol: SymbolID) -> [PassValue]?
}

extension EvaluationContext {
    public func passValues(of symbol: SymbolID) -> [PassValue]? { nil }
}

/// A context with no answers, used for constant folding.
struct EmptyContext: EvaluationContext {
    func value(of symbol: SymbolID) -> RuntimeValue { .missing(.notAsked) }
}

extension Node {
    /// Kleene three-valued evaluation: a missing operand makes comparisons and arithmetic missing
    /// (keeping the first operand's reason), and missing is never true.
    @inlinable
    func evaluate<Context: EvaluationContext>(_ context: Context) -> RuntimeValue {
        switch self {
        case .constant(let value):
            return value
        case .load(let symbol):
            return context.value(of: symbol)
        case .not(let operand):
            let value = operand.evaluate(context)
            if case .boolean(let b) = value { return .boolean(!b) }
            return Node.missing(value)
        case .negate(let operand):
            let value = operand.evaluate(context)
            if case .number(let n) = value { return .number(-n) }
            return Node.missing(value)
        case .and(let left, let right):
            let a = left.evaluate(context)
            if case .boolean(false) = a { return a }
            let b = right.evaluate(context)
            if case .boolean(false) = b { return b }
            if case .boolean(true) = a, case .boolean(true) = b { return a }
            return Node.missing(a.isMissing ? a : b)
        case .or(let left, let right):
            let a = left.evaluate(context)
            if case .boolean(true) = a { return a }
            let b = right.evaluate(context)
            if case .boolean(true) = b { return b }
            if case .boolean(false) = a, case .boolean(false) = b { return a }
            return Node.missing(a.isMissing ? a : b)
        case .compareLoad(let comparison, let symbol, let constant):
            return Node.compare(comparison, context.value(of: symbol), constant)
        case .compareConstant(let comparison, let left, let constant):
            return Node.compare(comparison, left.evaluate(context), constant)
        case .compare(let comparison, let left, let right):
            return Node.compare(comparison, left.evaluate(context), right.evaluate(context))
        case .arithmetic(let op, let left, let right):
            let a = left.evaluate(context)
            guard case .number(let x) = a else { return Node.missing(a) }
            let b = right.evaluate(context)
            guard case .number(let y) = b else { return Node.missing(b) }
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            case .divide: return y == 0 ? .missing(.undefined) : .number(x / y)
            }
        case .concatenate(let left, let right):
            let a = left.evaluate(context)
            guard case .text(let x) = a else { return Node.missing(a) }
            let b = right.evaluate(context)
            guard case .text(let y) = b else { return Node.missing(b) }
            return .text(x + y)
        case .dateOffset(let left, let right, let negative):
            let a = left.evaluate(context)
            guard case .date(let day) = a else { return Node.missing(a) }
            let b = right.evaluate(context)
            guard case .number(let n) = b else { return Node.missing(b) }
            guard n.isFinite, Swift.abs(n) < 1e9 else { return .missing(.undefined) }
            let offset = Int(n.rounded(.towardZero))
            return .date(negative ? day - offset : day + offset)
        case .dateDifference(let left, let right):
            let a = left.evaluate(context)
            guard case .date(let x) = a else { return Node.missing(a) }
            let b = right.evaluate(context)
            guard case .date(let y) = b else { return Node.missing(b) }
            return .number(Double(x - y))
        case .monthOffset(let date, let months):
            let a = date.evaluate(context)
            guard case .date(let day) = a else { return Node.missing(a) }
            let b = months.evaluate(context)
            guard case .number(let n) = b else { return Node.missing(b) }
            guard n.isFinite, Swift.abs(n) < 100_000 else { return .missing(.undefined) }
            return .date(CivilDate(daysSinceEpoch: day).adding(months: Int(n.rounded(.towardZero))).daysSinceEpoch)
        case .dateText(let date):
            let a = date.evaluate(context)
            guard case .date(let day) = a else { return Node.missing(a) }
            return .text(CivilDate(daysSinceEpoch: day).spoken)
        case .member(let operand, let values):
            let value = operand.evaluate(context)
            if value.isMissing { return value }
            for candidate in values where Node.same(value, candidate) { return .boolean(true) }
            return .boolean(false)
        case .containsCode(let operand, let code):
            let value = operand.evaluate(context)
            guard case .choices(let codes) = value else { return Node.missing(value) }
            return .boolean(codes.contains(code))
        case .containsChoice(let choicesNode, let choiceNode):
            let element = choiceNode.evaluate(context)
            guard case .choice(let code) = element else { return Node.missing(element) }
            let set = choicesNode.evaluate(context)
            guard case .choices(let codes) = set else { return Node.missing(set) }
            return .boolean(codes.contains(code))
        case .predicate(let predicate, let symbol):
            let value = context.value(of: symbol)
            guard case .missing(let reason) = value else { return .boolean(predicate != .dontknow && predicate != .refused) }
            switch predicate {
            case .answered: return .boolean(false)
            case .dontknow: return .boolean(reason == .dontKnow)
            case .refused: return .boolean(reason == .refused)
            case .asked: return .boolean(reason != .notAsked)
            }
        case .count(let operand):
            let value = operand.evaluate(context)
            guard case .choices(let codes) = value else { return Node.missing(value) }
            return .number(Double(codes.count))
        case .countCodes(let operand, let wanted):
            let value = operand.evaluate(context)
            guard case .choices(let codes) = value else { return Node.missing(value) }
            return .number(Double(codes.filter(wanted.contains).count))
        case .countOf(let symbol):
            let value = context.value(of: symbol)
            guard case .choices(let codes) = value else { return Node.missing(value) }
            return .number(Double(codes.count))
        case .aggregate(let aggregate, let series):
            if let driver = series.driver {
                let driving = context.value(of: driver)
                if driving.isMissing { return driving }
            }
            guard let values = context.passValues(of: series.element) else { return .missing(.notAsked) }
            return aggregate.combine(values, only: series.only)
        case .length(let operand):
            let value = operand.evaluate(context)
            guard case .text(let text) = value else { return Node.missing(value) }
            return .number(Double(text.count))
        case .minimum(let operands):
            return Node.extreme(operands, context, wantsLarger: false)
        case .maximum(let operands):
            return Node.extreme(operands, context, wantsLarger: true)
        case .absolute(let operand):
            let value = operand.evaluate(context)
            guard case .number(let n) = value else { return Node.missing(value) }
            return .number(Swift.abs(n))
        case .round(let operand, let digitsNode):
            let value = operand.evaluate(context)
            guard case .number(let n) = value else { return Node.missing(value) }
            guard let digitsNode else { return .number(n.rounded(.toNearestOrAwayFromZero)) }
            let digitsValue = digitsNode.evaluate(context)
            guard case .number(let d) = digitsValue else { return Node.missing(digitsValue) }
            guard d >= 0, d <= 15 else { return .missing(.undefined) }
            var scale = 1.0
            for _ in 0..<Int(d) { scale *= 10 }
            return .number((n * scale).rounded(.toNearestOrAwayFromZero) / scale)
        case .coalesce(let first, let fallback):
            let value = first.evaluate(context)
            return value.isMissing ? fallback.evaluate(context) : value
        case .matches(let operand, let pattern):
            let value = operand.evaluate(context)
            guard case .text(let text) = value else { return Node.missing(value) }
            return .boolean(pattern.matches(text))
        case .numberText(let operand, let places):
            let value = operand.evaluate(context)
            guard case .number(let n) = value, n.isFinite else { return Node.missing(value) }
            return .text(DecimalText.text(n, places: places))
        case .money(let operand):
            let value = operand.evaluate(context)
            guard case .number(let n) = value, n.isFinite else { return Node.missing(value) }
            return .text(DecimalText.money(n))
        case .conditional(let condition, let then, let otherwise):
            let value = condition.evaluate(context)
            guard case .boolean(let b) = value else { return Node.missing(value) }
            return b ? then.evaluate(context) : otherwise.evaluate(context)
        }
    }

    /// Passes a missing value through; anything else reaching here is a type confusion, reported
    /// as undefined rather than crashing.
    @inlinable @inline(__always) static func missing(_ value: RuntimeValue) -> RuntimeValue {
        if case .missing = value { return value }
        return .missing(.undefined)
    }

    @inlinable @inline(__always) static func compare(_ comparison: Comparison, _ a: RuntimeValue, _ b: RuntimeValue) -> RuntimeValue {
        if case .missing = a { return a }
        if case .missing = b { return b }
        // Equality is the common test (answers against option codes and names): one comparison
        // instead of working out an order, which for text costs two.
        if comparison == .equal || comparison == .notEqual, case .text(let x) = a, case .text(let y) = b {
            return .boolean((x == y) == (comparison == .equal))
        }
        guard let order = order(a, b) else { return .missing(.undefined) }
        return .boolean(comparison.holds(order))
    }

    /// Whether two values are equal in the sense of `order(a, b) == 0`, without ordering text.
    @inlinable @inline(__always) static func same(_ a: RuntimeValue, _ b: RuntimeValue) -> Bool {
        if case .text(let x) = a {
            if case .text(let y) = b { return x == y }
            return false
        }
        return order(a, b) == 0
    }

    /// -1, 0, 1 for comparable values; nil when the kinds cannot be compared.
    /// Nested switches rather than a tuple switch, so neither value is copied.
    @inlinable @inline(__always) static func order(_ a: RuntimeValue, _ b: RuntimeValue) -> Int? {
        switch a {
        case .number(let x):
            switch b {
            case .number(let y): return x < y ? -1 : (x == y ? 0 : 1)
            case .choice(let c): let y = Double(c); return x < y ? -1 : (x == y ? 0 : 1)
            default: return nil
            }
        case .choice(let c):
            switch b {
            case .choice(let y): return c < y ? -1 : (c == y ? 0 : 1)
            case .number(let y): let x = Double(c); return x < y ? -1 : (x == y ? 0 : 1)
            default: return nil
            }
        case .date(let x):
            guard case .date(let y) = b else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case .text(let x):
            guard case .text(let y) = b else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case .boolean(let x):
            guard case .boolean(let y) = b else { return nil }
            return x == y ? 0 : (x ? 1 : -1)
        case .choices(let x):
            guard case .choices(let y) = b else { return nil }
            return x == y ? 0 : 1
        case .missing:
            return nil
        }
    }

    @inlinable
    static func extreme<Context: EvaluationContext>(_ operands: [Node], _ context: Context, wantsLarger: Bool) -> RuntimeValue {
        var best: RuntimeValue?
        for operand in operands {
            let value = operand.evaluate(context)
            if value.isMissing { return value }
            guard let current = best else { best = value; continue }
            guard let order = order(value, current) else { return .missing(.undefined) }
            if wantsLarger ? order > 0 : order < 0 { best = value }
        }
        return best ?? .missing(.undefined)
    }
}

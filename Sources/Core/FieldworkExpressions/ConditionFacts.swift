/// What a simple comparison says about one answer (`q == 'a'`, `x > 5`), collected across an `and`
/// so contradictions such as `q == 'a' and q == 'b'` are reported before fieldwork.
struct ConditionFact: Sendable {
    enum Constraint: Sendable {
        case equals(RuntimeValue)
        case within(NumericInterval)
    }

    var symbol: SymbolID
    var name: String
    var constraint: Constraint
    var text: String
}

/// An interval of numbers with open or closed ends.
struct NumericInterval: Sendable, Equatable {
    var lower = -Double.infinity
    var lowerInclusive = true
    var upper = Double.infinity
    var upperInclusive = true

    static let everything = NumericInterval()

    init() {}

    init(_ range: ClosedRange<Double>) {
        lower = range.lowerBound
        upper = range.upperBound
    }

    /// The numbers x satisfying `x op value`, or nil for `!=` (not an interval).
    init?(_ op: BinaryOperator, _ value: Double) {
        switch op {
        case .equal: lower = value; upper = value
        case .less: upper = value; upperInclusive = false
        case .lessOrEqual: upper = value
        case .greater: lower = value; lowerInclusive = false
        case .greaterOrEqual: lower = value
        default: return nil
        }
    }

    var isEmpty: Bool {
        lower > upper || (lower == upper && !(lowerInclusive && upperInclusive))
    }

    func intersection(_ other: NumericInterval) -> NumericInterval {
        var result = self
        if other.lower > lower || (other.lower == lower && !other.lowerInclusive) {
            result.lower = other.lower
            result.lowerInclusive = other.lowerInclusive
        }
        if other.upper < upper || (other.upper == upper && !other.upperInclusive) {
            result.upper = other.upper
            result.upperInclusive = other.upperInclusive
        }
        return result
    }
}

extension BinaryOperator {
    /// The same comparison with its operands swapped: `5 < x` is `x > 5`.
    var mirrored: BinaryOperator {
        switch self {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        default: return self
        }
    }
}

enum ConditionFacts {
    /// The first pair of facts about the same answer that cannot both hold, if any.
    static func contradiction(in facts: [ConditionFact]) -> (ConditionFact, ConditionFact)? {
        for (i, a) in facts.enumerated() {
            var interval = NumericInterval.everything
            var intervalSource: ConditionFact?
            if case .within(let own) = a.constraint { interval = own; intervalSource = a }
            for b in facts[(i + 1)...] where b.symbol == a.symbol {
                switch (a.constraint, b.constraint) {
                case (.equals(let x), .equals(let y)) where x != y:
                    return (a, b)
                case (.within, .within(let other)):
                    interval = interval.intersection(other)
                    if interval.isEmpty, let source = intervalSource { return (source, b) }
                default:
                    continue
                }
            }
        }
        return nil
    }
}

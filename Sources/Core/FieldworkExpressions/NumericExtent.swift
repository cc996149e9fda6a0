import FieldworkBasics
/// What a numeric value can look like: how many decimal places it needs and how large it can be.
/// Worked out from the declarations of the answers an expression reads (an integer question has
/// no decimals, a `decimal` question its declared ones; `min`/`max` bound the size), so that money
/// is rounded to its declared places and display formats are wide enough for the declared range.
public struct NumericExtent: Sendable, Hashable {
    /// Decimal places the value needs; nil when no declaration bounds them (a division).
    public var decimals: Int?
    /// The largest absolute value; nil when no declaration bounds it.
    public var magnitude: Double?
    /// Whether the value can be below zero.
    public var canBeNegative: Bool

    public init(decimals: Int?, magnitude: Double?, canBeNegative: Bool) {
        self.decimals = decimals
        self.magnitude = magnitude
        self.canBeNegative = canBeNegative
    }

    /// Nothing known: as many decimals as a double holds, any size.
    public static let unknown = NumericExtent(decimals: nil, magnitude: nil, canBeNegative: true)

    /// A whole number of unknown size (a count, a length, a code).
    public static let wholeNumber = NumericExtent(decimals: 0, magnitude: nil, canBeNegative: false)

    /// The most places a questionnaire may declare (`decimals` of a decimal question).
    public static let maxDecimals = DecimalText.maxDeclaredPlaces

    /// The extent of one known number.
    public init(constant value: Double) {
        var places = 0
        var scaled = value
        while places < Self.maxDecimals, scaled != scaled.rounded() {
            places += 1
            scaled *= 10
        }
        self.init(decimals: places, magnitude: Swift.abs(value), canBeNegative: value < 0)
    }

    /// Either of two values (coalesce, if, min, max).
    func union(_ other: NumericExtent) -> NumericExtent {
        NumericExtent(decimals: Self.both(decimals, other.decimals, Swift.max),
                      magnitude: Self.both(magnitude, other.magnitude, Swift.max),
                      canBeNegative: canBeNegative || other.canBeNegative)
    }

    /// A sum or difference.
    func adding(_ other: NumericExtent, subtracting: Bool) -> NumericExtent {
        NumericExtent(decimals: Self.both(decimals, other.decimals, Swift.max),
                      magnitude: Self.both(magnitude, other.magnitude, +),
                      canBeNegative: subtracting || canBeNegative || other.canBeNegative)
    }

    /// A product: its places are the sum of the factors' places (at most `maxDecimals`).
    func multiplying(_ other: NumericExtent) -> NumericExtent {
        NumericExtent(decimals: Self.both(decimals, other.decimals) { Swift.min($0 + $1, Self.maxDecimals) },
                      magnitude: Self.both(magnitude, other.magnitude, *),
                      canBeNegative: canBeNegative || other.canBeNegative)
    }

    private static func both<T>(_ a: T?, _ b: T?, _ combine: (T, T) -> T) -> T? {
        guard let a, let b else { return nil }
        return combine(a, b)
    }
}

extension CompiledExpression {
    /// The extent of this expression's numeric value, given the extent of each symbol it reads.
    /// Sums keep the most places of their terms, products add them, a division is unbounded.
    public func numericExtent(_ symbol: (SymbolID) -> NumericExtent) -> NumericExtent {
        root.numericExtent(symbol)
    }
}

extension Node {
    func numericExtent(_ symbol: (SymbolID) -> NumericExtent) -> NumericExtent {
        switch self {
        case .constant(let value):
            switch value {
            case .number(let n): return NumericExtent(constant: n)
            case .choice(let c): return NumericExtent(constant: Double(c))
            case .boolean: return NumericExtent(decimals: 0, magnitude: 1, canBeNegative: false)
            default: return .unknown
            }
        case .load(let id):
            return symbol(id)
        case .negate(let operand):
            var e = operand.numericExtent(symbol)
            e.canBeNegative = true
            return e
        case .arithmetic(let op, let left, let right):
            let a = left.numericExtent(symbol), b = right.numericExtent(symbol)
            switch op {
            case .add: return a.adding(b, subtracting: false)
            case .subtract: return a.adding(b, subtracting: true)
            case .multiply: return a.multiplying(b)
            case .divide: return .unknown
            }
        case .not, .and, .or, .compare, .compareLoad, .compareConstant, .member, .containsCode, .containsChoice, .predicate, .matches:
            return NumericExtent(decimals: 0, magnitude: 1, canBeNegative: false)
        case .count, .countOf, .countCodes, .length:
            return .wholeNumber
        case .dateDifference:
            return NumericExtent(decimals: 0, magnitude: nil, canBeNegative: true)
        case .aggregate(let aggregate, let series):
            let passes = Double(series.only?.count ?? series.maxPasses)
            switch aggregate {
            case .sum:
                // At most every pass at the element's largest value.
                var e = symbol(series.element)
                e.magnitude = e.magnitude.map { $0 * passes }
                return e
            case .count:
                return NumericExtent(decimals: 0, magnitude: passes, canBeNegative: false)
            case .any, .all:
                return NumericExtent(decimals: 0, magnitude: 1, canBeNegative: false)
            }
        case .minimum(let operands), .maximum(let operands):
            guard let first = operands.first else { return .unknown }
            return operands.dropFirst().reduce(first.numericExtent(symbol)) { $0.union($1.numericExtent(symbol)) }
        case .absolute(let operand):
            var e = operand.numericExtent(symbol)
            e.canBeNegative = false
            return e
        case .round(let operand, let digits):
            var e = operand.numericExtent(symbol)
            if let digits {
                guard case .number(let d)? = digits.constantValue else { return e }
                e.decimals = Swift.min(e.decimals ?? Int(d), Swift.max(0, Int(d)))
            } else {
                e.decimals = 0
            }
            return e
        case .coalesce(let first, let fallback):
            return first.numericExtent(symbol).union(fallback.numericExtent(symbol))
        case .conditional(_, let then, let otherwise):
            return then.numericExtent(symbol).union(otherwise.numericExtent(symbol))
        case .concatenate, .dateOffset, .monthOffset, .dateText, .numberText, .money:
            return .unknown
        }
    }
}

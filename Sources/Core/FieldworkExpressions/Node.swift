import FieldworkBasics
/// The compiled, resolved form of an expression: names are already symbol IDs, option names are
/// already codes, and types are settled, so evaluation is a single switch per node.
@usableFromInline
enum Node: Sendable {
    // Leaves (constants, answer look-ups, the common `answer op literal`) are stored inline; only
    // the cases that hold other nodes are boxed, so evaluating a leaf follows no pointer.
    case constant(RuntimeValue)
    case load(SymbolID)
    indirect case not(Node)
    indirect case negate(Node)
    indirect case and(Node, Node)
    indirect case or(Node, Node)
    indirect case compare(Comparison, Node, Node)
    /// The common `answer op literal` shape, without the recursion for both sides.
    case compareLoad(Comparison, SymbolID, RuntimeValue)
    /// `expression op literal`, e.g. `count(crimes) > 0`, without evaluating the literal.
    indirect case compareConstant(Comparison, Node, RuntimeValue)
    indirect case arithmetic(Arithmetic, Node, Node)
    indirect case concatenate(Node, Node)
    /// date ± days.
    indirect case dateOffset(Node, Node, negative: Bool)
    indirect case dateDifference(Node, Node)
    /// date + whole months, kept within the month.
    indirect case monthOffset(Node, Node)
    /// A date as words: "6 December 2025".
    indirect case dateText(Node)
    /// value in [constants]; `values` already coerced (option names resolved to codes).
    indirect case member(Node, [RuntimeValue])
    /// code in multiple-choice answer.
    indirect case containsCode(Node, Int)
    /// single-choice answer in multiple-choice answer.
    indirect case containsChoice(choices: Node, choice: Node)
    case predicate(Predicate, SymbolID)
    indirect case count(Node)
    /// How many of these codes a multiple-choice answer holds.
    indirect case countCodes(Node, [Int])
    /// `count(answer)`, reading the answer directly.
    case countOf(SymbolID)
    /// `sum(x)`, `count(x)`, `any(x)`, `all(x)` over the passes of x's loop.
    case aggregate(PassAggregate, PassSeries)
    indirect case length(Node)
    indirect case minimum([Node])
    indirect case maximum([Node])
    indirect case absolute(Node)
    indirect case round(Node, digits: Node?)
    indirect case coalesce(Node, Node)
    /// Whether text matches a pattern checked at compile time.
    indirect case matches(Node, TextPattern)
    /// A number as text, with at most `places` decimal places (`DecimalText`).
    indirect case numberText(Node, places: Int)
    /// A number as pounds: "£1,234.50".
    indirect case money(Node)
    indirect case conditional(Node, Node, Node)

    @usableFromInline
    enum Comparison: Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

        init?(_ op: BinaryOperator) {
            switch op {
            case .equal: self = .equal
            case .notEqual: self = .notEqual
            case .less: self = .less
            case .lessOrEqual: self = .lessOrEqual
            case .greater: self = .greater
            case .greaterOrEqual: self = .greaterOrEqual
            default: return nil
            }
        }

        @inlinable @inline(__always) func holds(_ order: Int) -> Bool {
            switch self {
            case .equal: return order == 0
            case .notEqual: return order != 0
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            }
        }
    }

    @usableFromInline
    enum Arithmetic: Sendable {
        case add, subtract, multiply, divide
    }

    @usableFromInline
    enum Predicate: String, Sendable {
        case answered, dontknow, refused, asked
    }

    var constantValue: RuntimeValue? {
        if case .constant(let value) = self { return value }
        return nil
    }
}

/// The compiled, resolved form of an expression: names are already symbol IDs, option names are
/// already codes, and types are settled, so evaluation is a single switch per node.
@usableFromInline
indirect enum Node: Sendable {
    case constant(RuntimeValue)
    case load(SymbolID)
    case not(Node)
    case negate(Node)
    case and(Node, Node)
    case or(Node, Node)
    case compare(Comparison, Node, Node)
    /// The common `answer op literal` shape, without the recursion for both sides.
    case compareLoad(Comparison, SymbolID, RuntimeValue)
    /// `expression op literal`, e.g. `count(crimes) > 0`, without evaluating the literal.
    case compareConstant(Comparison, Node, RuntimeValue)
    case arithmetic(Arithmetic, Node, Node)
    case concatenate(Node, Node)
    /// date ± days.
    case dateOffset(Node, Node, negative: Bool)
    case dateDifference(Node, Node)
    /// value in [constants]; `values` already coerced (option names resolved to codes).
    case member(Node, [RuntimeValue])
    /// code in multiple-choice answer.
    case containsCode(Node, Int)
    /// single-choice answer in multiple-choice answer.
    case containsChoice(choices: Node, choice: Node)
    case predicate(Predicate, SymbolID)
    case count(Node)
    /// `count(answer)`, reading the answer directly.
    case countOf(SymbolID)
    case length(Node)
    case minimum([Node])
    case maximum([Node])
    case absolute(Node)
    case round(Node, digits: Node?)
    case coalesce(Node, Node)
    case conditional(Node, Node, Node)

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

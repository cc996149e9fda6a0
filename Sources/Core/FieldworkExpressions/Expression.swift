import FieldworkDiagnostics

/// A parsed expression with the part of the source it came from, so every later message
/// (type errors, never-true warnings) can point at the exact words the designer wrote.
public struct Expression: Sendable, Hashable {
    public var node: ExpressionNode
    /// Unicode-scalar offsets into the source string.
    public var range: Range<Int>

    public init(_ node: ExpressionNode, range: Range<Int>) {
        self.node = node
        self.range = range
    }
}

/// The shape of an expression. References stay as written (paths of names); the symbol table
/// supplied by the caller gives them meaning at compile time.
public indirect enum ExpressionNode: Sendable, Hashable {
    case integer(Int)
    case decimal(Double)
    case string(String)
    case boolean(Bool)
    /// `[1, 2, 'a']`; only meaningful as the right side of `in`.
    case list([Expression])
    /// `turnover`, `sample.sector`, `item.label`.
    case reference([String])
    /// `victim_cost[burglary]`, `visits[2]`: a static key into a grid or loop.
    case index(path: [String], key: IndexKey)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(String, [Expression])
}

/// The static key of an index suffix.
public enum IndexKey: Sendable, Hashable, CustomStringConvertible {
    case name(String)
    case number(Int)

    public var description: String {
        switch self {
        case .name(let name): return name
        case .number(let number): return String(number)
        }
    }
}

public enum UnaryOperator: String, Sendable, Hashable {
    case not = "not"
    case negate = "-"
}

public enum BinaryOperator: String, Sendable, Hashable {
    case or = "or"
    case and = "and"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `in` = "in"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"

    /// Comparisons are non-associative and share one precedence level.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in: return true
        default: return false
        }
    }
}

/// A malformed expression: where (scalar offset) and what was expected or found.
public struct ExpressionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    /// FW300 for syntax; FW302 when the expression has too many operators to check safely.
    public var code: DiagnosticCode

    public init(offset: Int, code: DiagnosticCode = ExpressionCodes.syntax, message: String) {
        self.offset = offset
        self.code = code
        self.message = message
    }

    /// The diagnostic code callers should attach when they report a syntax error (FW300).
    public static let code: DiagnosticCode = ExpressionCodes.syntax

    public var description: String { "at \(offset): \(message)" }
}

import FieldworkDiagnostics

/// Type-checks an expression against the caller's symbols and compiles it to a resolved tree.
public enum ExpressionCompiler {
    /// `expecting`: `.boolean` for conditions and checks, nil for anything (computed values, fills).
    /// Returns nil when there are errors; warnings may accompany a compiled expression.
    public static func compile(_ expr: Expression, symbols: some SymbolTable,
                               expecting: ValueType?) -> (CompiledExpression?, [ExpressionIssue]) {
        compile(expr, symbols: symbols, expecting: expecting, role: nil)
    }

    /// As `compile(_:symbols:expecting:)`, naming the expression's role in messages,
    /// e.g. role "askIf condition" gives "an askIf condition must be true or false; got number".
    public static func compile(_ expr: Expression, symbols: some SymbolTable,
                               expecting: ValueType?, role: String?) -> (CompiledExpression?, [ExpressionIssue]) {
        var checker = TypeChecker(symbols: symbols)
        let typed = checker.check(expr)
        guard let typed else { return (nil, checker.issues) }
        let roleName = role ?? (expecting == .boolean ? "condition" : "expression")
        if let expecting {
            if !TypeRules.isAssignable(typed.type, to: expecting) {
                let message: String
                if expecting == .boolean {
                    message = "\(article(roleName)) \(roleName) must be true or false; got \(typed.type)"
                } else {
                    message = "\(article(roleName)) \(roleName) must give \(TypeRules.phrase(expecting)); got \(TypeRules.phrase(typed.type))"
                }
                checker.error(ExpressionCodes.wrongResultType, expr.range, message)
                return (nil, checker.issues)
            }
            if expecting == .boolean, let value = typed.node.constantValue {
                if value.isTrue {
                    checker.warning(ExpressionCodes.alwaysTrue, expr.range,
                        "this \(roleName) is always true, so it has no effect; remove it or fix the comparison")
                } else {
                    checker.warning(ExpressionCodes.neverTrue, expr.range,
                        "this \(roleName) is never true; check the logic (it evaluates to \(value))")
                }
            }
        }
        let compiled = CompiledExpression(resultType: typed.type, references: checker.references, root: typed.node,
                                          neverHolds: typed.node.constantValue == nil ? typed.neverHolds : nil)
        return (compiled, checker.issues)
    }

    /// Parses and compiles in one step; a syntax error becomes an FW300 issue at its offset.
    public static func compile(source: String, symbols: some SymbolTable, expecting: ValueType?,
                               role: String? = nil) -> (CompiledExpression?, [ExpressionIssue]) {
        switch ExpressionParser.parse(source) {
        case .failure(let error):
            return (nil, [ExpressionIssue(range: error.offset..<(error.offset + 1), severity: .error,
                                          code: error.code, message: error.message)])
        case .success(let expression):
            return compile(expression, symbols: symbols, expecting: expecting, role: role)
        }
    }

    static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }
}

/// A checked expression ready to evaluate many times per second. A class, so that the engine
/// holding one (a condition on every question) copies a single reference, not its parts.
public final class CompiledExpression: Sendable {
    public let resultType: ValueType
    /// Every symbol the expression reads, for dependency, order and cycle analysis. Conservative:
    /// it still lists names in parts folded away (`false and q == 1` lists q).
    public let references: Set<SymbolID>
    @usableFromInline let root: Node
    /// For a condition that is not constant but still can never be true for any allowed answers
    /// (a comparison outside a declared range, two contradicting parts of an `and`): why.
    public let neverHolds: String?

    init(resultType: ValueType, references: Set<SymbolID>, root: Node, neverHolds: String? = nil) {
        self.resultType = resultType
        self.references = references
        self.root = root
        self.neverHolds = neverHolds
    }

    /// Evaluates with three-valued logic. Generic over the context so no existential is boxed.
    @inlinable
    public func evaluate<Context: EvaluationContext>(_ context: Context) -> RuntimeValue {
        root.evaluate(context)
    }

    /// Whether a condition holds: only a true result counts; false and missing do not.
    @inlinable
    public func holds<Context: EvaluationContext>(in context: Context) -> Bool {
        root.evaluate(context).isTrue
    }

    /// True when the value does not depend on any answer (it was folded at compile time).
    public var isConstant: Bool { root.constantValue != nil }

    /// The folded value of a constant expression.
    public var constantValue: RuntimeValue? { root.constantValue }
}

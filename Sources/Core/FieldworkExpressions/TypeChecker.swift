import FieldworkDiagnostics

/// An expression after checking: its resolved node, type, and what the checker knows about it.
struct Typed {
    var node: Node
    var type: ValueType
    var range: Range<Int>
    /// Set when the expression is a plain reference, for messages and range checks.
    var symbol: SymbolInfo?
    /// The reference as written, e.g. "sample.sector" or "victim_cost[burglary]".
    var name: String?
    /// Simple facts that hold whenever this (boolean) expression is true.
    var facts: [ConditionFact] = []
    /// Why this (boolean) expression can never be true for any allowed answer, when the checker
    /// can tell from the declared ranges and contradictions, e.g. "age > 150 is outside 0–120".
    var neverHolds: String?
}

/// Walks the AST once, resolving names, checking types, folding constants and collecting issues.
/// Errors in a sub-expression make it nil, and parents stay silent about nil children, so each
/// mistake is reported once.
struct TypeChecker<Symbols: SymbolTable> {
    let symbols: Symbols
    var issues: [ExpressionIssue] = []
    var references: Set<SymbolID> = []
    /// Set by `facts(…)` when a comparison falls outside its answer's declared range.
    var outsideRangeReason: String?

    init(symbols: Symbols) { self.symbols = symbols }

    mutating func error(_ code: DiagnosticCode, _ range: Range<Int>, _ message: String) {
        issues.append(ExpressionIssue(range: range, severity: .error, code: code, message: message))
    }

    mutating func warning(_ code: DiagnosticCode, _ range: Range<Int>, _ message: String) {
        issues.append(ExpressionIssue(range: range, severity: .warning, code: code, message: message))
    }

    mutating func check(_ expression: Expression) -> Typed? {
        let range = expression.range
        switch expression.node {
        case .integer(let value):
            return Typed(node: .constant(.number(Double(value))), type: .integer, range: range)
        case .decimal(let value):
            return Typed(node: .constant(.number(value)), type: .decimal, range: range)
        case .string(let value):
            return Typed(node: .constant(.text(value)), type: .text, range: range)
        case .boolean(let value):
            return Typed(node: .constant(.boolean(value)), type: .boolean, range: range)
        case .list:
            error(ExpressionCodes.misplacedList, range,
                  "a list like [1, 2] can only be used on the right of 'in', as in q in ['a', 'b']")
            return nil
        case .reference(let path):
            return resolve(path, index: nil, range: range)
        case .index(let path, let key):
            return resolve(path, index: key, range: range)
        case .unary(.not, let operand):
            guard let inner = check(operand) else { return nil }
            guard inner.type == .boolean else {
                error(ExpressionCodes.notBoolean, operand.range,
                      "'not' needs something true or false; got \(TypeRules.phrase(inner.type))")
                return nil
            }
            return folded(Typed(node: .not(inner.node), type: .boolean, range: range), inner)
        case .unary(.negate, let operand):
            guard let inner = check(operand) else { return nil }
            guard inner.type.isNumeric else {
                error(ExpressionCodes.operandType, operand.range,
                      "'-' needs a number; got \(TypeRules.phrase(inner.type))")
                return nil
            }
            return folded(Typed(node: .negate(inner.node), type: inner.type, range: range), inner)
        case .binary(let op, let left, let right):
            return checkBinary(op, left, right, range: range)
        case .call(let name, let arguments):
            return checkCall(name, arguments, range: range)
        }
    }

    // MARK: References

    mutating func resolve(_ path: [String], index: IndexKey?, range: Range<Int>) -> Typed? {
        let written = path.joined(separator: ".") + (index.map { "[\($0)]" } ?? "")
        switch symbols.lookup(path, index: index) {
        case .found(let info):
            references.insert(info.id)
            return Typed(node: .load(info.id), type: info.type, range: range, symbol: info, name: written)
        case .notFound(let suggestion):
            if let suggestion {
                error(ExpressionCodes.unknownName, range, "unknown name '\(written)' — did you mean '\(suggestion)'?")
            } else {
                error(ExpressionCodes.unknownName, range,
                      "unknown name '\(written)'; use the name of a question, sample field or computed variable")
            }
            return nil
        case .invalid(let message):
            error(ExpressionCodes.invalidReference, range, message)
            return nil
        }
    }

    // MARK: Binary operators

    mutating func checkBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, range: Range<Int>) -> Typed? {
        switch op {
        case .and, .or:
            return checkLogical(op, left, right, range: range)
        case .in:
            return checkMembership(left, right, range: range)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            let l = check(left), r = check(right)
            guard let l, let r else { return nil }
            return checkComparison(op, l, r, range: range)
        case .add, .subtract, .multiply, .divide:
            let l = check(left), r = check(right)
            guard let l, let r else { return nil }
            return checkArithmetic(op, l, r, range: range)
        }
    }

    mutating func checkLogical(_ op: BinaryOperator, _ left: Expression, _ right: Expression, range: Range<Int>) -> Typed? {
        let l = check(left), r = check(right)
        var ok = true
        for (operand, typed) in [(left, l), (right, r)] {
            if let typed, typed.type != .boolean {
                error(ExpressionCodes.notBoolean, operand.range,
                      "both sides of '\(op.rawValue)' must be true or false; this side is \(TypeRules.phrase(typed.type))"
                      + (typed.type.isNumeric || typed.type == .text ? " — did you mean to compare it, e.g. x > 0?" : ""))
                ok = false
            }
        }
        guard let l, let r, ok else { return nil }
        if op == .and {
            // Kleene: false and anything is false; true and x is x.
            if l.node.constantValue == .boolean(false) { return Typed(node: l.node, type: .boolean, range: range) }
            if r.node.constantValue == .boolean(false) { return Typed(node: r.node, type: .boolean, range: range) }
            if l.node.constantValue == .boolean(true) { return Typed(node: r.node, type: .boolean, range: range, facts: r.facts, neverHolds: r.neverHolds) }
            if r.node.constantValue == .boolean(true) { return Typed(node: l.node, type: .boolean, range: range, facts: l.facts, neverHolds: l.neverHolds) }
            var result = Typed(node: .and(l.node, r.node), type: .boolean, range: range, facts: l.facts + r.facts,
                               neverHolds: l.neverHolds ?? r.neverHolds)
            if let (a, b) = ConditionFacts.contradiction(in: result.facts),
               !(ConditionFacts.contradiction(in: l.facts) != nil || ConditionFacts.contradiction(in: r.facts) != nil) {
                warning(ExpressionCodes.contradiction, range,
                        "this can never be true: \(a.text) and \(b.text) cannot both hold")
                result.facts = []
                result.neverHolds = result.neverHolds ?? "\(a.text) and \(b.text) cannot both hold"
            }
            return folded(result, l, r)
        } else {
            if l.node.constantValue == .boolean(true) { return Typed(node: l.node, type: .boolean, range: range) }
            if r.node.constantValue == .boolean(true) { return Typed(node: r.node, type: .boolean, range: range) }
            if l.node.constantValue == .boolean(false) { return Typed(node: r.node, type: .boolean, range: range, neverHolds: r.neverHolds) }
            if r.node.constantValue == .boolean(false) { return Typed(node: l.node, type: .boolean, range: range, neverHolds: l.neverHolds) }
            var result = Typed(node: .or(l.node, r.node), type: .boolean, range: range)
            if let a = l.neverHolds, let b = r.neverHolds { result.neverHolds = "\(a), and \(b)" }
            return folded(result, l, r)
        }
    }

    mutating func checkArithmetic(_ op: BinaryOperator, _ l: Typed, _ r: Typed, range: Range<Int>) -> Typed? {
        let node: Node
        let type: ValueType
        switch (op, l.type, r.type) {
        case (_, let a, let b) where a.isNumeric && b.isNumeric:
            if op == .divide {
                type = .decimal
                if r.node.constantValue == .number(0) {
                    warning(ExpressionCodes.divisionByZero, r.range, "division by zero is always undefined (missing)")
                }
            } else {
                type = (a == .integer && b == .integer) ? .integer : .decimal
            }
            let arithmetic: Node.Arithmetic = op == .add ? .add : op == .subtract ? .subtract : op == .multiply ? .multiply : .divide
            node = .arithmetic(arithmetic, l.node, r.node)
        case (.add, .text, .text):
            node = .concatenate(l.node, r.node)
            type = .text
        case (.add, .date, .integer), (.subtract, .date, .integer):
            node = .dateOffset(l.node, r.node, negative: op == .subtract)
            type = .date
        case (.add, .integer, .date):
            node = .dateOffset(r.node, l.node, negative: false)
            type = .date
        case (.subtract, .date, .date):
            node = .dateDifference(l.node, r.node)
            type = .integer
        case (.add, .date, .decimal), (.subtract, .date, .decimal), (.add, .decimal, .date):
            error(ExpressionCodes.operandType, range, "add or subtract a whole number of days to a date; round(x) makes a whole number")
            return nil
        default:
            let verb: String
            switch op {
            case .add: verb = "add"
            case .subtract: verb = "subtract"
            case .multiply: verb = "multiply"
            default: verb = "divide"
            }
            var hint = ""
            if (l.type == .text) != (r.type == .text), op == .add { hint = "; '+' joins two texts or adds two numbers" }
            else if case .choice = l.type { hint = "; option codes are not quantities — compare them with == instead" }
            else if case .choice = r.type { hint = "; option codes are not quantities — compare them with == instead" }
            else if case .choices = l.type { hint = "; use count(\(l.name ?? "q")) for the number of options chosen" }
            error(ExpressionCodes.operandType, range,
                  "cannot \(verb) \(describe(l)) and \(describe(r)) with '\(op.rawValue)'\(hint)")
            return nil
        }
        return folded(Typed(node: node, type: type, range: range), l, r)
    }

    // MARK: Folding

    /// Replaces a node whose inputs are all constants by its value.
    func folded(_ typed: Typed, _ children: Typed...) -> Typed {
        guard children.allSatisfy({ $0.node.constantValue != nil }) else { return typed }
        var result = typed
        result.node = .constant(typed.node.evaluate(EmptyContext()))
        result.facts = []
        return result
    }

    // MARK: Descriptions

    /// "text answer 'name'", "number 'sample.employees'", or the bare type phrase.
    func describe(_ typed: Typed) -> String {
        guard let name = typed.name, let info = typed.symbol else { return TypeRules.phrase(typed.type) }
        let noun: String
        switch typed.type {
        case .integer, .decimal: noun = "number"
        case .text: noun = "text"
        case .date: noun = "date"
        case .boolean: noun = "true/false"
        case .choice: noun = "single-choice"
        case .choices: noun = "multiple-choice"
        case .list: noun = "list"
        }
        return info.isAnswer ? "\(noun) answer '\(name)'" : "\(noun) '\(name)'"
    }

}

/// Type facts that do not depend on the symbol table.
enum TypeRules {
    /// "a number", "text", "a single choice from 'yesno'", for messages.
    static func phrase(_ type: ValueType) -> String {
        switch type {
        case .integer, .decimal: return "a number"
        case .text: return "text"
        case .date: return "a date"
        case .boolean: return "true/false"
        case .choice(let frame): return "a single choice from '\(frame.name)'"
        case .choices(let frame): return "a multiple choice from '\(frame.name)'"
        case .list: return "a list"
        }
    }

    static func isAssignable(_ type: ValueType, to expected: ValueType) -> Bool {
        if type == expected { return true }
        switch (type, expected) {
        case (.integer, .decimal): return true
        case (.choice(let a), .choice(let b)), (.choices(let a), .choices(let b)): return a.name == b.name
        case (.list, .list): return true
        default: return false
        }
    }

    static func interpretsLiterals(_ type: ValueType) -> Bool {
        switch type {
        case .choice, .date: return true
        default: return false
        }
    }

    static let functionNames = ["answered", "dontknow", "refused", "asked", "count", "sum", "any", "all", "len", "min", "max", "abs", "round", "coalesce", "if",
                                "date", "today", "add_months", "date_text", "matches", "text", "money"]
}

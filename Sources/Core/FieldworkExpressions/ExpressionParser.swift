import FieldworkBasics

/// Turns expression text into an `Expression` tree by recursive descent.
///
/// Precedence, lowest first: `or`, `and`, `not`, comparisons and `in` (non-associative),
/// `+ -`, `* /`, unary `-`, then calls and index suffixes.
public enum ExpressionParser {
    /// Parses a whole expression; anything left over is an error.
    public static func parse(_ source: String) -> Result<Expression, ExpressionSyntaxError> {
        switch Lexer.tokenize(source) {
        case .failure(let error):
            return .failure(error)
        case .success(let tokens):
            var parser = Parser(tokens: tokens)
            do {
                let expression = try parser.parseExpression()
                try parser.expectEnd()
                return .success(expression)
            } catch {
                return .failure(error)
            }
        }
    }
}

/// The mutable state of one parse. Errors are thrown internally (typed) and surfaced as a `Result`.
struct Parser {
    private let tokens: [Token]
    private var index = 0
    private var depth = 0
    /// Deep enough for any real condition, shallow enough never to exhaust the stack
    /// (`InputLimits.expressionNesting`).
    static let maximumDepth = InputLimits.expressionNesting
    /// Binary operators (`and`, `or`, comparisons, `+ - * /`) in one expression. A chain of them is a
    /// tree as deep as it is long, which type checking, compiling, evaluating and freeing walk
    /// recursively, so the depth limit alone (which counts nesting) does not keep them off the stack.
    /// Real conditions and fills use a few dozen (`InputLimits.expressionOperators`).
    static let maximumOperators = InputLimits.expressionOperators
    private var operators = 0

    init(tokens: [Token]) { self.tokens = tokens }

    private var current: Token { tokens[index] }
    private var nextToken: Token { tokens[min(index + 1, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// Counts one binary operator; past `maximumOperators` the parse stops with FW302 at `token`.
    private mutating func countOperator(_ token: Token) throws(ExpressionSyntaxError) {
        operators += 1
        guard operators > Parser.maximumOperators else { return }
        throw ExpressionSyntaxError(offset: token.range.lowerBound, code: ExpressionCodes.tooManyOperators,
                                    message: "the expression has more than \(Parser.maximumOperators) operators ('and', 'or', comparisons, + - * /); split it into computed variables")
    }

    /// Past `maximumDepth` nested parentheses, `not` or unary `-`, the parse stops here.
    private func checkDepth() throws(ExpressionSyntaxError) {
        guard depth > Parser.maximumDepth else { return }
        throw fail("the expression nests parentheses, 'not' or '-' more than \(Parser.maximumDepth) levels deep (the limit); split it into computed variables")
    }

    private func fail(_ message: String, at offset: Int? = nil) -> ExpressionSyntaxError {
        ExpressionSyntaxError(offset: offset ?? current.range.lowerBound, message: message)
    }

    mutating func expectEnd() throws(ExpressionSyntaxError) {
        guard current.kind == .end else {
            if case .symbol(.rightParen) = current.kind {
                throw fail("this ')' has no matching '('")
            }
            throw fail("expected an operator such as 'and', 'or' or '==' here, found \(current.display)")
        }
    }

    mutating func parseExpression() throws(ExpressionSyntaxError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        try checkDepth()
        return try parseOr()
    }

    private func isOr(_ t: Token) -> Bool { t.kind == .keyword(.or) || t.kind == .symbol(.bars) }
    private func isAnd(_ t: Token) -> Bool { t.kind == .keyword(.and) || t.kind == .symbol(.ampersands) }
    private func isNot(_ t: Token) -> Bool { t.kind == .keyword(.not) || t.kind == .symbol(.bang) }

    private mutating func parseOr() throws(ExpressionSyntaxError) -> Expression {
        var left = try parseAnd()
        while isOr(current) {
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseAnd() }
            try countOperator(op)
            left = Expression(.binary(.or, left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> Expression {
        var left = try parseNot()
        while isAnd(current) {
            let op = advance()
            let right = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseNot() }
            try countOperator(op)
            left = Expression(.binary(.and, left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionSyntaxError) -> Expression {
        guard isNot(current) else { return try parseComparison() }
        let op = advance()
        depth += 1
        defer { depth -= 1 }
        try checkDepth()
        let operand = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseNot() }
        return Expression(.unary(.not, operand), range: op.range.lowerBound..<operand.range.upperBound)
    }

    /// Runs `parse` for the right-hand side of `op`, turning a missing operand into a clear message.
    private mutating func operand(after op: Token,
                                  _ parse: (inout Parser) throws(ExpressionSyntaxError) -> Expression) throws(ExpressionSyntaxError) -> Expression {
        if !startsOperand(current) {
            throw fail("expected a value after \(op.display), found \(current.display)")
        }
        return try parse(&self)
    }

    private func startsOperand(_ t: Token) -> Bool {
        switch t.kind {
        case .identifier, .integer, .decimal, .string: return true
        case .keyword(let k): return k == .true || k == .false || k == .not
        case .symbol(let s): return s == .leftParen || s == .leftBracket || s == .minus || s == .bang
        case .end: return false
        }
    }

    /// A comparison operator at the current token, with `not in` as a two-token form.
    private func comparisonOperator() -> (BinaryOperator, negated: Bool, width: Int)? {
        switch current.kind {
        case .symbol(.equal): return (.equal, false, 1)
        case .symbol(.notEqual): return (.notEqual, false, 1)
        case .symbol(.less): return (.less, false, 1)
        case .symbol(.lessOrEqual): return (.lessOrEqual, false, 1)
        case .symbol(.greater): return (.greater, false, 1)
        case .symbol(.greaterOrEqual): return (.greaterOrEqual, false, 1)
        case .keyword(.in): return (.in, false, 1)
        case .keyword(.not) where nextToken.kind == .keyword(.in): return (.in, true, 2)
        default: return nil
        }
    }

    private mutating func parseComparison() throws(ExpressionSyntaxError) -> Expression {
        let left = try parseAdditive()
        if current.kind == .symbol(.singleEqual) { throw fail("use '==' to compare") }
        guard let (op, negated, width) = comparisonOperator() else { return left }
        let opToken = current
        try countOperator(opToken)
        for _ in 0..<width { _ = advance() }
        let right = try operand(after: opToken) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseAdditive() }
        if current.kind == .symbol(.singleEqual) { throw fail("use '==' to compare") }
        if comparisonOperator() != nil {
            throw fail("comparisons cannot be chained; combine them with 'and', e.g. a < b and b < c")
        }
        let range = left.range.lowerBound..<right.range.upperBound
        let comparison = Expression(.binary(op, left, right), range: range)
        return negated ? Expression(.unary(.not, comparison), range: range) : comparison
    }

    private mutating func parseAdditive() throws(ExpressionSyntaxError) -> Expression {
        var left = try parseMultiplicative()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .symbol(.plus): op = .add
            case .symbol(.minus): op = .subtract
            default: return left
            }
            let token = advance()
            try countOperator(token)
            let right = try operand(after: token) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseMultiplicative() }
            left = Expression(.binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
    }

    private mutating func parseMultiplicative() throws(ExpressionSyntaxError) -> Expression {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .symbol(.star): op = .multiply
            case .symbol(.slash): op = .divide
            default: return left
            }
            let token = advance()
            try countOperator(token)
            let right = try operand(after: token) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseUnary() }
            left = Expression(.binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> Expression {
        guard current.kind == .symbol(.minus) else { return try parsePrimary() }
        let op = advance()
        depth += 1
        defer { depth -= 1 }
        try checkDepth()
        let operand = try operand(after: op) { (p: inout Parser) throws(ExpressionSyntaxError) in try p.parseUnary() }
        return Expression(.unary(.negate, operand), range: op.range.lowerBound..<operand.range.upperBound)
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> Expression {
        let token = current
        switch token.kind {
        case .integer(let value):
            _ = advance()
            return Expression(.integer(value), range: token.range)
        case .decimal(let value):
            _ = advance()
            return Expression(.decimal(value), range: token.range)
        case .string(let value):
            _ = advance()
            return Expression(.string(value), range: token.range)
        case .keyword(.true):
            _ = advance()
            return Expression(.boolean(true), range: token.range)
        case .keyword(.false):
            _ = advance()
            return Expression(.boolean(false), range: token.range)
        case .symbol(.leftParen):
            _ = advance()
            if current.kind == .symbol(.rightParen) { throw fail("expected an expression inside ( )") }
            let inner = try parseExpression()
            guard current.kind == .symbol(.rightParen) else {
                throw fail("expected ')' to close the '(' at offset \(token.range.lowerBound), found \(current.display)")
            }
            let close = advance()
            return Expression(inner.node, range: token.range.lowerBound..<close.range.upperBound)
        case .symbol(.leftBracket):
            return try parseList()
        case .identifier:
            return try parseReference()
        case .symbol(.singleEqual):
            throw fail("use '==' to compare")
        default:
            throw fail("expected a value (a name, number, text or '('), found \(token.display)")
        }
    }

    private mutating func parseList() throws(ExpressionSyntaxError) -> Expression {
        let open = advance()
        var elements: [Expression] = []
        if current.kind != .symbol(.rightBracket) {
            while true {
                if !startsOperand(current) {
                    throw fail("expected a list element, found \(current.display)")
                }
                elements.append(try parseExpression())
                if current.kind == .symbol(.comma) { _ = advance(); continue }
                break
            }
        }
        guard current.kind == .symbol(.rightBracket) else {
            throw fail("expected ',' or ']' in the list opened at offset \(open.range.lowerBound), found \(current.display)")
        }
        let close = advance()
        return Expression(.list(elements), range: open.range.lowerBound..<close.range.upperBound)
    }

    private mutating func parseReference() throws(ExpressionSyntaxError) -> Expression {
        let first = advance()
        guard case .identifier(let head) = first.kind else { throw fail("expected a name", at: first.range.lowerBound) }
        var path = [head]
        var end = first.range.upperBound
        while current.kind == .symbol(.dot) {
            _ = advance()
            guard case .identifier(let part) = current.kind else {
                throw fail("expected a name after '.', found \(current.display)")
            }
            end = advance().range.upperBound
            path.append(part)
        }
        let start = first.range.lowerBound
        switch current.kind {
        case .symbol(.leftParen):
            guard path.count == 1 else {
                throw fail("only functions can be called, and '\(path.joined(separator: "."))' is not a function name")
            }
            return try parseCall(name: head, start: start)
        case .symbol(.leftBracket):
            _ = advance()
            let key: IndexKey
            switch current.kind {
            case .identifier(let name): key = .name(name)
            case .integer(let number): key = .number(number)
            default:
                throw fail("expected an option name or a whole number inside [ ], found \(current.display)")
            }
            _ = advance()
            guard current.kind == .symbol(.rightBracket) else {
                throw fail("expected ']' after the index, found \(current.display)")
            }
            end = advance().range.upperBound
            return Expression(.index(path: path, key: key), range: start..<end)
        default:
            return Expression(.reference(path), range: start..<end)
        }
    }

    private mutating func parseCall(name: String, start: Int) throws(ExpressionSyntaxError) -> Expression {
        let open = advance()
        var arguments: [Expression] = []
        if current.kind != .symbol(.rightParen) {
            while true {
                if !startsOperand(current) {
                    throw fail("expected an argument to \(name)(…), found \(current.display)")
                }
                arguments.append(try parseExpression())
                if current.kind == .symbol(.comma) { _ = advance(); continue }
                break
            }
        }
        guard current.kind == .symbol(.rightParen) else {
            throw fail("expected ',' or ')' in the call to \(name) opened at offset \(open.range.lowerBound), found \(current.display)")
        }
        let close = advance()
        return Expression(.call(name, arguments), range: start..<close.range.upperBound)
    }
}

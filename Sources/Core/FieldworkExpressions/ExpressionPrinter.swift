/// Prints an expression back as source text with only the parentheses it needs, so messages can
/// quote what the designer wrote ("employees > 5000 can never be true …").
extension Expression: CustomStringConvertible {
    public var description: String { ExpressionPrinter.print(self, minimumPrecedence: 0) }
}

enum ExpressionPrinter {
    static func precedence(of node: ExpressionNode) -> Int {
        switch node {
        case .binary(let op, _, _): return precedence(of: op)
        case .unary(.not, _): return 3
        case .unary(.negate, _): return 7
        default: return 8
        }
    }

    static func precedence(of op: BinaryOperator) -> Int {
        switch op {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in: return 4
        case .add, .subtract: return 5
        case .multiply, .divide: return 6
        }
    }

    static func print(_ expression: Expression, minimumPrecedence: Int) -> String {
        let text = body(expression.node)
        return precedence(of: expression.node) < minimumPrecedence ? "(\(text))" : text
    }

    static func quote(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    static func body(_ node: ExpressionNode) -> String {
        switch node {
        case .integer(let value): return String(value)
        case .decimal(let value): return String(value)
        case .string(let value): return quote(value)
        case .boolean(let value): return value ? "true" : "false"
        case .list(let elements): return "[" + elements.map { print($0, minimumPrecedence: 0) }.joined(separator: ", ") + "]"
        case .reference(let path): return path.joined(separator: ".")
        case .index(let path, let key): return path.joined(separator: ".") + "[\(key)]"
        case .unary(.not, let operand): return "not " + print(operand, minimumPrecedence: 3)
        case .unary(.negate, let operand): return "-" + print(operand, minimumPrecedence: 7)
        case .binary(let op, let left, let right):
            let p = precedence(of: op)
            let leftMinimum = op.isComparison ? p + 1 : p
            return print(left, minimumPrecedence: leftMinimum) + " \(op.rawValue) " + print(right, minimumPrecedence: p + 1)
        case .call(let name, let arguments):
            return name + "(" + arguments.map { print($0, minimumPrecedence: 0) }.joined(separator: ", ") + ")"
        }
    }
}

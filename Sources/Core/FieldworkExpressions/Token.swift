/// The lexical pieces of an expression; offsets are Unicode-scalar positions.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case integer(Int)
        case decimal(Double)
        case string(String)
        case keyword(Keyword)
        case symbol(Punctuation)
        case end
    }

    enum Keyword: String, Sendable, CaseIterable {
        case and, or, not, `in`, `true`, `false`
    }

    enum Punctuation: String, Sendable {
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
        case comma = ",", dot = "."
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case plus = "+", minus = "-", star = "*", slash = "/"
        case ampersands = "&&", bars = "||", bang = "!"
        case singleEqual = "="
    }

    var kind: Kind
    var range: Range<Int>

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .identifier(let name): return "'\(name)'"
        case .integer(let value): return "'\(value)'"
        case .decimal(let value): return "'\(value)'"
        case .string: return "a text literal"
        case .keyword(let keyword): return "'\(keyword.rawValue)'"
        case .symbol(let punctuation): return "'\(punctuation.rawValue)'"
        case .end: return "the end of the expression"
        }
    }
}

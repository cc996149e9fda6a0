/// Splits expression source into tokens, counting positions in Unicode scalars so offsets match
/// the column arithmetic of `SourceLocation`.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// All tokens, ending with `.end`, or the first lexical error.
    static func tokenize(_ source: String) -> Result<[Token], ExpressionSyntaxError> {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            switch lexer.next() {
            case .failure(let error): return .failure(error)
            case .success(let token):
                tokens.append(token)
                if token.kind == .end { return .success(tokens) }
            }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let i = position + ahead
        return i < scalars.count ? scalars[i] : nil
    }

    private static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_"
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }

    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r"
    }

    private mutating func next() -> Result<Token, ExpressionSyntaxError> {
        while let s = peek(), Lexer.isSpace(s) { position += 1 }
        let start = position
        guard let s = peek() else { return .success(Token(kind: .end, range: start..<start)) }

        if Lexer.isIdentifierStart(s) {
            var name = String.UnicodeScalarView()
            while let c = peek(), Lexer.isIdentifierStart(c) || Lexer.isDigit(c) {
                name.append(c)
                position += 1
            }
            let text = String(name)
            if let keyword = Token.Keyword(rawValue: text) {
                return .success(Token(kind: .keyword(keyword), range: start..<position))
            }
            return .success(Token(kind: .identifier(text), range: start..<position))
        }
        if Lexer.isDigit(s) { return number(from: start) }
        if s == "'" || s == "\"" { return string(from: start, quote: s) }
        return punctuation(from: start, s)
    }

    private mutating func number(from start: Int) -> Result<Token, ExpressionSyntaxError> {
        var text = ""
        while let c = peek(), Lexer.isDigit(c) { text.unicodeScalars.append(c); position += 1 }
        var isDecimal = false
        if peek() == ".", let after = peek(1), Lexer.isDigit(after) {
            isDecimal = true
            text.append(".")
            position += 1
            while let c = peek(), Lexer.isDigit(c) { text.unicodeScalars.append(c); position += 1 }
        }
        if let c = peek(), Lexer.isIdentifierStart(c) {
            return .failure(ExpressionSyntaxError(offset: position,
                message: "unexpected '\(c)' after the number \(text); put a space or operator between them"))
        }
        if isDecimal {
            guard let value = Double(text) else {
                return .failure(ExpressionSyntaxError(offset: start, message: "'\(text)' is not a valid decimal number"))
            }
            return .success(Token(kind: .decimal(value), range: start..<position))
        }
        guard let value = Int(text) else {
            return .failure(ExpressionSyntaxError(offset: start, message: "the number \(text) is too large"))
        }
        return .success(Token(kind: .integer(value), range: start..<position))
    }

    private mutating func string(from start: Int, quote: Unicode.Scalar) -> Result<Token, ExpressionSyntaxError> {
        position += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let c = peek() else {
                return .failure(ExpressionSyntaxError(offset: start,
                    message: "text starting here is never closed; add a matching \(quote)"))
            }
            position += 1
            if c == quote { break }
            if c == "\\" {
                guard let escaped = peek() else {
                    return .failure(ExpressionSyntaxError(offset: position - 1,
                        message: "a backslash at the end of text must be followed by ', \", \\ or n"))
                }
                switch escaped {
                case "'", "\"", "\\": text.append(escaped)
                case "n": text.append("\n")
                default:
                    return .failure(ExpressionSyntaxError(offset: position - 1,
                        message: "unknown escape '\\\(escaped)'; use \\', \\\", \\\\ or \\n"))
                }
                position += 1
            } else {
                text.append(c)
            }
        }
        return .success(Token(kind: .string(String(text)), range: start..<position))
    }

    private mutating func punctuation(from start: Int, _ s: Unicode.Scalar) -> Result<Token, ExpressionSyntaxError> {
        let two: Token.Punctuation? = {
            guard let n = peek(1) else { return nil }
            switch (s, n) {
            case ("=", "="): return .equal
            case ("!", "="): return .notEqual
            case ("<", "="): return .lessOrEqual
            case (">", "="): return .greaterOrEqual
            case ("&", "&"): return .ampersands
            case ("|", "|"): return .bars
            default: return nil
            }
        }()
        if let two {
            position += 2
            return .success(Token(kind: .symbol(two), range: start..<position))
        }
        let one: Token.Punctuation?
        switch s {
        case "(": one = .leftParen
        case ")": one = .rightParen
        case "[": one = .leftBracket
        case "]": one = .rightBracket
        case ",": one = .comma
        case ".": one = .dot
        case "<": one = .less
        case ">": one = .greater
        case "+": one = .plus
        case "-": one = .minus
        case "*": one = .star
        case "/": one = .slash
        case "!": one = .bang
        case "=": one = .singleEqual
        default: one = nil
        }
        guard let one else {
            let hint: String
            switch s {
            case "&": hint = "; use 'and' (or '&&')"
            case "|": hint = "; use 'or' (or '||')"
            case "{", "}": hint = "; braces belong in text fills, not inside an expression"
            default: hint = ""
            }
            return .failure(ExpressionSyntaxError(offset: start, message: "unexpected character '\(s)'\(hint)"))
        }
        position += 1
        return .success(Token(kind: .symbol(one), range: start..<position))
    }
}

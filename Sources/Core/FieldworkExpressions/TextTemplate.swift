/// Question text with fills: `"You said {turnover}. In {item.label}, …"`.
/// Parsed once when the questionnaire loads so that rendering is only evaluation and joining.
public struct TextTemplate: Sendable, Hashable {
    public var segments: [TemplateSegment]

    public init(segments: [TemplateSegment]) { self.segments = segments }

    /// The fills in order, for compiling each against the symbol table.
    public var fills: [(expression: Expression, offset: Int)] {
        segments.compactMap { segment in
            if case .fill(let expression, let offset) = segment { return (expression, offset) }
            return nil
        }
    }

    /// Splits text into literal runs and `{expression}` fills. `{{` and `}}` stand for literal braces.
    /// Error offsets are scalar offsets into the whole template.
    public static func parse(_ text: String) -> Result<TextTemplate, ExpressionSyntaxError> {
        let scalars = Array(text.unicodeScalars)
        var segments: [TemplateSegment] = []
        var literal = String.UnicodeScalarView()
        var i = 0

        func flushLiteral() {
            if !literal.isEmpty {
                segments.append(.literal(String(literal)))
                literal = String.UnicodeScalarView()
            }
        }

        while i < scalars.count {
            let s = scalars[i]
            if s == "{" {
                if i + 1 < scalars.count, scalars[i + 1] == "{" {
                    literal.append("{")
                    i += 2
                    continue
                }
                let start = i + 1
                guard let close = closingBrace(in: scalars, from: start) else {
                    return .failure(ExpressionSyntaxError(offset: i,
                        message: "this '{' is never closed; add '}' after the fill, or write '{{' for a literal brace"))
                }
                var source = String.UnicodeScalarView()
                source.append(contentsOf: scalars[start..<close])
                let expressionText = String(source)
                if expressionText.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    return .failure(ExpressionSyntaxError(offset: i, message: "expected an expression inside { }"))
                }
                switch ExpressionParser.parse(expressionText) {
                case .failure(let error):
                    return .failure(ExpressionSyntaxError(offset: start + error.offset, code: error.code, message: error.message))
                case .success(let expression):
                    flushLiteral()
                    segments.append(.fill(expression, offset: start))
                }
                i = close + 1
            } else if s == "}" {
                if i + 1 < scalars.count, scalars[i + 1] == "}" {
                    literal.append("}")
                    i += 2
                    continue
                }
                return .failure(ExpressionSyntaxError(offset: i,
                    message: "a lone '}' has no matching '{'; write '}}' for a literal brace"))
            } else {
                literal.append(s)
                i += 1
            }
        }
        flushLiteral()
        return .success(TextTemplate(segments: segments))
    }

    /// The index of the `}` ending a fill, skipping braces inside quoted text.
    private static func closingBrace(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        var quote: Unicode.Scalar?
        while i < scalars.count {
            let s = scalars[i]
            if let q = quote {
                if s == "\\" { i += 2; continue }
                if s == q { quote = nil }
            } else if s == "'" || s == "\"" {
                quote = s
            } else if s == "}" {
                return i
            }
            i += 1
        }
        return nil
    }
}

/// A run of literal text or a fill whose expression starts at `offset` (scalar offset in the template;
/// the expression's own ranges are relative to that offset).
public enum TemplateSegment: Sendable, Hashable {
    case literal(String)
    case fill(Expression, offset: Int)
}

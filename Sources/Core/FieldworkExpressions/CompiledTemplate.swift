/// A text template whose fills are checked and compiled, ready to render on every screen.
public struct CompiledTemplate: Sendable {
    public enum Part: Sendable {
        case literal(String)
        case fill(CompiledExpression)
    }

    public var parts: [Part]

    /// Every symbol any fill reads.
    public var references: Set<SymbolID> {
        parts.reduce(into: []) { set, part in
            if case .fill(let compiled) = part { set.formUnion(compiled.references) }
        }
    }

    /// Joins literals and fill values. `format` decides how a value reads (option labels, number
    /// formats, what to show for a missing answer); the default is `RuntimeValue.description`.
    public func render<Context: EvaluationContext>(_ context: Context,
                                                   format: (RuntimeValue, ValueType) -> String = { value, _ in value.description }) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .fill(let compiled): text += format(compiled.evaluate(context), compiled.resultType)
            }
        }
        return text
    }
}

extension TextTemplate {
    /// Compiles every fill (any result type). Issue ranges are shifted to be offsets in the template text.
    public func compile(symbols: some SymbolTable) -> (CompiledTemplate?, [ExpressionIssue]) {
        var parts: [CompiledTemplate.Part] = []
        var issues: [ExpressionIssue] = []
        var failed = false
        for segment in segments {
            switch segment {
            case .literal(let literal):
                parts.append(.literal(literal))
            case .fill(let expression, let offset):
                let (compiled, fillIssues) = ExpressionCompiler.compile(expression, symbols: symbols, expecting: nil, role: "fill")
                issues += fillIssues.map { issue in
                    var shifted = issue
                    shifted.range = (issue.range.lowerBound + offset)..<(issue.range.upperBound + offset)
                    return shifted
                }
                if let compiled { parts.append(.fill(compiled)) } else { failed = true }
            }
        }
        return (failed ? nil : CompiledTemplate(parts: parts), issues)
    }

    /// Parses and compiles; a syntax error becomes an FW301 issue at its offset in the template.
    public static func compile(source: String, symbols: some SymbolTable) -> (CompiledTemplate?, [ExpressionIssue]) {
        switch parse(source) {
        case .failure(let error):
            return (nil, [ExpressionIssue(range: error.offset..<(error.offset + 1), severity: .error,
                                          code: error.code == ExpressionCodes.syntax ? ExpressionCodes.templateSyntax : error.code,
                                          message: error.message)])
        case .success(let template):
            return template.compile(symbols: symbols)
        }
    }
}

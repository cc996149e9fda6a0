import FieldworkBasics
import Testing
@testable import FieldworkExpressions

/// The expression limits (`InputLimits.expressionOperators`, `.expressionNesting`) at the sizes
/// issue 19 names: 100,000 terms and 10,000 nested parentheses are refused with a message naming
/// the limit, never a stack overflow; expressions at the limits parse and type-check.
struct ExpressionLimitsTests {
    private func nested(_ depth: Int, open: String, close: String = "", around core: String) -> String {
        String(repeating: open, count: depth) + core + String(repeating: close, count: depth)
    }

    @Test func aHundredThousandTermsAreRefusedNamingTheOperatorLimit() {
        for op in ["and", "or", "+", "*", "=="] {
            let text = Array(repeating: "1", count: 100_000).joined(separator: " \(op) ")
            guard case .failure(let error) = ExpressionParser.parse(text) else { Issue.record("accepted \(op)"); continue }
            #expect(error.code == ExpressionCodes.tooManyOperators || op == "==")
            if op != "==" { #expect(error.message.contains("more than 256 operators"), "\(error.message)") }
        }
    }

    @Test(arguments: [10_000, 100_000])
    func deepParenthesesAreRefusedNamingTheNestingLimit(depth: Int) {
        for (open, close) in [("(", ")"), ("not ", ""), ("-", ""), ("[", "]"), ("max(", ")")] {
            let text = nested(depth, open: open, close: close, around: "1")
            guard case .failure(let error) = ExpressionParser.parse(text) else { Issue.record("accepted \(open)"); continue }
            #expect(error.message.contains("more than \(InputLimits.expressionNesting) levels deep (the limit)"), "\(open): \(error.message)")
            #expect(error.message.contains("split it into computed variables"))
        }
    }

    @Test func nestingAtTheLimitParsesAndOnePastIsRefused() throws {
        // parseExpression counts the whole expression as one level; each '(' adds one more.
        let limit = InputLimits.expressionNesting
        let atLimit = nested(limit - 1, open: "(", close: ")", around: "x > 1")
        let parsed = try ExpressionParser.parse(atLimit).get()
        #expect(parsed.description == "x > 1")
        let over = nested(limit, open: "(", close: ")", around: "x > 1")
        guard case .failure(let error) = ExpressionParser.parse(over) else { Issue.record("accepted"); return }
        #expect(error.offset == limit, "just inside the '(' that goes one level too deep")
    }
}

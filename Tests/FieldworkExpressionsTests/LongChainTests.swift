import Testing
@testable import FieldworkExpressions

/// Chains of operators are trees as deep as they are long; past a bound the parser stops with FW302
/// instead of letting type checking, evaluation or freeing the tree exhaust the stack.
struct LongChainTests {
    private func chain(_ terms: Int, _ term: String, _ op: String, tail: String = "") -> String {
        var text = ""
        text.reserveCapacity(terms * (term.count + op.count + 2))
        for index in 0..<terms {
            if index > 0 { text += " \(op) " }
            text += term
        }
        return text + tail
    }

    @Test(arguments: [("true", "and"), ("false", "or"), ("1", "+"), ("2", "*"), ("3", "-")])
    func twoHundredThousandTermChainIsRefusedWithFW302(term: String, op: String) {
        switch ExpressionParser.parse(chain(200_000, term, op)) {
        case .success:
            Issue.record("a 200,000-term chain was accepted")
        case .failure(let error):
            #expect(error.code == ExpressionCodes.tooManyOperators)
            #expect(error.message.contains("256"))
        }
    }

    @Test func chainEndingInASyntaxErrorIsRefusedWithoutCrashing() {
        guard case .failure(let error) = ExpressionParser.parse(chain(200_000, "1", "+", tail: " +")) else {
            Issue.record("accepted"); return
        }
        #expect(error.code == ExpressionCodes.tooManyOperators)
    }

    @Test func chainsUpToTheBoundStillParse() {
        guard case .success = ExpressionParser.parse(chain(Parser.maximumOperators + 1, "1", "+")) else {
            Issue.record("a chain of exactly the maximum was refused"); return
        }
    }

    @Test func fillWithALongChainIsRefusedWithFW302() {
        let text = "Total: {" + chain(5_000, "1", "+") + "}"
        guard case .failure(let error) = TextTemplate.parse(text) else { Issue.record("accepted"); return }
        #expect(error.code == ExpressionCodes.tooManyOperators)
    }
}

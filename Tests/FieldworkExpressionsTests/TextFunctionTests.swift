import FieldworkBasics
import Testing
@testable import FieldworkExpressions

@Suite struct TextFunctionTests {
    @Test func matchesTestsTextAgainstAPattern() {
        #expect(evaluate("matches(name, '[A-Z][a-z]+')", ["name": .text("Jones")]) == .boolean(true))
        #expect(evaluate("matches(name, '[A-Z][a-z]+')", ["name": .text("jones")]) == .boolean(false))
        #expect(evaluate("matches(name, 'x+')", ["name": .missing(.refused)]) == .missing(.refused))
        #expect(evaluate("matches('SW1A 1AA', '[A-Z]+[0-9][A-Z0-9]? [0-9][A-Z][A-Z]')") == .boolean(true))
    }

    @Test func aBadPatternIsAnErrorAtItsPlace() {
        let source = "matches(name, 'ab[c')"
        let (compiled, issues) = compile(source)
        #expect(compiled == nil)
        let issue = errors(issues).first
        #expect(issue?.code == ExpressionCodes.badPattern)
        // The '[' is the 4th character of the pattern, which starts after the quote at offset 14.
        #expect(issue?.range.lowerBound == 17)
        #expect(issue?.message.contains("not closed") == true)
    }

    @Test func matchesNeedsTextAndAWrittenPattern() {
        #expect(errors(compile("matches(employees, '1+')").1).first?.code == ExpressionCodes.argumentType)
        #expect(errors(compile("matches(name, name)").1).first?.message.contains("in quotes") == true)
        #expect(errors(compile("matches(name)").1).first?.code == ExpressionCodes.argumentCount)
    }

    @Test func textWritesNumbersByTheDecimalTextRules() {
        #expect(evaluate("text(employees)", ["employees": .number(12)]) == .text("12"))
        #expect(evaluate("text(turnover, 2)", ["turnover": .number(1234.567)]) == .text("1234.57"))
        #expect(evaluate("text(turnover, 2)", ["turnover": .number(12.5)]) == .text("12.5"))
        #expect(evaluate("text(turnover)", ["turnover": .number(0.1 + 0.2)]) == .text("0.3"))
        #expect(evaluate("text(turnover, 0)", ["turnover": .number(-2.5)]) == .text("-3"))
        #expect(evaluate("text(turnover)", ["turnover": .missing(.dontKnow)]) == .missing(.dontKnow))
        #expect(evaluate("'About ' + text(employees) + ' staff'", ["employees": .number(7)]) == .text("About 7 staff"))
    }

    @Test func textRefusesNonNumbersAndOddPlaces() {
        #expect(errors(compile("text(name)", expecting: nil).1).first?.code == ExpressionCodes.argumentType)
        #expect(errors(compile("text(turnover, 7)", expecting: nil).1).first?.code == ExpressionCodes.argumentType)
        #expect(errors(compile("text(turnover, employees)", expecting: nil).1).first?.code == ExpressionCodes.argumentType)
        #expect(errors(compile("text(turnover, 1.5)", expecting: nil).1).first?.code == ExpressionCodes.argumentType)
    }

    @Test func moneyWritesPounds() {
        #expect(evaluate("money(turnover)", ["turnover": .number(1234.5)]) == .text("£1,234.50"))
        #expect(evaluate("money(turnover)", ["turnover": .number(0.005)]) == .text("£0.01"))
        #expect(evaluate("money(turnover)", ["turnover": .number(1_000_000)]) == .text("£1,000,000.00"))
        #expect(evaluate("money(turnover)", ["turnover": .number(-12)]) == .text("-£12.00"))
        #expect(evaluate("money(turnover)", ["turnover": .number(999.999)]) == .text("£1,000.00"))
        #expect(evaluate("money(turnover)", ["turnover": .missing(.refused)]) == .missing(.refused))
        #expect(errors(compile("money(name)", expecting: nil).1).first?.code == ExpressionCodes.argumentType)
    }

    @Test func coalesceOfANumberWithTextGivesText() {
        let (compiled, issues) = compile("coalesce(employees, 'not given')", expecting: .text)
        #expect(errors(issues).isEmpty)
        #expect(compiled?.resultType == .text)
        #expect(compiled?.evaluate(TestContext(["employees": .number(40)])) == .text("40"))
        #expect(compiled?.evaluate(TestContext(["employees": .missing(.dontKnow)])) == .text("not given"))
        #expect(evaluate("coalesce(turnover, '-')", ["turnover": .number(2.25)]) == .text("2.25"))
        // Text first and a number second is still refused: the text has no number form.
        #expect(errors(compile("coalesce(name, 0)", expecting: nil).1).first?.code == ExpressionCodes.argumentType)
    }

    @Test func constantCallsAreFolded() {
        #expect(compile("money(1234)", expecting: nil).0?.constantValue == .text("£1,234.00"))
        #expect(compile("matches('ab', 'a.')", expecting: nil).0?.constantValue == .boolean(true))
    }
}

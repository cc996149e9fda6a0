import FieldworkBasics
import Testing
@testable import FieldworkExpressions

@Suite struct EvaluatorTests {
    static let missingValues: [RuntimeValue] = [.missing(.notAsked), .missing(.dontKnow), .missing(.refused)]

    /// Kleene truth tables over true, false and missing for the boolean answer `consent` and `other_q == 1`.
    @Test func threeValuedTruthTables() {
        let values: [RuntimeValue] = [.boolean(true), .boolean(false), .missing(.dontKnow)]
        func kleeneAnd(_ a: RuntimeValue, _ b: RuntimeValue) -> RuntimeValue? {
            if a == .boolean(false) || b == .boolean(false) { return .boolean(false) }
            if a == .boolean(true) && b == .boolean(true) { return .boolean(true) }
            return nil
        }
        func kleeneOr(_ a: RuntimeValue, _ b: RuntimeValue) -> RuntimeValue? {
            if a == .boolean(true) || b == .boolean(true) { return .boolean(true) }
            if a == .boolean(false) && b == .boolean(false) { return .boolean(false) }
            return nil
        }
        var symbols = TestSymbols()
        symbols.table["b1"] = SymbolInfo(id: SymbolID(100), type: .boolean)
        symbols.table["b2"] = SymbolInfo(id: SymbolID(101), type: .boolean)
        for a in values {
            for b in values {
                let context = TestContext(["b1": a, "b2": b], symbols: symbols)
                for (op, expected) in [("and", kleeneAnd(a, b)), ("or", kleeneOr(a, b))] {
                    let (compiled, _) = ExpressionCompiler.compile(source: "b1 \(op) b2", symbols: symbols, expecting: .boolean)
                    let result = compiled?.evaluate(context)
                    if let expected {
                        #expect(result == expected, "\(a) \(op) \(b)")
                    } else {
                        #expect(result?.isMissing == true, "\(a) \(op) \(b) should be missing, got \(String(describing: result))")
                    }
                }
                let (negation, _) = ExpressionCompiler.compile(source: "not b1", symbols: symbols, expecting: .boolean)
                let negated = negation?.evaluate(context)
                switch a {
                case .boolean(let x): #expect(negated == .boolean(!x))
                default: #expect(negated == a)
                }
            }
        }
    }

    @Test func missingNeverMakesAComparisonTrue() {
        for missing in EvaluatorTests.missingValues {
            for source in ["q == 1", "q != 1", "q == 'no'", "q != 'no'", "employees < 5", "employees > 5", "employees == 0",
                           "employees != 0", "employees <= 1000", "not (q == 1)", "not (employees < 5)", "q in ['yes', 'no']",
                           "'fraud' in crimes", "not ('fraud' in crimes)", "count(crimes) == 0", "count(crimes) != 0",
                           "q not in ['yes']", "employees + 1 > 0"] {
                let result = evaluate(source, ["q": missing, "employees": missing, "crimes": missing])
                #expect(result?.isTrue == false, "\(source) with \(missing) gave \(String(describing: result))")
                #expect(result?.isMissing == true, "\(source) with \(missing) gave \(String(describing: result))")
            }
        }
    }

    @Test func missingReasonOfFirstOperandIsKept() {
        #expect(evaluate("employees + turnover", ["employees": .missing(.refused), "turnover": .missing(.dontKnow)]) == .missing(.refused))
        #expect(evaluate("employees + turnover", ["employees": .number(1), "turnover": .missing(.dontKnow)]) == .missing(.dontKnow))
        #expect(evaluate("q == 1", ["q": .missing(.dontKnow)]) == .missing(.dontKnow))
        #expect(evaluate("not (q == 1)", ["q": .missing(.refused)]) == .missing(.refused))
    }

    @Test func comparisonsWithAnswers() {
        #expect(evaluate("q == 'yes'", ["q": .choice(1)]) == .boolean(true))
        #expect(evaluate("q != 'yes'", ["q": .choice(1)]) == .boolean(false))
        #expect(evaluate("q == other_q", ["q": .choice(2), "other_q": .choice(2)]) == .boolean(true))
        #expect(evaluate("sector < 'services'", ["sector": .choice(2)]) == .boolean(true))
        #expect(evaluate("employees >= 250", ["employees": .number(250)]) == .boolean(true))
        #expect(evaluate("turnover > employees", ["employees": .number(3), "turnover": .number(3.5)]) == .boolean(true))
        #expect(evaluate("name == 'Ann'", ["name": .text("Ann")]) == .boolean(true))
        #expect(evaluate("visit_date > '2025-01-01'", ["visit_date": .date(20200)]) == .boolean(true))
        #expect(evaluate("consent == false", ["consent": .boolean(false)]) == .boolean(true))
        #expect(evaluate("5 < employees", ["employees": .number(6)]) == .boolean(true))
    }

    @Test func membership() {
        #expect(evaluate("'fraud' in crimes", ["crimes": .choices([1, 3])]) == .boolean(true))
        #expect(evaluate("'theft' in crimes", ["crimes": .choices([1, 3])]) == .boolean(false))
        #expect(evaluate("main_crime in crimes", ["crimes": .choices([1, 3]), "main_crime": .choice(3)]) == .boolean(true))
        #expect(evaluate("main_crime in crimes", ["crimes": .choices([1, 3]), "main_crime": .missing(.refused)]) == .missing(.refused))
        #expect(evaluate("q in ['yes']", ["q": .choice(1)]) == .boolean(true))
        #expect(evaluate("q not in ['yes']", ["q": .choice(1)]) == .boolean(false))
        #expect(evaluate("employees in [1, 2, 3]", ["employees": .number(2)]) == .boolean(true))
        #expect(evaluate("employees in [1, 2, 3]", ["employees": .number(4)]) == .boolean(false))
    }

    @Test func predicates() {
        let cases: [(RuntimeValue, answered: Bool, dontknow: Bool, refused: Bool, asked: Bool)] = [
            (.number(3), true, false, false, true),
            (.missing(.dontKnow), false, true, false, true),
            (.missing(.refused), false, false, true, true),
            (.missing(.notAsked), false, false, false, false),
        ]
        for (value, answered, dontknow, refused, asked) in cases {
            let answers = ["employees": value]
            #expect(evaluate("answered(employees)", answers) == .boolean(answered))
            #expect(evaluate("dontknow(employees)", answers) == .boolean(dontknow))
            #expect(evaluate("refused(employees)", answers) == .boolean(refused))
            #expect(evaluate("asked(employees)", answers) == .boolean(asked))
        }
    }

    @Test func functions() {
        #expect(evaluate("count(crimes)", ["crimes": .choices([1, 2, 4])]) == .number(3))
        #expect(evaluate("count(crimes)", ["crimes": .choices([])]) == .number(0))
        #expect(evaluate("count(crimes)", ["crimes": .missing(.dontKnow)]) == .missing(.dontKnow))
        #expect(evaluate("len(name)", ["name": .text("café")]) == .number(4))
        #expect(evaluate("min(employees, 3, 7)", ["employees": .number(5)]) == .number(3))
        #expect(evaluate("max(employees, 3, 7)", ["employees": .number(9)]) == .number(9))
        #expect(evaluate("max(employees, 3)", ["employees": .missing(.refused)]) == .missing(.refused))
        #expect(evaluate("abs(turnover)", ["turnover": .number(-2.5)]) == .number(2.5))
        #expect(evaluate("round(turnover)", ["turnover": .number(2.5)]) == .number(3))
        #expect(evaluate("round(turnover)", ["turnover": .number(-2.5)]) == .number(-3))
        #expect(evaluate("round(turnover, 2)", ["turnover": .number(3.14159)]) == .number(3.14))
        #expect(evaluate("coalesce(turnover, 0)", ["turnover": .missing(.dontKnow)]) == .number(0))
        #expect(evaluate("coalesce(turnover, 0)", ["turnover": .number(8)]) == .number(8))
        #expect(evaluate("coalesce(q, 'no')", [:]) == .choice(2))
        #expect(evaluate("if(consent, 'a', 'b')", ["consent": .boolean(true)]) == .text("a"))
        #expect(evaluate("if(consent, 'a', 'b')", ["consent": .boolean(false)]) == .text("b"))
        #expect(evaluate("if(consent, 'a', 'b')", ["consent": .missing(.refused)]) == .missing(.refused))
        #expect(evaluate("date('1970-01-02')") == .date(1))
        #expect(evaluate("date('2025-03-31')") == .date(20178))
        #expect(evaluate("date('1969-12-31')") == .date(-1))
    }

    @Test func arithmetic() {
        #expect(evaluate("employees * 2 + 1", ["employees": .number(4)]) == .number(9))
        #expect(evaluate("employees / 0", ["employees": .number(4)]) == .missing(.undefined))
        #expect(evaluate("employees / turnover", ["employees": .number(4), "turnover": .number(0)]) == .missing(.undefined))
        #expect(evaluate("employees / 8", ["employees": .number(4)]) == .number(0.5))
        #expect(evaluate("-employees", ["employees": .number(4)]) == .number(-4))
        #expect(evaluate("name + '!'", ["name": .text("Hi")]) == .text("Hi!"))
        #expect(evaluate("visit_date - visits[2]", ["visit_date": .date(100), "visits[2]": .date(90)]) == .number(10))
        #expect(evaluate("visit_date + 7", ["visit_date": .date(100)]) == .date(107))
        #expect(evaluate("visit_date - 7", ["visit_date": .date(100)]) == .date(93))
    }

    @Test func constantsAreFolded() throws {
        let (compiled, _) = compile("1 + 2 * 3", expecting: nil)
        #expect(compiled?.isConstant == true)
        #expect(compiled?.constantValue == .number(7))
        let (notConstant, _) = compile("employees + 1", expecting: nil)
        #expect(notConstant?.isConstant == false)
        #expect(compile("date('2025-01-02') - date('2025-01-01')", expecting: nil).0?.constantValue == .number(1))
        #expect(compile("if(1 > 2, 'a', 'b')", expecting: nil).0?.constantValue == .text("b"))
    }

    @Test func holdsOnlyWhenTrue() throws {
        let compiled = try #require(compile("employees > 3").0)
        #expect(compiled.holds(in: TestContext(["employees": .number(4)])))
        #expect(!compiled.holds(in: TestContext(["employees": .number(2)])))
        #expect(!compiled.holds(in: TestContext(["employees": .missing(.dontKnow)])))
        // Folded-away parts still count as dependencies.
        let folded = try #require(compile("false and q == 1").0)
        #expect(folded.isConstant)
        #expect(folded.references == [SymbolID(1)])
    }

    @Test func textRendering() {
        #expect(RuntimeValue.number(12).description == "12")
        #expect(RuntimeValue.number(3.5).description == "3.5")
        #expect(RuntimeValue.date(20178).description == "2025-03-31")
        #expect(RuntimeValue.missing(.dontKnow).description == "(don't know)")
    }

    @Test func civilDatesRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            if date.year >= 1000 && date.year <= 9999 {
                #expect(CivilDate(parsing: date.description)?.daysSinceEpoch == days)
            }
        }
    }
}

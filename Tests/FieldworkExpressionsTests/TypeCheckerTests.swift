import Testing
import FieldworkDiagnostics
@testable import FieldworkExpressions

@Suite struct TypeCheckerTests {
    func onlyError(_ source: String, expecting: ValueType? = .boolean) -> ExpressionIssue? {
        let (compiled, issues) = compile(source, expecting: expecting)
        let errs = errors(issues)
        guard errs.count == 1, compiled == nil else {
            Issue.record("\(source): expected one error, got \(issues)")
            return nil
        }
        return errs[0]
    }

    func compilesCleanly(_ source: String, expecting: ValueType? = .boolean) -> CompiledExpression? {
        let (compiled, issues) = compile(source, expecting: expecting)
        #expect(issues.isEmpty, "\(source): \(issues)")
        return compiled
    }

    @Test func unknownNameSuggests() {
        let issue = onlyError("employes > 3")
        #expect(issue?.code == "FW310")
        #expect(issue?.message == "unknown name 'employes' — did you mean 'employees'?")
        #expect(issue?.range == 0..<8)
        let none = onlyError("zzzzzz > 3")
        #expect(none?.message.contains("unknown name 'zzzzzz'") == true)
    }

    @Test func invalidReferenceUsesCallerMessage() {
        let issue = onlyError("later_q == 1")
        #expect(issue?.code == "FW311")
        #expect(issue?.message == "later_q is asked later than this condition")
    }

    @Test func referencesAreCollected() {
        let compiled = compilesCleanly("q == 'yes' and (employees > 3 or answered(turnover)) and victim_cost[burglary] > 0")
        #expect(compiled?.references == [SymbolID(1), SymbolID(2), SymbolID(3), SymbolID(12)])
    }

    @Test func equalityRules() {
        for ok in ["employees == 3", "employees == 3.5", "turnover != employees", "name == 'x'", "visit_date == date('2025-01-01')",
                   "consent == true", "q == 1", "q == 'yes'", "'yes' == q", "q == other_q", "visits[2] == '2025-02-03'"] {
            #expect(compilesCleanly(ok) != nil, "\(ok)")
        }
    }

    @Test func choiceCodeNotInFrame() {
        let issue = onlyError("q == 4")
        #expect(issue?.code == "FW330")
        #expect(issue?.message == "4 is not a code of frame 'yesno' (codes: 1, 2)")
        #expect(issue?.range == 5..<6)
    }

    @Test func choiceNameUnknownSuggests() {
        let issue = onlyError("sector == 'retial'")
        #expect(issue?.code == "FW331")
        #expect(issue?.message == "'retial' is not an option of frame 'sector' — did you mean 'retail'?")
        #expect(issue?.range == 10..<18)
    }

    @Test func choiceNamesResolveToCodes() {
        let compiled = compilesCleanly("sector == 'services'")
        #expect(compiled?.evaluate(TestContext(["sector": .choice(3)])) == .boolean(true))
        #expect(compiled?.evaluate(TestContext(["sector": .choice(1)])) == .boolean(false))
    }

    @Test func choicesOfDifferentFrames() {
        #expect(onlyError("q == sector")?.code == "FW332")
    }

    @Test func textVersusNumber() {
        let issue = onlyError("name == 3")
        #expect(issue?.code == "FW320")
        #expect(issue?.message.hasPrefix("cannot compare text answer 'name' with a number") == true)
        #expect(onlyError("3 == name")?.code == "FW320")
    }

    @Test func multipleChoiceEquality() {
        let issue = onlyError("crimes == 'fraud'")
        #expect(issue?.code == "FW324")
        #expect(issue?.message.contains("use 'option' in crimes") == true)
        #expect(issue?.message.contains("count(crimes)") == true)
    }

    @Test func ordering() {
        for ok in ["employees < 3", "turnover >= 2.5", "visit_date > date('2024-12-31')", "q >= 2", "sector < 'services'"] {
            #expect(compilesCleanly(ok) != nil, "\(ok)")
        }
        #expect(onlyError("name < 'm'")?.code == "FW325")
        #expect(onlyError("consent > false")?.code == "FW325")
        #expect(onlyError("visit_date > 3")?.code == "FW320")
    }

    @Test func membership() {
        for ok in ["'fraud' in crimes", "3 in crimes", "main_crime in crimes", "q in ['yes', 2]", "employees in [1, 2, 3]",
                   "name in ['a', 'b']", "q not in ['no']"] {
            #expect(compilesCleanly(ok) != nil, "\(ok)")
        }
        #expect(onlyError("'frud' in crimes")?.code == "FW331")
        #expect(onlyError("9 in crimes")?.code == "FW330")
        #expect(onlyError("q in ['yes', 'maybe']")?.code == "FW331")
        #expect(onlyError("q in [1, 7]")?.code == "FW330")
        #expect(onlyError("q in employees")?.code == "FW326")
        #expect(onlyError("q in crimes")?.code == "FW326")
        #expect(onlyError("employees in [1, employees]")?.code == "FW326")
        #expect(onlyError("crimes in ['fraud']")?.code == "FW326")
        #expect(onlyError("name in [1]")?.code == "FW320")
        #expect(onlyError("[1, 2] == 3")?.code == "FW327")
    }

    @Test func logicNeedsBooleans() {
        let issue = onlyError("employees and q == 1")
        #expect(issue?.code == "FW322")
        #expect(issue?.range == 0..<9)
        #expect(onlyError("not employees")?.code == "FW322")
        #expect(onlyError("q == 1 or name")?.code == "FW322")
    }

    @Test func arithmeticTypes() {
        #expect(compilesCleanly("employees + 1", expecting: nil)?.resultType == .integer)
        #expect(compilesCleanly("employees * 1.5", expecting: nil)?.resultType == .decimal)
        #expect(compilesCleanly("employees / 2", expecting: nil)?.resultType == .decimal)
        #expect(compilesCleanly("visit_date - visits[2]", expecting: nil)?.resultType == .integer)
        #expect(compilesCleanly("visit_date + 7", expecting: nil)?.resultType == .date)
        #expect(compilesCleanly("7 + visit_date", expecting: nil)?.resultType == .date)
        #expect(compilesCleanly("visit_date - 7", expecting: nil)?.resultType == .date)
        #expect(compilesCleanly("name + '!'", expecting: nil)?.resultType == .text)
        #expect(onlyError("name + 1", expecting: nil)?.code == "FW321")
        #expect(onlyError("q + 1", expecting: nil)?.code == "FW321")
        #expect(onlyError("crimes * 2", expecting: nil)?.message.contains("count(crimes)") == true)
        #expect(onlyError("visit_date + 1.5", expecting: nil)?.code == "FW321")
        #expect(onlyError("-name", expecting: nil)?.code == "FW321")
    }

    @Test func predicates() {
        #expect(compilesCleanly("answered(q) and asked(employees) and refused(name)") != nil)
        #expect(compilesCleanly("dontknow(turnover)") != nil)
        let sample = onlyError("answered(sample.sector)")
        #expect(sample?.code == "FW342")
        #expect(sample?.message.contains("not a question") == true)
        #expect(onlyError("answered(1)")?.code == "FW342")
        #expect(onlyError("answered(q, q)")?.code == "FW341")
        let (compiled, issues) = compile("dontknow(strict)")
        #expect(compiled != nil)
        #expect(issues.map(\.code) == ["FW354"])
        #expect(issues.first?.severity == .warning)
        #expect(issues.first?.message == "strict does not allow don't know; this is never true")
        #expect(compile("refused(strict)").1.map(\.code) == ["FW354"])
    }

    @Test func functions() {
        #expect(compilesCleanly("count(crimes)", expecting: nil)?.resultType == .integer)
        #expect(onlyError("count(q)", expecting: nil)?.code == "FW343")
        #expect(compilesCleanly("len(name)", expecting: nil)?.resultType == .integer)
        #expect(onlyError("len(employees)", expecting: nil)?.code == "FW343")
        #expect(compilesCleanly("min(employees, 3)", expecting: nil)?.resultType == .integer)
        #expect(compilesCleanly("max(employees, turnover, 1)", expecting: nil)?.resultType == .decimal)
        #expect(onlyError("min(employees)", expecting: nil)?.code == "FW341")
        #expect(onlyError("max(employees, name)", expecting: nil)?.code == "FW343")
        #expect(compilesCleanly("abs(turnover)", expecting: nil)?.resultType == .decimal)
        #expect(compilesCleanly("round(turnover)", expecting: nil)?.resultType == .integer)
        #expect(compilesCleanly("round(turnover, 2)", expecting: nil)?.resultType == .decimal)
        #expect(onlyError("round(turnover, 1.5)", expecting: nil)?.code == "FW343")
        #expect(compilesCleanly("coalesce(turnover, 0)", expecting: nil)?.resultType == .decimal)
        #expect(compilesCleanly("coalesce(q, 'no')", expecting: nil)?.resultType == .choice(yesno))
        #expect(onlyError("coalesce(name, 0)", expecting: nil)?.code == "FW343")
        #expect(compilesCleanly("if(q == 1, employees, 2)", expecting: nil)?.resultType == .integer)
        #expect(compilesCleanly("if(q == 1, 'a', name)", expecting: nil)?.resultType == .text)
        #expect(onlyError("if(employees, 1, 2)", expecting: nil)?.code == "FW343")
        #expect(onlyError("if(consent, 1, 'x')", expecting: nil)?.code == "FW343")
        #expect(onlyError("if(consent, 1)", expecting: nil)?.code == "FW341")
        #expect(compilesCleanly("date('2024-02-29')", expecting: nil)?.resultType == .date)
        #expect(onlyError("date('2025-02-29')", expecting: nil)?.code == "FW344")
        #expect(onlyError("date(name)", expecting: nil)?.code == "FW344")
        let unknown = onlyError("cout(crimes)", expecting: nil)
        #expect(unknown?.code == "FW340")
        #expect(unknown?.message == "unknown function 'cout' — did you mean 'count'?")
    }

    @Test func conditionMustBeBoolean() {
        let (_, issues) = compile("employees + 1", expecting: .boolean, role: "askIf condition")
        #expect(issues.map(\.code) == ["FW323"])
        #expect(issues.first?.message == "an askIf condition must be true or false; got number")
        #expect(issues.first?.range == 0..<13)
        #expect(onlyError("name", expecting: .integer)?.code == "FW323")
        #expect(compilesCleanly("employees", expecting: .decimal) != nil)
    }

    @Test func multipleErrorsAreAllReported() {
        let (compiled, issues) = compile("employes > 1 and q == 7")
        #expect(compiled == nil)
        #expect(Set(issues.map(\.code)) == ["FW310", "FW330"])
    }
}

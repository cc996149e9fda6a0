import Testing
import FieldworkDiagnostics
@testable import FieldworkExpressions

@Suite struct WarningTests {
    func warningCodes(_ source: String) -> [DiagnosticCode] {
        let (compiled, issues) = compile(source)
        #expect(compiled != nil, "\(source): \(issues)")
        #expect(errors(issues).isEmpty, "\(source): \(issues)")
        return warnings(issues).map(\.code)
    }

    @Test func constantConditions() {
        #expect(warningCodes("1 == 2") == ["FW350"])
        #expect(warningCodes("1 == 1") == ["FW351"])
        #expect(warningCodes("q == 1 and false") == ["FW350"])
        #expect(warningCodes("q == 1 or true") == ["FW351"])
        #expect(warningCodes("not true") == ["FW350"])
        #expect(warningCodes("1 / 0 > 1").contains("FW350"))
        #expect(warningCodes("q == 1 and true").isEmpty)
        let (_, issues) = compile("2 > 3", role: "askIf condition")
        #expect(issues.first?.message.contains("askIf condition is never true") == true)
    }

    @Test func contradictoryChoices() {
        let (_, issues) = compile("q == 'yes' and q == 'no'")
        #expect(issues.map(\.code) == ["FW352"])
        #expect(issues.first?.message == "this can never be true: q == 'yes' and q == 'no' cannot both hold")
        #expect(issues.first?.range == 0..<24)
        #expect(warningCodes("q == 'yes' and employees > 3 and q == 2") == ["FW352"])
        #expect(warningCodes("q == 'yes' and other_q == 'no'").isEmpty)
        #expect(warningCodes("q == 'yes' or q == 'no'").isEmpty)
        #expect(warningCodes("q == 'yes' and q == 'yes'").isEmpty)
    }

    @Test func contradictoryNumbers() {
        #expect(warningCodes("employees > 10 and employees < 5") == ["FW352"])
        #expect(warningCodes("employees > 10 and employees <= 10") == ["FW352"])
        #expect(warningCodes("employees >= 10 and employees <= 10").isEmpty)
        #expect(warningCodes("employees == 3 and employees == 4") == ["FW352"])
        #expect(warningCodes("5 < employees and employees < 6").isEmpty)
    }

    @Test func outsideKnownRange() {
        let (_, issues) = compile("employees > 5000")
        #expect(issues.map(\.code) == ["FW353"])
        #expect(issues.first?.message == "'employees > 5000' can never be true: employees is between 0 and 1000")
        #expect(warningCodes("employees < 0") == ["FW353"])
        #expect(warningCodes("0 > employees") == ["FW353"])
        #expect(warningCodes("employees == -1") == ["FW353"])
        #expect(warningCodes("employees <= 0").isEmpty)
        #expect(warningCodes("employees > 999").isEmpty)
        #expect(warningCodes("victim_cost[burglary] < 0") == ["FW353"])
        #expect(warningCodes("turnover < 0").isEmpty) // no known range
    }

    @Test func divisionByConstantZero() {
        let (_, issues) = compile("employees / 0", expecting: nil)
        #expect(issues.map(\.code) == ["FW355"])
    }
}

import Testing
import FieldworkDiagnostics
@testable import FieldworkExpressions

/// The names of `TestSymbols` plus a victim-form loop seen from outside it: `v_inc` (integer,
/// 1…100), `v_cost` (decimal), `v_police` (true/false), `v_kind` (single choice), driven by
/// `crimes`; `deep_q` lies two loops deeper; `s_cost` is in a count loop of at most 5 passes.
private struct LoopSymbols: SymbolTable {
    let base = TestSymbols()
    static let online = OptionSetInfo(frame: crimeFrame, names: ["fraud", "theft"])
    static let yesSet = OptionSetInfo(frame: yesno, names: ["yes"])

    static let series: [String: PassSeriesInfo] = [
        "v_inc": forEach(SymbolInfo(id: SymbolID(40), type: .integer, range: 1...100)),
        "v_cost": forEach(SymbolInfo(id: SymbolID(41), type: .decimal)),
        "v_police": forEach(SymbolInfo(id: SymbolID(42), type: .boolean, isAnswer: false)),
        "v_kind": forEach(SymbolInfo(id: SymbolID(43), type: .choice(yesno))),
        "s_cost": PassSeriesInfo(element: SymbolInfo(id: SymbolID(44), type: .decimal), driver: SymbolID(2), loopName: "sites", maxPasses: 5),
    ]

    static func forEach(_ element: SymbolInfo) -> PassSeriesInfo {
        PassSeriesInfo(element: element, driver: SymbolID(5), loopName: "victim", maxPasses: 4, frame: crimeFrame,
                       passByName: ["burglary": 1, "vandalism": 2, "fraud": 3, "theft": 4])
    }

    func lookup(_ path: [String], index: IndexKey?) -> SymbolLookup {
        if Self.series[path.joined(separator: ".")] != nil, index == nil {
            return .invalid("\"\(path[0])\" is inside loop \"victim\"; from outside it, name the pass")
        }
        return base.lookup(path, index: index)
    }

    func optionSet(named name: String) -> OptionSetInfo? {
        ["online": Self.online, "yes_only": Self.yesSet][name]
    }

    func passSeries(_ path: [String]) -> PassSeriesLookup {
        let name = path.joined(separator: ".")
        if name == "deep_q" { return .invalid("\"deep_q\" is inside loop \"incidents\", nested in loop \"victim\"") }
        return Self.series[name].map { .found($0) } ?? .notASeries
    }
}

/// Pass values by symbol, as an interview would supply them.
private struct PassContext: EvaluationContext {
    var values: [SymbolID: RuntimeValue] = [SymbolID(5): .choices([1, 3, 4]), SymbolID(2): .number(2)]
    var passes: [SymbolID: [PassValue]] = [:]

    func value(of symbol: SymbolID) -> RuntimeValue { values[symbol] ?? .missing(.notAsked) }
    func passValues(of symbol: SymbolID) -> [PassValue]? { passes[symbol] ?? [] }
}

private func compileLoop(_ source: String, expecting: ValueType? = nil) -> (CompiledExpression?, [ExpressionIssue]) {
    ExpressionCompiler.compile(source: source, symbols: LoopSymbols(), expecting: expecting)
}

private func onlyError(_ source: String, expecting: ValueType? = nil) -> ExpressionIssue? {
    let (compiled, issues) = compileLoop(source, expecting: expecting)
    let errs = errors(issues)
    guard errs.count == 1, compiled == nil else {
        Issue.record("\(source): expected one error, got \(issues)")
        return nil
    }
    return errs[0]
}

@Suite struct AggregateTests {
    @Test func typesOfTheFourAggregates() throws {
        let cases: [(String, ValueType)] = [
            ("sum(v_inc)", .integer), ("sum(v_cost)", .decimal), ("sum(v_cost, online)", .decimal),
            ("count(v_police)", .integer), ("count(v_police, online)", .integer),
            ("any(v_police)", .boolean), ("all(v_police)", .boolean), ("sum(v_inc) + 1", .integer),
        ]
        for (source, type) in cases {
            let (compiled, issues) = compileLoop(source)
            #expect(issues.isEmpty, "\(source): \(issues)")
            #expect(compiled?.resultType == type, "\(source)")
        }
    }

    @Test func anAggregateReadsTheElementAndTheDrivingAnswer() throws {
        let compiled = try #require(compileLoop("sum(v_inc) > 3", expecting: .boolean).0)
        #expect(compiled.references == [SymbolID(40), SymbolID(5)])
        #expect(!compiled.isConstant, "no passes at compile time must not fold to 0")
    }

    @Test func countOfAMultipleChoiceAnswerKeepsItsMeaning() throws {
        let compiled = try #require(compileLoop("count(crimes)").0)
        #expect(compiled.resultType == .integer)
        var context = PassContext()
        context.values[SymbolID(5)] = .choices([1, 2])
        #expect(compiled.evaluate(context) == .number(2))
        let filtered = try #require(compileLoop("count(crimes, online)").0)
        #expect(filtered.evaluate(context) == .number(0))
    }

    @Test func sumLeavesOutMissingPassesAndFilters() throws {
        var context = PassContext()
        context.passes[SymbolID(41)] = [PassValue(pass: 1, value: .number(10.5)), PassValue(pass: 3, value: .missing(.dontKnow)),
                                        PassValue(pass: 4, value: .number(2))]
        #expect(try #require(compileLoop("sum(v_cost)").0).evaluate(context) == .number(12.5))
        #expect(try #require(compileLoop("sum(v_cost, online)").0).evaluate(context) == .number(2), "fraud (3) is dk, theft (4) counts")
        context.passes[SymbolID(41)] = []
        #expect(try #require(compileLoop("sum(v_cost)").0).evaluate(context) == .number(0), "no passes: 0")
    }

    @Test func countAnyAllOverPasses() throws {
        var context = PassContext()
        let count = try #require(compileLoop("count(v_police)").0)
        let any = try #require(compileLoop("any(v_police)").0)
        let all = try #require(compileLoop("all(v_police)").0)
        context.passes[SymbolID(42)] = [PassValue(pass: 1, value: .boolean(true)), PassValue(pass: 3, value: .boolean(false)),
                                        PassValue(pass: 4, value: .missing(.refused))]
        #expect(count.evaluate(context) == .number(1))
        #expect(any.evaluate(context) == .boolean(true))
        #expect(all.evaluate(context) == .boolean(false))
        context.passes[SymbolID(42)] = [PassValue(pass: 1, value: .boolean(true)), PassValue(pass: 4, value: .missing(.refused))]
        #expect(all.evaluate(context) == .boolean(true), "a refused pass is left out")
        context.passes[SymbolID(42)] = []
        #expect(count.evaluate(context) == .number(0))
        #expect(any.evaluate(context) == .boolean(false))
        #expect(all.evaluate(context) == .boolean(true), "all over no passes is true")
    }

    @Test func aMissingDrivingAnswerMakesTheAggregateMissing() throws {
        var context = PassContext()
        context.values[SymbolID(5)] = .missing(.refused)
        context.passes[SymbolID(40)] = [PassValue(pass: 1, value: .number(3))]
        #expect(try #require(compileLoop("sum(v_inc)").0).evaluate(context) == .missing(.refused))
    }

    @Test func aContextThatCannotSeePassesGivesNotAskedNotZero() throws {
        let compiled = try #require(compileLoop("sum(v_inc)").0)
        #expect(compiled.evaluate(TestContext()) == .missing(.notAsked))
    }

    @Test func sumsAreBoundedByPassesTimesTheElement() throws {
        let sum = try #require(compileLoop("sum(v_inc)").0)
        let extent = sum.numericExtent { $0 == SymbolID(40) ? NumericExtent(decimals: 0, magnitude: 100, canBeNegative: false) : .unknown }
        #expect(extent == NumericExtent(decimals: 0, magnitude: 400, canBeNegative: false))
        let filtered = try #require(compileLoop("sum(v_inc, online)").0)
        #expect(filtered.numericExtent { _ in NumericExtent(decimals: 0, magnitude: 100, canBeNegative: false) }.magnitude == 200)
        let count = try #require(compileLoop("count(v_police)").0)
        #expect(count.numericExtent { _ in .unknown } == NumericExtent(decimals: 0, magnitude: 4, canBeNegative: false))
        let unknown = try #require(compileLoop("sum(v_cost)").0)
        #expect(unknown.numericExtent { _ in .unknown }.magnitude == nil)
    }

    @Test func wrongUsesSayWhatToWrite() {
        let notNumber = onlyError("sum(v_police)")
        #expect(notNumber?.code == "FW343")
        #expect(notNumber?.range == 4..<12)
        #expect(notNumber?.message == "sum(…) adds up numbers; 'v_police' gives true/false")

        let notBoolean = onlyError("any(v_inc)")
        #expect(notBoolean?.code == "FW343")
        #expect(notBoolean?.range == 4..<9)
        #expect(notBoolean?.message.contains("add a computed variable inside the loop, e.g. \"v_inc > 0\"") == true)

        let choice = onlyError("count(v_kind)")
        #expect(choice?.code == "FW343")
        #expect(choice?.range == 6..<12)

        let expression = onlyError("sum(v_inc * 2)")
        #expect(expression?.code == "FW345")
        #expect(expression?.range == 4..<13)
        #expect(expression?.message.contains("make it a computed variable inside the loop") == true)

        let notInLoop = onlyError("sum(employees)")
        #expect(notInLoop?.code == "FW345")
        #expect(notInLoop?.range == 4..<13)
        #expect(notInLoop?.message.contains("'employees' is not inside a loop") == true)

        let unknown = onlyError("sum(v_incc)")
        #expect(unknown?.code == "FW310", "an unknown name is reported as unknown")

        let deep = onlyError("sum(deep_q)")
        #expect(deep?.code == "FW311")
        #expect(deep?.range == 4..<10)
        #expect(deep?.message.contains("nested in loop") == true)

        let wrongFrame = onlyError("sum(v_inc, yes_only)")
        #expect(wrongFrame?.code == "FW345")
        #expect(wrongFrame?.range == 11..<19)
        #expect(wrongFrame?.message == "option set 'yes_only' is of frame 'yesno', but loop \"victim\" repeats over options of frame 'crimes'; use a set of 'crimes'")

        let countLoop = onlyError("sum(s_cost, online)")
        #expect(countLoop?.code == "FW345")
        #expect(countLoop?.message.contains("counts passes") == true)

        let notASet = onlyError("sum(v_inc, crimes)")
        #expect(notASet?.code == "FW343")
        #expect(notASet?.range == 11..<17)

        let arity = onlyError("all()")
        #expect(arity?.code == "FW341")

        let bare = onlyError("v_inc > 3", expecting: .boolean)
        #expect(bare?.code == "FW311", "a loop question without an aggregate is still refused")
    }
}

import FieldworkBasics
import FieldworkDiagnostics
@testable import FieldworkExpressions

let yesno = CodeFrameInfo(name: "yesno", options: [("yes", 1), ("no", 2)])
let sectorFrame = CodeFrameInfo(name: "sector", options: [("retail", 1), ("manufacturing", 2), ("services", 3)])
let crimeFrame = CodeFrameInfo(name: "crimes", options: [("burglary", 1), ("vandalism", 2), ("fraud", 3), ("theft", 4)])

/// A small questionnaire's worth of names for type-checking tests.
struct TestSymbols: SymbolTable {
    var table: [String: SymbolInfo] = [
        "q": SymbolInfo(id: SymbolID(1), type: .choice(yesno), allowsDontKnow: true, allowsRefused: true),
        "employees": SymbolInfo(id: SymbolID(2), type: .integer, range: 0...1000, allowsDontKnow: true, allowsRefused: true),
        "turnover": SymbolInfo(id: SymbolID(3), type: .decimal, allowsDontKnow: true, allowsRefused: true),
        "name": SymbolInfo(id: SymbolID(4), type: .text, allowsRefused: true),
        "crimes": SymbolInfo(id: SymbolID(5), type: .choices(crimeFrame), allowsDontKnow: true),
        "visit_date": SymbolInfo(id: SymbolID(6), type: .date),
        "sample.sector": SymbolInfo(id: SymbolID(7), type: .choice(sectorFrame), isAnswer: false),
        "sample.region": SymbolInfo(id: SymbolID(8), type: .text, isAnswer: false),
        "consent": SymbolInfo(id: SymbolID(9), type: .boolean),
        "strict": SymbolInfo(id: SymbolID(10), type: .integer),
        "sector": SymbolInfo(id: SymbolID(11), type: .choice(sectorFrame), allowsDontKnow: true),
        "victim_cost[burglary]": SymbolInfo(id: SymbolID(12), type: .decimal, range: 0...1_000_000),
        "visits[2]": SymbolInfo(id: SymbolID(13), type: .date),
        "main_crime": SymbolInfo(id: SymbolID(14), type: .choice(crimeFrame)),
        "item.label": SymbolInfo(id: SymbolID(15), type: .text, isAnswer: false),
        "other_q": SymbolInfo(id: SymbolID(16), type: .choice(yesno)),
    ]

    func lookup(_ path: [String], index: IndexKey?) -> SymbolLookup {
        let key = path.joined(separator: ".") + (index.map { "[\($0)]" } ?? "")
        if key == "later_q" { return .invalid("later_q is asked later than this condition") }
        if let info = table[key] { return .found(info) }
        return .notFound(suggestion: NearMiss.suggestion(for: key, among: table.keys))
    }

    func id(_ name: String) -> SymbolID { table[name]!.id }
}

/// Answers by name, missing as not asked unless given.
struct TestContext: EvaluationContext {
    var values: [SymbolID: RuntimeValue] = [:]

    init(_ answers: [String: RuntimeValue] = [:], symbols: TestSymbols = TestSymbols()) {
        for (name, value) in answers { values[symbols.id(name)] = value }
    }

    func value(of symbol: SymbolID) -> RuntimeValue { values[symbol] ?? .missing(.notAsked) }
}

func parsed(_ source: String) -> Expression? {
    if case .success(let expression) = ExpressionParser.parse(source) { return expression }
    return nil
}

func syntaxError(_ source: String) -> ExpressionSyntaxError? {
    if case .failure(let error) = ExpressionParser.parse(source) { return error }
    return nil
}

func compile(_ source: String, expecting: ValueType? = .boolean, role: String? = nil) -> (CompiledExpression?, [ExpressionIssue]) {
    ExpressionCompiler.compile(source: source, symbols: TestSymbols(), expecting: expecting, role: role)
}

/// Compiles (must succeed without errors) and evaluates.
func evaluate(_ source: String, _ answers: [String: RuntimeValue] = [:]) -> RuntimeValue? {
    let (compiled, issues) = compile(source, expecting: nil)
    guard let compiled, !issues.contains(where: { $0.severity == .error }) else { return nil }
    return compiled.evaluate(TestContext(answers))
}

func errors(_ issues: [ExpressionIssue]) -> [ExpressionIssue] { issues.filter { $0.severity == .error } }
func warnings(_ issues: [ExpressionIssue]) -> [ExpressionIssue] { issues.filter { $0.severity == .warning } }

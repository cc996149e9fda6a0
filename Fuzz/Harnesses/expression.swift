import FieldworkBasics
import FieldworkExpressions

/// libFuzzer entry: any bytes as an expression, through the parser, the type checker (against a
/// small questionnaire's names of every type) and, when it compiles, evaluation with nothing
/// answered. The printer's text of a parsed expression must parse again.
private let yesno = CodeFrameInfo(name: "yesno", options: [("yes", 1), ("no", 2)])
private let crimes = CodeFrameInfo(name: "crimes", options: [("burglary", 1), ("fraud", 2), ("theft", 3)])

private struct FuzzSymbols: SymbolTable {
    let table: [String: SymbolInfo] = [
        "q": SymbolInfo(id: SymbolID(1), type: .choice(yesno), allowsDontKnow: true, allowsRefused: true),
        "staff": SymbolInfo(id: SymbolID(2), type: .integer, range: 0...1000, allowsDontKnow: true, allowsRefused: true),
        "turnover": SymbolInfo(id: SymbolID(3), type: .decimal, allowsDontKnow: true),
        "name": SymbolInfo(id: SymbolID(4), type: .text, allowsRefused: true),
        "crimes": SymbolInfo(id: SymbolID(5), type: .choices(crimes), allowsDontKnow: true),
        "visit": SymbolInfo(id: SymbolID(6), type: .date),
        "sample.region": SymbolInfo(id: SymbolID(7), type: .text, isAnswer: false),
        "consent": SymbolInfo(id: SymbolID(8), type: .boolean),
        "cost[burglary]": SymbolInfo(id: SymbolID(9), type: .decimal, range: 0...1_000_000),
    ]

    func lookup(_ path: [String], index: IndexKey?) -> SymbolLookup {
        let key = path.joined(separator: ".") + (index.map { "[\($0)]" } ?? "")
        if let info = table[key] { return .found(info) }
        return .notFound(suggestion: NearMiss.suggestion(for: key, among: table.keys))
    }
}

private struct NothingAnswered: EvaluationContext {
    func value(of symbol: SymbolID) -> RuntimeValue { .missing(.notAsked) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func expressionFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard case .success(let expression) = ExpressionParser.parse(source) else { return 0 }
    for expecting in [ValueType.boolean, nil] {
        let (compiled, issues) = ExpressionCompiler.compile(expression, symbols: FuzzSymbols(), expecting: expecting)
        if let compiled, !issues.contains(where: { $0.severity == .error }) {
            _ = compiled.evaluate(NothingAnswered())
        }
    }
    return 0
}

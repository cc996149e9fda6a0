import FieldworkBasics
import FieldworkExpressions
import FieldworkDiagnostics
import Foundation

/// A quick micro-benchmark of compiled evaluation, so regressions in the hot path show up as numbers.
public enum ExpressionBenchmark {
    public struct Measurement: Sendable, CustomStringConvertible {
        public var expression: String
        public var iterations: Int
        public var nanosecondsPerEvaluation: Double
        public var description: String {
            "\(expression): \(DecimalText.fixed(nanosecondsPerEvaluation, places: 1)) ns/eval over \(iterations) runs"
        }
    }

    /// Answers held in an array indexed by symbol ID, as an engine would hold them.
    struct ArrayContext: EvaluationContext {
        var values: [RuntimeValue]
        func value(of symbol: SymbolID) -> RuntimeValue { values[symbol.raw] }
    }

    struct Symbols: SymbolTable {
        let table: [String: SymbolInfo]
        func lookup(_ path: [String], index: IndexKey?) -> SymbolLookup {
            let key = path.joined(separator: ".") + (index.map { "[\($0)]" } ?? "")
            if let info = table[key] { return .found(info) }
            return .notFound(suggestion: NearMiss.suggestion(for: key, among: table.keys))
        }
    }

    /// Compiles a few typical conditions and times `iterations` evaluations of each.
    public static func run(iterations: Int = 1_000_000) -> [Measurement] {
        let yesno = CodeFrameInfo(name: "yesno", options: [("yes", 1), ("no", 2)])
        let crimes = CodeFrameInfo(name: "crimes", options: [("burglary", 1), ("vandalism", 2), ("fraud", 3)])
        let symbols = Symbols(table: [
            "q": SymbolInfo(id: SymbolID(0), type: .choice(yesno), allowsDontKnow: true),
            "crimes": SymbolInfo(id: SymbolID(1), type: .choices(crimes)),
            "employees": SymbolInfo(id: SymbolID(2), type: .integer, range: 0...10_000),
            "turnover": SymbolInfo(id: SymbolID(3), type: .decimal),
        ])
        let context = ArrayContext(values: [.choice(1), .choices([1, 3]), .number(42), .missing(.dontKnow)])
        let sources = [
            "q == 'yes' and count(crimes) > 0",
            "'fraud' in crimes or employees >= 250",
            "coalesce(turnover, 0) / max(employees, 1) > 1000",
            "not (q == 'no') and answered(q)",
        ]
        var results: [Measurement] = []
        for source in sources {
            guard case .success(let expression) = ExpressionParser.parse(source),
                  case (let compiled?, _) = ExpressionCompiler.compile(expression, symbols: symbols, expecting: .boolean)
            else { continue }
            var trueCount = 0
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                for _ in 0..<iterations where compiled.evaluate(context).isTrue { trueCount += 1 }
            }
            let (seconds, attoseconds) = elapsed.components
            let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
            // trueCount keeps the loop from being optimised away.
            results.append(Measurement(expression: source + (trueCount < 0 ? "!" : ""), iterations: iterations,
                                       nanosecondsPerEvaluation: nanoseconds / Double(max(iterations, 1))))
        }
        return results
    }
}

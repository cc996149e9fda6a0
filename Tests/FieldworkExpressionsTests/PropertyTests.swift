import Testing
@testable import FieldworkExpressions

/// A small deterministic generator (SplitMix64) so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct PropertyTests {
    static let atoms = ["q", "employees", "turnover", "name", "crimes", "visit_date", "sample.sector", "consent", "strict",
                        "sector", "victim_cost[burglary]", "visits[2]", "main_crime", "nosuch", "later_q",
                        "1", "0", "2.5", "'yes'", "'fraud'", "'x'", "true", "false", "date('2025-01-01')", "[1, 'a']", "-3"]
    static let binary = ["and", "or", "==", "!=", "<", "<=", ">", ">=", "in", "+", "-", "*", "/", "&&", "||", "not in"]
    static let functions = ["answered", "dontknow", "refused", "asked", "count", "len", "min", "max", "abs", "round",
                            "coalesce", "if", "date", "nosuch"]

    static func expression(_ rng: inout SeededGenerator, depth: Int) -> String {
        if depth <= 0 { return atoms.randomElement(using: &rng)! }
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return atoms.randomElement(using: &rng)!
        case 1: return "not " + expression(&rng, depth: depth - 1)
        case 2: return "(" + expression(&rng, depth: depth - 1) + ")"
        case 3:
            let name = functions.randomElement(using: &rng)!
            let count = Int.random(in: 0...3, using: &rng)
            return name + "(" + (0..<count).map { _ in expression(&rng, depth: depth - 1) }.joined(separator: ", ") + ")"
        default:
            return expression(&rng, depth: depth - 1) + " " + binary.randomElement(using: &rng)! + " " + expression(&rng, depth: depth - 1)
        }
    }

    /// Also throws in raw garbage: every prefix of a generated expression and random characters.
    static let alphabet = Array("abq_.()[],'\"\\=!<>+-*/&| 0123456789{}#é")

    static let missingPool: [RuntimeValue] = [.missing(.notAsked), .missing(.dontKnow), .missing(.refused), .missing(.undefined)]

    /// A value an engine could hand over for a symbol of this type: well-typed or missing.
    static func randomValue(of type: ValueType, _ rng: inout SeededGenerator) -> RuntimeValue {
        if Int.random(in: 0..<4, using: &rng) == 0 { return missingPool.randomElement(using: &rng)! }
        switch type {
        case .integer: return .number(Double(Int.random(in: -2...2000, using: &rng)))
        case .decimal: return .number(Double.random(in: -10...10, using: &rng))
        case .text: return .text(["", "x", "café"].randomElement(using: &rng)!)
        case .date: return .date(Int.random(in: 0...30000, using: &rng))
        case .boolean: return .boolean(Bool.random(using: &rng))
        case .choice: return .choice(Int.random(in: 1...4, using: &rng))
        case .choices: return .choices([1, 2, 3, 4].filter { _ in Bool.random(using: &rng) })
        case .list: return .missing(.undefined)
        }
    }

    @Test func randomExpressionsNeverCrash() {
        var rng = SeededGenerator(seed: 20_251_130)
        var compiledCount = 0
        var parsedCount = 0
        let symbols = TestSymbols()
        for _ in 0..<3000 {
            let source = PropertyTests.expression(&rng, depth: Int.random(in: 0...4, using: &rng))
            var inputs = [source, String(source.prefix(Int.random(in: 0...source.count, using: &rng)))]
            inputs.append(String((0..<Int.random(in: 0...12, using: &rng)).map { _ in PropertyTests.alphabet.randomElement(using: &rng)! }))
            for input in inputs {
                guard case .success(let expression) = ExpressionParser.parse(input) else { continue }
                parsedCount += 1
                #expect(expression.range.upperBound <= input.unicodeScalars.count)
                for expecting in [ValueType.boolean, nil] {
                    let (compiled, issues) = ExpressionCompiler.compile(expression, symbols: symbols, expecting: expecting)
                    // Every issue points inside the source; no errors means something compiled.
                    #expect(issues.allSatisfy { $0.range.lowerBound >= 0 && $0.range.upperBound <= input.unicodeScalars.count })
                    #expect((compiled == nil) == issues.contains { $0.severity == .error })
                    guard let compiled else { continue }
                    compiledCount += 1
                    if expecting == .boolean {
                        #expect(compiled.resultType == .boolean)
                    }
                    for _ in 0..<4 {
                        var context = TestContext()
                        for info in symbols.table.values {
                            context.values[info.id] = PropertyTests.randomValue(of: info.type, &rng)
                        }
                        let value = compiled.evaluate(context)
                        if expecting == .boolean {
                            switch value {
                            case .boolean, .missing: break
                            default: Issue.record("condition \(input) gave \(value)")
                            }
                        }
                    }
                }
                _ = TextTemplate.parse("a {" + input + "} b")
            }
        }
        // The generator must actually exercise the compiler, not just the error paths.
        #expect(parsedCount > 1000)
        #expect(compiledCount > 200)
    }

    @Test func printedExpressionsReparseToTheSameTree() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<1000 {
            let source = PropertyTests.expression(&rng, depth: 4)
            guard case .success(let expression) = ExpressionParser.parse(source) else { continue }
            guard case .success(let again) = ExpressionParser.parse(expression.description) else {
                Issue.record("printed form of \(source) does not parse: \(expression.description)")
                continue
            }
            #expect(stripRanges(again) == stripRanges(expression), "\(source) → \(expression.description)")
        }
    }
}

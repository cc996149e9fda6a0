import FieldworkChecker
import Foundation

/// `fieldwork check` speed on synthetic questionnaires of 10,000 and 20,000 questions, beside
/// Foundation's JSONSerialization reading the same bytes (a same-run baseline for machine noise).
enum CheckBenchmark {
    static func run(quick: Bool) {
        let sizes = quick ? [1000, 2000] : [10_000, 20_000]
        var medians: [Int: Double] = [:]
        for n in sizes {
            let bytes = Array(SyntheticQuestionnaire.json(questions: n).utf8)
            var times: [Double] = []
            var baseline: [Double] = []
            var errors = 0
            for _ in 0..<(quick ? 2 : 3) {
                let t0 = now()
                let (instrument, diagnostics) = Checker.check(bytes: bytes, file: "synthetic.json")
                times.append(now() - t0)
                if instrument == nil { errors = diagnostics.filter { $0.severity == .error }.count }
                let t1 = now()
                _ = try? JSONSerialization.jsonObject(with: Data(bytes))
                baseline.append(now() - t1)
            }
            let median = times.sorted()[times.count / 2]
            medians[n] = median
            BenchmarkResult(name: "check.\(n)_questions", value: median * 1000, unit: "ms",
                            details: ["json_serialization_ms": baseline.sorted()[baseline.count / 2] * 1000,
                                      "bytes": Double(bytes.count), "errors": Double(errors)]).emit()
        }
        if let a = medians[sizes[0]], let b = medians[sizes[1]] {
            BenchmarkResult(name: "check.scaling_ratio", value: b / a, unit: "x").emit()
        }
    }
}

import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkScreen
import Foundation

/// Sample import and next-case picking on 100,000 cases.
enum CaseStoreBenchmarks {
    static func run(quick: Bool) {
        do {
            for m in try CaseBenchmarks.run(rows: quick ? 5_000 : 100_000, picks: quick ? 200 : 1_000) {
                BenchmarkResult(name: "cases.\(m.name)", value: m.value, unit: m.unit).emit()
            }
        } catch {
            BenchmarkResult(name: "cases.error", value: 0, unit: "\(error)").emit()
        }
    }
}

/// Composing a realistic interview frame (layout only; the terminal's own drawing excluded).
enum ScreenBenchmarks {
    static func run(quick: Bool) {
        let r = ScreenBenchmark.run(iterations: quick ? 500 : 5_000)
        BenchmarkResult(name: "screen.compose_frame_p99", value: r.p99Microseconds, unit: "µs",
                        details: ["p50_us": r.p50Microseconds, "max_us": r.maxMicroseconds]).emit()
    }
}

/// Compiled condition evaluation (`ExpressionBenchmark`), nanoseconds per evaluation.
enum ExpressionBenchmarks {
    static func run(quick: Bool) {
        for (index, m) in ExpressionBenchmark.run(iterations: quick ? 100_000 : 1_000_000).enumerated() {
            BenchmarkResult(name: "expressions.condition_\(index + 1)_ns", value: m.nanosecondsPerEvaluation, unit: "ns").emit()
        }
    }
}

/// Keypress → composed interview frame on a questionnaire (`InterviewBenchmark`; formerly the
/// hidden `fieldwork interview-bench`).
enum InterviewBenchmarks {
    static func run(questionnaire path: String, quick: Bool) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        guard let instrument = Checker.check(bytes: [UInt8](data), file: path).0 else { return }
        let sample = SampleRecord(["business_name": "Bench Ltd", "phone": "020 0000 0000", "sector": "G"])
        let r = InterviewBenchmark.run(start: Interview(instrument: instrument, sample: sample), iterations: quick ? 2_000 : 20_000)
        BenchmarkResult(name: "interview.keypress_to_frame_p99", value: r.p99Microseconds, unit: "µs",
                        details: ["p50_us": r.p50Microseconds, "max_us": r.maxMicroseconds, "keypresses": Double(r.keypresses),
                                  "interviews": Double(r.interviewsCompleted)]).emit()
    }
}

import FieldworkCases
import FieldworkScreen

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

import FieldworkBasics
import Foundation

/// Statistics as text: `DecimalText.fixed` and `significant` (exact, printf's rules, no Foundation)
/// against Foundation's `String(format:)` (glibc's printf) on the same figures in the same run.
/// A report or the console writes hundreds of figures, so microseconds each are plenty; this keeps
/// the cost known.
enum NumberTextBenchmark {
    static func run(quick: Bool) {
        let count = quick ? 20_000 : 200_000
        // Shares, percentages, weights and means of the kind reports print.
        var values: [Double] = []
        values.reserveCapacity(count)
        for i in 0..<count {
            let fraction = Double((i &* 2_654_435_761) % 1_000_003) / 1_000_003
            values.append(fraction * pow(10, Double(i % 7) - 2))
        }
        var sink = 0
        let printfStart = now()
        for value in values { sink &+= String(format: "%.1f", value).utf8.count &+ String(format: "%.4g", value).utf8.count }
        let printfSeconds = now() - printfStart
        let ownStart = now()
        for value in values { sink &+= DecimalText.fixed(value, places: 1).utf8.count &+ DecimalText.significant(value, digits: 4).utf8.count }
        let ownSeconds = now() - ownStart
        let perFigure = ownSeconds / Double(count * 2) * 1e9
        BenchmarkResult(name: "number_text.ns_per_figure", value: perFigure, unit: "ns",
                        details: ["printf_ns_per_figure": printfSeconds / Double(count * 2) * 1e9, "figures": Double(count * 2), "checksum": Double(sink % 1000)]).emit()
        BenchmarkResult(name: "number_text.ratio_to_printf", value: ownSeconds / printfSeconds, unit: "×").emit()
    }
}

import Foundation

/// One measured figure, printed as a JSON line. Its pass mark, if it has one, comes from
/// `Benchmarks/thresholds.json` by name (`BenchmarkThreshold`).
struct BenchmarkResult: Encodable {
    var name: String
    var value: Double
    var unit: String
    var target: String?
    var passed: Bool?
    var details: [String: Double] = [:]

    func emit() {
        var result = self
        if let mark = BenchmarkThreshold.all[name] {
            result.target = mark.description
            result.passed = mark.passes(value)
        }
        result.write()
    }

    private func write() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(self), let s = String(data: data, encoding: .utf8) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }
    }
}

/// Monotonic time in seconds.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = min(sorted.count - 1, max(0, Int((p * Double(sorted.count - 1)).rounded())))
    return sorted[rank]
}

import Foundation

/// Pass marks for benchmark figures, kept beside the benchmarks in `Benchmarks/thresholds.json`
/// (by result name, in the result's own unit) rather than as strings in the code that measures.
/// `BenchmarkResult.emit()` looks its name up and prints the mark and whether it was met.
struct BenchmarkThreshold: Decodable {
    var atLeast: Double?
    var atMost: Double?
    var below: Double?
    var above: Double?

    func passes(_ value: Double) -> Bool {
        (atLeast.map { value >= $0 } ?? true) && (atMost.map { value <= $0 } ?? true)
            && (below.map { value < $0 } ?? true) && (above.map { value > $0 } ?? true)
    }

    var description: String {
        var parts: [String] = []
        if let atLeast { parts.append(">= \(Self.number(atLeast))") }
        if let above { parts.append("> \(Self.number(above))") }
        if let atMost { parts.append("<= \(Self.number(atMost))") }
        if let below { parts.append("< \(Self.number(below))") }
        return parts.joined(separator: " and ")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The marks in `Benchmarks/thresholds.json` (run from the package root), or none when the file
    /// is absent; a file that does not parse stops the run, so a typo cannot pass everything.
    static let all: [String: BenchmarkThreshold] = {
        let path = ProcessInfo.processInfo.environment["FIELDWORK_BENCH_THRESHOLDS"] ?? "Benchmarks/thresholds.json"
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            stop("\(path) is not a JSON object of thresholds")
        }
        var marks: [String: BenchmarkThreshold] = [:]
        for (name, value) in object where !name.hasPrefix("_") {
            guard let entry = try? JSONSerialization.data(withJSONObject: value),
                  let mark = try? JSONDecoder().decode(BenchmarkThreshold.self, from: entry) else {
                stop("\(path): the threshold of \(name) must be an object of atLeast/atMost/below/above")
            }
            marks[name] = mark
        }
        return marks
    }()

    private static func stop(_ message: String) -> Never {
        FileHandle.standardError.write(Data("fieldwork-bench: \(message)\n".utf8))
        exit(2)
    }
}

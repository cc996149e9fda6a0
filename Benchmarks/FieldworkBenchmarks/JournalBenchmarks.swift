import FieldworkJournal

/// Journal figures keyed by name (µs for appends, ms for replay), for the benchmark runner.
/// Durable appends each cost a real fdatasync, so keep `iterations` modest.
func journalBenchmarks(iterations: Int = 300) throws -> [String: Double] {
    var figures: [String: Double] = [:]
    for result in try JournalBenchmark.run(iterations: iterations) {
        figures["journal: \(result.name) (\(result.unit))"] = result.value
    }
    return figures
}

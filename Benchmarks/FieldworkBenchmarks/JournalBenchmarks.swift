import FieldworkJournal

/// Durable append latency beside a raw write + fdatasync of the same bytes (same run, same disk),
/// and the time to reopen and replay a 2,000-event case.
enum JournalBenchmarks {
    static func run(quick: Bool) {
        do {
            for r in try JournalBenchmark.run(iterations: quick ? 60 : 300) {
                BenchmarkResult(name: "journal.\(r.name)", value: r.value, unit: r.unit).emit()
            }
        } catch {
            BenchmarkResult(name: "journal.error", value: 0, unit: "\(error)").emit()
        }
    }
}

import FieldworkBasics
import FieldworkCases
import Foundation

/// Timings for the case store, run by `fieldwork-bench`: importing a wave-sized sample and picking the
/// next case on a large store (the interviewer waits for this between calls).
public enum CaseBenchmarks {
    public struct Measurement: Sendable {
        public var name: String
        public var value: Double
        public var unit: String
    }

    /// Imports `rows` synthetic cases (CSV parse + check + insert) and times `picks` pick-and-record
    /// rounds on the resulting store. Uses a temporary directory, removed afterwards.
    public static func run(rows: Int = 100_000, picks: Int = 1_000) throws -> [Measurement] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var csv = "case_id,business_name,phone,sector,size_band,postcode\n"
        csv.reserveCapacity(rows * 64)
        let sectors = ["C", "F", "G", "I", "J", "K", "M", "N", "Q", "S"]
        let bands = ["1-9", "10-49", "50-249", "250+"]
        for i in 0..<rows {
            csv += "B\(i),Business \(i) Ltd,020 7946 \(DecimalText.zeroPadded(i % 1000, width: 4)),\(sectors[i % 10]),\(bands[i % 4]),E1 \(i % 9)AA\n"
        }
        let url = directory.appendingPathComponent("sample.csv")
        try Data(csv.utf8).write(to: url)

        let clock = ContinuousClock()
        let store = try SQLiteCaseStore(surveyDirectory: directory)
        let start = LocalDateTime(year: 2025, month: 10, day: 20, hour: 8, minute: 0).instant(in: store.rules.timeZone)!
        var summary = ImportSummary(imported: 0, skipped: 0)
        let importTime = try clock.measure {
            let sample = try SampleImporter().parse(contentsOf: url, source: "sample.csv")
            summary = try store.importCases(sample, now: start)
        }
        guard summary.imported == rows else { throw CaseStoreError.database("benchmark imported \(summary.imported) of \(rows)") }

        // Make a realistic mix: a tenth already tried once (retries), the rest fresh.
        var now = start.addingTimeInterval(3_600)
        for i in stride(from: 0, to: min(rows, 10_000), by: 1) {
            _ = try store.recordAttempt(CallAttemptInput(caseID: "B\(i)", interviewer: "warm", outcome: .noAnswer), now: now)
        }
        now = now.addingTimeInterval(4 * 3_600)  // retries now due, still in calling hours
        var durations: [Double] = []
        durations.reserveCapacity(picks)
        for n in 0..<picks {
            var lease: CaseLease?
            let elapsed = try clock.measure { lease = try store.nextCase(for: "int\(n % 20)", now: now) }
            durations.append(seconds(elapsed) * 1_000)
            if let lease {
                _ = try store.recordAttempt(CallAttemptInput(caseID: lease.caseID, interviewer: lease.interviewer, outcome: .busy), now: now)
            }
        }
        durations.sort()
        func percentile(_ p: Double) -> Double { durations[min(durations.count - 1, Int(Double(durations.count) * p))] }
        return [
            Measurement(name: "cases.import.\(rows)", value: seconds(importTime), unit: "s"),
            Measurement(name: "cases.pick.p50", value: percentile(0.50), unit: "ms"),
            Measurement(name: "cases.pick.p99", value: percentile(0.99), unit: "ms"),
        ]
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

import FieldworkBasics
import FieldworkJournal
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures what durability costs: `CaseJournal.append` against a bare `write` + `fdatasync` of the
/// same bytes to the same disk in the same run (so the difference is the journal's own overhead),
/// and how long resuming a long case takes.
enum JournalBenchmark {
    public struct Result: Sendable, Equatable, Codable, CustomStringConvertible {
        public let name: String
        public let value: Double
        public let unit: String

        public var description: String {
            "\(name): \(DecimalText.fixed(value, places: 3)) \(unit)"
        }
    }

    private struct SampleAnswer: Codable {
        let question: String
        let value: Int
        let label: String
        let screen: Int
    }

    /// Runs every measurement in a fresh temporary survey directory (in `parent`, default the
    /// system temporary directory, which should be on the disk whose speed matters).
    /// - Parameters:
    ///   - iterations: appends timed per variant (each one is a real `fdatasync`).
    ///   - replayEvents: length of the case that is read back and reopened.
    public static func run(iterations: Int = 300, replayEvents: Int = 2_000, parent: URL? = nil) throws -> [Result] {
        let base = parent ?? URL(fileURLWithPath: NSTemporaryDirectory())
        var template = Array(base.appendingPathComponent("fieldwork-bench-XXXXXX").path.utf8CString)
        guard let created = mkdtemp(&template) else {
            throw JournalError.system(operation: "create a temporary directory in", path: base.path, errno: errno)
        }
        let root = URL(fileURLWithPath: String(cString: created))
        defer { try? FileManager.default.removeItem(at: root) }

        let survey = try SurveyDirectory.create(at: root.appendingPathComponent("survey"),
                                                questionnaireBytes: Data(#"{"id":"bench","version":"1"}"#.utf8),
                                                questionnaireID: "bench", version: "1")
        var results: [Result] = []

        // Append versus raw write + fdatasync, interleaved so both see the same disk conditions.
        let journal = try CaseJournal.open(directory: survey, caseID: CaseID("BENCH-APPEND"),
                                           holder: .current(interviewerID: "benchmark"))
        let rawPath = root.appendingPathComponent("raw.jsonl").path
        let rawFD = open(rawPath, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard rawFD >= 0 else { throw JournalError.system(operation: "open", path: rawPath, errno: errno) }
        defer { close(rawFD) }
        let journalPath = survey.journalURL(for: try CaseID("BENCH-APPEND")).path
        var journalSize = 0
        let answer = SampleAnswer(question: "Q17_TURNOVER_BAND", value: 4, label: "£1m to £5m", screen: 17)
        var appendTimes: [Double] = []
        var rawTimes: [Double] = []
        for index in 0..<max(1, iterations) {
            let at = Date()
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try journal.append(kind: "answer", at: at, data: answer)
            appendTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)

            // As many bytes as the journal line just written (what the disk sees is the same).
            let size = (try? FileManager.default.attributesOfItem(atPath: journalPath)[.size] as? Int) ?? nil
            let line = [UInt8](repeating: UInt8(ascii: "x"), count: max(1, (size ?? journalSize + 100) - journalSize - 1)) + [10]
            journalSize = size ?? journalSize + line.count
            let rawStart = DispatchTime.now().uptimeNanoseconds
            let written = line.withUnsafeBytes { write(rawFD, $0.baseAddress, $0.count) }
            let synced = fdatasync(rawFD)
            rawTimes.append(Double(DispatchTime.now().uptimeNanoseconds - rawStart) / 1_000)
            if written != line.count || synced != 0 { throw JournalError.system(operation: "write", path: rawPath, errno: errno) }
            _ = index
        }
        journal.close()
        results.append(Result(name: "append+fdatasync p50", value: percentile(appendTimes, 0.50), unit: "µs"))
        results.append(Result(name: "append+fdatasync p99", value: percentile(appendTimes, 0.99), unit: "µs"))
        results.append(Result(name: "raw write+fdatasync p50", value: percentile(rawTimes, 0.50), unit: "µs"))
        results.append(Result(name: "raw write+fdatasync p99", value: percentile(rawTimes, 0.99), unit: "µs"))
        results.append(Result(name: "journal overhead p50", value: percentile(appendTimes, 0.50) - percentile(rawTimes, 0.50), unit: "µs"))

        // Resuming a long case: read and check every line, decode every event, reopen for writing.
        let replayID = try CaseID("BENCH-REPLAY")
        let writer = try CaseJournal.open(directory: survey, caseID: replayID, holder: .current(interviewerID: "benchmark"))
        try writer.appendBatch((1...max(1, replayEvents)).map { seq in
            CaseJournal.PendingRecord(kind: "answer", at: Date(),
                                      data: SampleAnswer(question: "Q\(seq % 90)", value: seq, label: "label \(seq)", screen: seq % 90))
        })
        writer.close()
        let journalBytes = (try? FileManager.default.attributesOfItem(atPath: survey.journalURL(for: replayID).path)[.size] as? Int) ?? 0

        var readTimes: [Double] = []
        var decodeTimes: [Double] = []
        var reopenTimes: [Double] = []
        for _ in 0..<7 {
            var start = DispatchTime.now().uptimeNanoseconds
            let result = try JournalReader.read(fileAt: survey.journalURL(for: replayID), expectedCaseID: replayID.rawValue)
            readTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            guard result.records.count == replayEvents, result.problems.isEmpty else {
                throw JournalError.invalidJSONData(reason: "benchmark journal read back wrong: \(result.problems.first?.description ?? "count")")
            }
            start = DispatchTime.now().uptimeNanoseconds
            let decoder = JournalCoding.makeDecoder()
            for record in result.records { _ = try decoder.decode(SampleAnswer.self, from: record.data) }
            decodeTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)

            start = DispatchTime.now().uptimeNanoseconds
            let reopened = try CaseJournal.open(directory: survey, caseID: replayID, holder: .current(interviewerID: "benchmark"))
            reopenTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            reopened.close()
        }
        results.append(Result(name: "read+check \(replayEvents)-event case", value: percentile(readTimes, 0.5), unit: "ms"))
        results.append(Result(name: "decode \(replayEvents) event payloads", value: percentile(decodeTimes, 0.5), unit: "ms"))
        results.append(Result(name: "reopen \(replayEvents)-event case (lock+read+check)", value: percentile(reopenTimes, 0.5), unit: "ms"))
        results.append(Result(name: "\(replayEvents)-event journal size", value: Double(journalBytes) / 1024, unit: "KiB"))
        return results
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[Int((fraction * Double(sorted.count - 1)).rounded())]
    }
}

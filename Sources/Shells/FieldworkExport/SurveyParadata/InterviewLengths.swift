import FieldworkBasics
import FieldworkExpressions

/// Length statistics of one interviewer's completed interviews.
public struct InterviewerLengthSummary: Sendable, Equatable {
    public var interviewer: String
    public var interviews: Int
    public var medianMinutes: Double
    public var meanMinutes: Double
    public var shortestMinutes: Double
    /// Interviews shorter than half the overall median.
    public var shortInterviews: Int
    /// The interviewer's median is under half the overall median: worth listening back to.
    public var flagged: Bool
}

/// Collects completed-interview lengths per interviewer (a few bytes per interview).
struct InterviewLengths {
    /// "Very short" means under this share of the overall median (survey practice notes).
    static let shortShare = 0.5
    private var byInterviewer: [String: [Double]] = [:]

    mutating func add(interviewer: String, minutes: Double) {
        byInterviewer[interviewer, default: []].append(minutes)
    }

    var overallMedian: Double { Self.median(byInterviewer.values.flatMap { $0 }) }

    func summaries() -> [InterviewerLengthSummary] {
        let threshold = overallMedian * Self.shortShare
        return byInterviewer.keys.sorted().map { name in
            let minutes = byInterviewer[name] ?? []
            let median = Self.median(minutes)
            return InterviewerLengthSummary(
                interviewer: name, interviews: minutes.count, medianMinutes: median,
                meanMinutes: minutes.isEmpty ? 0 : minutes.reduce(0, +) / Double(minutes.count),
                shortestMinutes: minutes.min() ?? 0, shortInterviews: minutes.filter { $0 < threshold }.count,
                flagged: median < threshold)
        }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    static func write(_ summaries: [InterviewerLengthSummary], overallMedian: Double, to sink: FileSink) {
        func m(_ x: Double) -> String { DecimalText.shortest((x * 100).rounded() / 100) }
        sink.append(CSVExportWriter.record(["interviewer", "interviews", "median_minutes", "mean_minutes", "shortest_minutes",
                                            "short_interviews", "flag_short", "overall_median_minutes"]))
        for s in summaries {
            sink.append(CSVExportWriter.record([s.interviewer, String(s.interviews), m(s.medianMinutes), m(s.meanMinutes),
                                                m(s.shortestMinutes), String(s.shortInterviews), s.flagged ? "1" : "0", m(overallMedian)]))
        }
    }
}

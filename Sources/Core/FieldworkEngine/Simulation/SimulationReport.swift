import FieldworkChecker

/// What a batch of simulated interviews showed: coverage, path lengths and estimated durations.
public struct SimulationReport: Codable, Sendable {
    public struct Coverage: Codable, Sendable {
        public var questionsTotal: Int
        public var questionsReached: Int
        public var optionsTotal: Int
        public var optionsChosen: Int
        public var checksTotal: Int
        public var checksFired: Int
        public var neverReached: [String]
        public var neverChosen: [String]
        public var neverFired: [String]
        public var full: Bool
    }
    public struct Distribution: Codable, Sendable {
        public var min: Double
        public var median: Double
        public var p90: Double
        public var max: Double
        public var mean: Double
    }
    public struct Bucket: Codable, Sendable {
        public var from: Int
        public var to: Int
        public var count: Int
    }
    public var questionnaire: String
    public var version: String
    public var seed: UInt64
    public var interviews: Int
    public var completed: Int
    /// Interviews closed by an `end` item, by outcome (screen-outs, refused consent).
    public var endedByOutcome: [String: Int]
    public var failed: Int
    public var problems: [String]
    public var coverage: Coverage
    public var pathLength: Distribution
    public var pathLengthHistogram: [Bucket]
    public var durationMinutes: Distribution
    public var targetMinutes: Double
    public var shareOverTarget: Double
    public var durationModel: DurationModel
}

/// Gathers per-interview figures as a simulation runs.
public struct SimulationSummary: Sendable {
    var pathLengths: [Int] = []
    var seconds: [Double] = []
    var problems: [String] = []
    var failed = 0
    var endedByOutcome: [String: Int] = [:]

    public init() {}

    public mutating func add(_ s: SimulatedInterview) {
        if s.completed {
            pathLengths.append(s.pathLength)
            seconds.append(s.seconds)
        } else if let outcome = s.endedWith {
            endedByOutcome[outcome, default: 0] += 1
        } else {
            failed += 1
            if problems.count < 20, let p = s.problem { problems.append("interview \(s.index + 1): \(p)") }
        }
    }

    public func report(instrument: Instrument, options: SimulationOptions, coverage: CoverageTracker) -> SimulationReport {
        let totals = coverage.totals
        let neverReached = coverage.questionsNeverReached
        let neverChosen = coverage.optionsNeverChosen
        let neverFired = coverage.checksNeverFired
        let minutes = seconds.map { $0 / 60 }
        let target = instrument.questionnaire.targetMinutes
        return SimulationReport(
            questionnaire: instrument.questionnaire.id, version: instrument.questionnaire.version, seed: options.seed,
            interviews: coverage.interviews, completed: coverage.completed, endedByOutcome: endedByOutcome, failed: failed, problems: problems,
            coverage: .init(questionsTotal: totals.questions, questionsReached: totals.questions - neverReached.count,
                            optionsTotal: totals.options, optionsChosen: totals.options - neverChosen.count - unreachedOptions(instrument, coverage),
                            checksTotal: totals.checks, checksFired: totals.checks - neverFired.count,
                            neverReached: neverReached, neverChosen: neverChosen, neverFired: neverFired,
                            full: neverReached.isEmpty && neverChosen.isEmpty && neverFired.isEmpty),
            pathLength: Self.distribution(pathLengths.map(Double.init)),
            pathLengthHistogram: Self.histogram(pathLengths),
            durationMinutes: Self.distribution(minutes),
            targetMinutes: target,
            shareOverTarget: minutes.isEmpty ? 0 : Double(minutes.filter { $0 > target }.count) / Double(minutes.count),
            durationModel: options.duration)
    }

    private func unreachedOptions(_ instrument: Instrument, _ coverage: CoverageTracker) -> Int {
        let never = Set(coverage.questionsNeverReached)
        return instrument.questions.filter { never.contains($0.question.id) }.reduce(0) { $0 + ($1.question.frame?.options.count ?? 0) }
    }

    static func distribution(_ values: [Double]) -> SimulationReport.Distribution {
        guard !values.isEmpty else { return .init(min: 0, median: 0, p90: 0, max: 0, mean: 0) }
        let s = values.sorted()
        func pct(_ p: Double) -> Double {
            let rank = p * Double(s.count - 1)
            let lo = Int(rank.rounded(.down)), hi = Int(rank.rounded(.up))
            return s[lo] + (s[hi] - s[lo]) * (rank - Double(lo))
        }
        return .init(min: s.first!, median: pct(0.5), p90: pct(0.9), max: s.last!, mean: s.reduce(0, +) / Double(s.count))
    }

    static func histogram(_ values: [Int]) -> [SimulationReport.Bucket] {
        guard let lo = values.min(), let hi = values.max() else { return [] }
        let width = max(1, (hi - lo + 10) / 10)
        var counts = [Int](repeating: 0, count: (hi - lo) / width + 1)
        for v in values { counts[(v - lo) / width] += 1 }
        return counts.enumerated().map { .init(from: lo + $0.offset * width, to: lo + ($0.offset + 1) * width - 1, count: $0.element) }
    }
}

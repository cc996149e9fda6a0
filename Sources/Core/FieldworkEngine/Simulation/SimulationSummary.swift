import FieldworkChecker

/// Gathers per-interview figures as a simulation runs, without keeping the interviews: path
/// lengths and durations by how each ended, and per question and per section tallies.
public struct SimulationSummary: Sendable {
    /// Section position of each question (by position in `Instrument.questions`).
    private let sectionOfQuestion: [Int]
    private var interviews = 0
    private var completed = 0
    private var pathLengths: [Int] = []
    private var seconds: [Double] = []
    private var problems: [String] = []
    private var failed = 0
    private var endedByOutcome: [String: Int] = [:]
    private var endedPathLengths: [EndingGroup: [Int]] = [:]
    private var endedSeconds: [EndingGroup: [Double]] = [:]
    /// By question: interviews (any ending) and completes that reached it; in completes, times
    /// asked, seconds, don't know and refused answers.
    private var reachedBy: [Int]
    private var reachedByCompletes: [Int]
    private var askedInCompletes: [Int]
    private var secondsInCompletes: [Double]
    private var dontKnowInCompletes: [Int]
    private var refusedInCompletes: [Int]
    /// By section: completes that reached it, and their seconds in it.
    private var sectionReachedByCompletes: [Int]
    private var sectionSecondsInCompletes: [Double]
    /// The interview (1-based count) that last counted each question and section as reached, so a
    /// question asked in several loop passes is reached once per interview.
    private var questionLastCounted: [Int]
    private var sectionLastCounted: [Int]

    public init(instrument: Instrument) {
        sectionOfQuestion = instrument.questions.map(\.section)
        let questions = instrument.questions.count, sections = instrument.sections.count
        reachedBy = Array(repeating: 0, count: questions)
        reachedByCompletes = reachedBy
        askedInCompletes = reachedBy
        dontKnowInCompletes = reachedBy
        refusedInCompletes = reachedBy
        questionLastCounted = reachedBy
        secondsInCompletes = Array(repeating: 0, count: questions)
        sectionReachedByCompletes = Array(repeating: 0, count: sections)
        sectionLastCounted = sectionReachedByCompletes
        sectionSecondsInCompletes = Array(repeating: 0, count: sections)
    }

    public mutating func add(_ s: SimulatedInterview) {
        interviews += 1
        if s.completed {
            completed += 1
            pathLengths.append(s.pathLength)
            seconds.append(s.seconds)
        } else if let outcome = s.endedWith {
            endedByOutcome[outcome, default: 0] += 1
            if let group = EndingGroup(outcome: outcome) {
                endedPathLengths[group, default: []].append(s.pathLength)
                endedSeconds[group, default: []].append(s.seconds)
            }
        } else {
            failed += 1
            if problems.count < 20, let p = s.problem { problems.append("interview \(s.index + 1): \(p)") }
        }
        for step in s.steps where step.question >= 0 && step.question < sectionOfQuestion.count {
            let q = step.question
            let firstTime = questionLastCounted[q] != interviews
            questionLastCounted[q] = interviews
            if firstTime { reachedBy[q] += 1 }
            guard s.completed else { continue }
            if firstTime { reachedByCompletes[q] += 1 }
            askedInCompletes[q] += 1
            secondsInCompletes[q] += step.seconds
            switch step.answer {
            case .dontKnow: dontKnowInCompletes[q] += 1
            case .refused: refusedInCompletes[q] += 1
            case .given, .unanswered: break
            }
            let section = sectionOfQuestion[q]
            guard section >= 0 && section < sectionLastCounted.count else { continue }
            if sectionLastCounted[section] != interviews {
                sectionLastCounted[section] = interviews
                sectionReachedByCompletes[section] += 1
            }
            sectionSecondsInCompletes[section] += step.seconds
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
            endedByGroup: endedFigures(),
            sections: sectionTimes(instrument),
            questions: questionFigures(instrument),
            durationModel: options.duration)
    }

    private func endedFigures() -> [String: SimulationEndedFigures] {
        var out: [String: SimulationEndedFigures] = [:]
        for group in EndingGroup.allCases {
            let paths = endedPathLengths[group] ?? []
            out[group.rawValue] = SimulationEndedFigures(
                interviews: paths.count,
                byOutcome: endedByOutcome.filter { EndingGroup(outcome: $0.key) == group },
                pathLength: Self.distribution(paths.map(Double.init)),
                durationMinutes: Self.distribution((endedSeconds[group] ?? []).map { $0 / 60 }))
        }
        return out
    }

    private func sectionTimes(_ instrument: Instrument) -> [SimulationSectionTime] {
        instrument.sections.enumerated().map { n, info in
            let reached = sectionReachedByCompletes[n]
            let total = sectionSecondsInCompletes[n] / 60
            return SimulationSectionTime(id: info.section.id, title: info.section.title.text(in: instrument.questionnaire.defaultLanguage),
                                         meanMinutes: Self.share(total, of: completed),
                                         reachedShare: Self.share(Double(reached), of: completed),
                                         meanMinutesWhenReached: Self.share(total, of: reached))
        }
    }

    private func questionFigures(_ instrument: Instrument) -> [SimulationQuestionFigures] {
        instrument.questions.enumerated().map { q, info in
            let asked = askedInCompletes[q]
            let section = info.section >= 0 && info.section < instrument.sections.count ? instrument.sections[info.section].section.id : ""
            return SimulationQuestionFigures(id: info.question.id, section: section,
                                             reached: Self.share(Double(reachedBy[q]), of: interviews),
                                             reachedByCompletes: Self.share(Double(reachedByCompletes[q]), of: completed),
                                             askedPerComplete: Self.share(Double(asked), of: completed),
                                             meanSeconds: Self.share(secondsInCompletes[q], of: asked),
                                             dontKnowShare: Self.share(Double(dontKnowInCompletes[q]), of: asked),
                                             refusedShare: Self.share(Double(refusedInCompletes[q]), of: asked))
        }
    }

    /// `part / whole`, 0 when there is no whole.
    private static func share(_ part: Double, of whole: Int) -> Double { whole > 0 ? part / Double(whole) : 0 }

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

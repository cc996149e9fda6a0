import FieldworkChecker
import Testing
@testable import FieldworkEngine

/// The simulation summary, fed hand-made interviews whose figures are known: durations by how
/// interviews ended, time per section and reach per question.
@Suite("Simulation summary")
struct SimulationSummaryTests {
    static let json = questionnaire("""
      {"type": "single", "id": "a", "text": "A?", "codeFrame": "yesno"},
      {"type": "integer", "id": "b", "text": "B?", "min": 0, "max": 9}
    """, extraSections: """
    , {"id": "extra", "title": "Extra", "items": [{"type": "text", "id": "c", "text": "C?"}]}
    """)

    /// Seven interviews: two completes (one asking b twice), screen-out, two refusals, one stuck, and one
    /// ended with an outcome no group knows.
    func report() throws -> SimulationReport {
        let inst = try instrument(Self.json)
        func q(_ id: String) throws -> Int { try #require(inst.questions.firstIndex { $0.question.id == id }) }
        let a = try q("a"), b = try q("b"), c = try q("c")
        let interviews = [
            SimulatedInterview(index: 0, completed: true, pathLength: 3, seconds: 60, steps: [
                .init(question: a, seconds: 10, answer: .given), .init(question: b, seconds: 20, answer: .dontKnow),
                .init(question: c, seconds: 30, answer: .given)]),
            SimulatedInterview(index: 1, completed: true, pathLength: 3, seconds: 60, steps: [
                .init(question: a, seconds: 20, answer: .given), .init(question: b, seconds: 10, answer: .given),
                .init(question: b, seconds: 30, answer: .given)]),
            SimulatedInterview(index: 2, completed: false, endedWith: "out-of-scope", pathLength: 1, seconds: 6, steps: [
                .init(question: a, seconds: 6, answer: .given)]),
            SimulatedInterview(index: 3, completed: false, endedWith: "soft-refusal", pathLength: 1, seconds: 12, steps: [
                .init(question: a, seconds: 12, answer: .refused)]),
            SimulatedInterview(index: 4, completed: false, endedWith: "hard-refusal", pathLength: 2, seconds: 18, steps: [
                .init(question: a, seconds: 9, answer: .given), .init(question: b, seconds: 9, answer: .given)]),
            SimulatedInterview(index: 5, completed: false, problem: "stuck", pathLength: 2, seconds: 8, steps: [
                .init(question: a, seconds: 5, answer: .given), .init(question: b, seconds: 3, answer: .unanswered)]),
            SimulatedInterview(index: 6, completed: false, endedWith: "mystery", pathLength: 0, seconds: 0),
        ]
        var summary = SimulationSummary(instrument: inst)
        var coverage = CoverageTracker(instrument: inst)
        for s in interviews {
            summary.add(s)
            coverage.finished(completed: s.completed)
        }
        return summary.report(instrument: inst, options: SimulationOptions(), coverage: coverage)
    }

    @Test func completesAndEndedInterviewsHaveTheirOwnDurations() throws {
        let r = try report()
        #expect(r.completed == 2 && r.failed == 1)
        #expect(r.durationMinutes.mean == 1 && r.durationMinutes.max == 1)
        #expect(r.pathLength.median == 3)
        #expect(Set(r.endedByGroup.keys) == ["screen-outs", "refusals", "call-backs", "other-non-interviews"])
        let screenOuts = try #require(r.endedByGroup["screen-outs"])
        #expect(screenOuts.interviews == 1 && screenOuts.byOutcome == ["out-of-scope": 1])
        #expect(abs(screenOuts.durationMinutes.median - 0.1) < 1e-9)
        #expect(screenOuts.pathLength.max == 1)
        let refusals = try #require(r.endedByGroup["refusals"])
        #expect(refusals.interviews == 2 && refusals.byOutcome == ["soft-refusal": 1, "hard-refusal": 1])
        #expect(abs(refusals.durationMinutes.median - 0.25) < 1e-9 && abs(refusals.durationMinutes.max - 0.3) < 1e-9)
        #expect(refusals.pathLength.min == 1 && refusals.pathLength.max == 2)
        let callBacks = try #require(r.endedByGroup["call-backs"])
        #expect(callBacks.interviews == 0 && callBacks.durationMinutes.max == 0)
        // An outcome outside every group is still counted by outcome.
        #expect(r.endedByOutcome["mystery"] == 1)
    }

    @Test func sectionMinutesAddUpToTheMeanDurationOfCompletes() throws {
        let r = try report()
        #expect(r.sections.map(\.id) == ["main", "extra"])
        let main = r.sections[0], extra = r.sections[1]
        #expect(abs(main.meanMinutes - 0.75) < 1e-9 && main.reachedShare == 1)
        #expect(abs(extra.meanMinutes - 0.25) < 1e-9 && extra.reachedShare == 0.5 && abs(extra.meanMinutesWhenReached - 0.5) < 1e-9)
        #expect(abs(r.sections.map(\.meanMinutes).reduce(0, +) - r.durationMinutes.mean) < 1e-9)
    }

    @Test func questionsAreReachedOncePerInterviewAndTimedPerAsking() throws {
        let r = try report()
        let byId = Dictionary(uniqueKeysWithValues: r.questions.map { ($0.id, $0) })
        let a = try #require(byId["a"]), b = try #require(byId["b"]), c = try #require(byId["c"])
        #expect(a.section == "main" && c.section == "extra")
        #expect(abs(a.reached - 6.0 / 7) < 1e-9)
        #expect(abs(b.reached - 4.0 / 7) < 1e-9, "b asked twice in one interview is reached once there")
        #expect(abs(c.reached - 1.0 / 7) < 1e-9 && c.reachedByCompletes == 0.5)
        #expect(b.reachedByCompletes == 1 && b.askedPerComplete == 1.5)
        #expect(b.meanSeconds == 20)
        #expect(abs(b.dontKnowShare - 1.0 / 3) < 1e-9 && b.refusedShare == 0)
        // a's refusal was in a soft refusal, not a complete.
        #expect(a.refusedShare == 0 && a.meanSeconds == 15)
    }

    /// Real simulated interviews: the seconds of the steps add up to the interview's, and every
    /// complete has a step per question on its path.
    @Test func simulatedStepsAccountForEverySecond() throws {
        let inst = try instrument(crimeSurvey)
        var simulator = Simulator(instrument: inst, options: SimulationOptions())
        var summary = SimulationSummary(instrument: inst)
        for i in 0..<300 {
            let s = simulator.simulate(index: i, sample: SampleRecord())
            #expect(abs(s.steps.map(\.seconds).reduce(0, +) - s.seconds) < 1e-6)
            if s.completed { #expect(s.steps.count == s.pathLength) }
            summary.add(s)
        }
        let r = summary.report(instrument: inst, options: simulator.options, coverage: simulator.coverage)
        #expect(r.completed == 300)
        #expect(abs(r.sections.map(\.meanMinutes).reduce(0, +) - r.durationMinutes.mean) < 1e-9)
        #expect(r.questions.first?.reached == 1)
        let times = try #require(r.questions.first { $0.id == "times" })
        #expect(times.askedPerComplete > times.reachedByCompletes, "the loop asks times once per crime")
    }
}

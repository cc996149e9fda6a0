import FieldworkChecker
import Testing
@testable import FieldworkEngine

/// Seeded property tests over random questionnaires and random interviewer behaviour.
@Suite("Properties")
struct PropertyTests {
    static let seeds: [UInt64] = Array(1...24)

    @Test func randomQuestionnairesCheckClean() throws {
        var features: [String: Int] = [:]
        for seed in Self.seeds {
            let json = RandomQuestionnaire.json(seed: seed)
            let (inst, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "random-\(seed).json")
            #expect(inst != nil, "seed \(seed):\n\(diagnostics.filter { $0.severity == .error })\n\(json)")
            for feature in [#""id": "inner""#, #""id": "more""#, "[a] > 2", "askIf", #""count": "#, "checks", " or ", "not ("]
            where json.contains(feature) {
                features[feature, default: 0] += 1
            }
        }
        // The generator really mixes in nested loops, conditional sections, pass references and checks.
        #expect(features.count == 8, "\(features)")
    }

    /// What random sessions did, so a test can tell that they exercised the interesting paths.
    struct Tally {
        var events = 0
        var offPath = 0
        var rejections = 0
        var completed = 0
    }

    /// Random answers, backs, jumps, changes and invalid answers; the live state must always equal
    /// the replay of the accepted events, rejections must change nothing, and the path must hold
    /// answers up to its frontier.
    @Test(arguments: seeds)
    func replayRebuildsTheLiveStateUnderRandomCommands(seed: UInt64) throws {
        _ = try randomSessions(seed: seed)
    }

    /// The random sessions do reach what they are meant to test: changes that take answers off the
    /// path, rejections, and completed interviews.
    @Test func randomSessionsExerciseChangesRejectionsAndCompletion() throws {
        var total = Tally()
        for seed in Self.seeds.prefix(12) {
            let t = try randomSessions(seed: seed)
            total.events += t.events
            total.offPath += t.offPath
            total.rejections += t.rejections
            total.completed += t.completed
        }
        #expect(total.offPath > 10)
        #expect(total.rejections > 10)
        #expect(total.completed > 3)
        #expect(total.events > 500)
    }

    private func randomSessions(seed: UInt64) throws -> Tally {
        let inst = try instrument(RandomQuestionnaire.json(seed: seed))
        var rng = SeededRandom(seed: seed &* 7919)
        var options = SimulationOptions()
        options.dontKnowRate = 0.1
        options.refusedRate = 0.05
        var tally = Tally()
        for run in 0..<3 {
            var s = Session(inst)
            var steps = 0
            var finished = false
            while steps < 150 && !finished {
                steps += 1
                let roll = rng.unit()
                let before = s.state
                let decision: Decision
                if s.interview.isAtEndScreen && roll < 0.3 {
                    decision = s.send(.complete)
                    finished = decision.events != nil
                } else if roll < 0.12 {
                    decision = s.send(.back)
                } else if roll < 0.24, !s.state.path.isEmpty {
                    let entry = s.state.path[Int(rng.next() % UInt64(s.state.path.count))]
                    decision = s.send(.jump(s.interview.address(of: entry.key)))
                } else if roll < 0.3 {
                    decision = s.send(.answer(.text("not an answer to anything here")))
                    #expect(decision.rejection != nil)
                } else if let key = s.interview.currentKey {
                    let info = inst.questions[Int(key.item)]
                    let response = AnswerGenerator.response(for: info, domain: AnswerDomain(info), interview: s.interview, key: key, options: options, rng: &rng) ?? .dontKnow
                    decision = s.send(.answer(response))
                    // The simulator trusts the generator's answers to lie in the domain: prove it.
                    if case .rejected(.invalid(let why)) = decision {
                        Issue.record("seed \(seed): a generated answer \(response) was outside the domain: \(why)")
                    }
                    tally.offPath += s.lastEffects.reduce(0) { $0 + $1.leftPath.count }
                    if case .rejected(.softCheck(let failures)) = decision {
                        let confirmed = s.send(.answer(response, confirming: Set(failures.map(\.id))))
                        #expect(confirmed.events != nil, "confirming every soft check lets the answer stand")
                    }
                } else {
                    decision = s.send(.back)
                }
                switch decision {
                case .rejected(.softCheck): tally.rejections += 1   // followed by a confirmed answer above
                case .rejected(let why):
                    tally.rejections += 1
                    #expect(s.state == before, "seed \(seed): rejection (\(why)) changed the state")
                case .accepted: break
                }
                checkInvariants(s, seed: seed)
            }
            if finished { tally.completed += 1 }
            tally.events += s.events.count
            let (replayed, problems) = s.replayed()
            #expect(problems.isEmpty, "seed \(seed) run \(run): \(problems.map(\.message))")
            #expect(replayed.state == s.state, "seed \(seed) run \(run): replay differs after \(s.events.count) events")
        }
        return tally
    }

    private func checkInvariants(_ s: Session, seed: UInt64, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let state = s.state
        #expect(state.cursor <= state.path.count, sourceLocation: sourceLocation)
        let answeredPart = state.atEnd ? state.path.count : state.path.count - 1
        for entry in state.path.prefix(answeredPart) where state.answers[entry.key]?.status != .active {
            Issue.record("seed \(seed): \(s.address(entry.key)) is on the answered part of the path without an active answer", sourceLocation: sourceLocation)
        }
        if !state.atEnd, let last = state.path.last {
            #expect(state.answers[last.key]?.status != .active, "seed \(seed): the frontier \(s.address(last.key)) already holds an active answer", sourceLocation: sourceLocation)
        }
        #expect(Set(state.path.map(\.key)).count == state.path.count, "seed \(seed): a question appears twice on the path", sourceLocation: sourceLocation)
        #expect(s.interview.onPathAnswers.count == answeredPart, sourceLocation: sourceLocation)
    }

    @Test(arguments: seeds)
    func everySimulatedInterviewEnds(seed: UInt64) throws {
        let inst = try instrument(RandomQuestionnaire.json(seed: seed))
        var options = SimulationOptions()
        options.seed = seed
        options.dontKnowRate = 0.1
        var simulator = Simulator(instrument: inst, options: options)
        let bound = 4 * inst.questions.count * 4 + 10   // every question at most once per pass (≤ 4 passes)
        for i in 0..<15 {
            let result = simulator.simulate(index: i, sample: SampleRecord())
            #expect(result.completed, "seed \(seed) interview \(i): \(result.problem ?? "not completed")")
            #expect(result.problem == nil)
            #expect(result.pathLength <= bound)
        }
        #expect(simulator.coverage.completed == 15)
    }

    @Test(arguments: seeds.prefix(8))
    func simulationIsDeterministicForASeed(seed: UInt64) throws {
        let inst = try instrument(RandomQuestionnaire.json(seed: seed))
        var options = SimulationOptions()
        options.seed = seed
        options.keepEvents = true
        func run() -> [[String]] {
            var simulator = Simulator(instrument: inst, options: options)
            return (0..<10).map { i in
                let r = simulator.simulate(index: i, sample: SampleRecord())
                return ["\(r.completed)", "\(r.pathLength)", "\(r.seconds)"] + r.events.map { "\($0.0)@\($0.1)" }
            }
        }
        let first = run()
        #expect(first == run())
        // Different interviews of one run differ somewhere (the generator is not stuck).
        #expect(Set(first).count > 1)
    }

    @Test func simulatedEventsReplayToTheSamePath() throws {
        let inst = try instrument(crimeSurvey)
        var options = SimulationOptions()
        options.keepEvents = true
        options.seed = 42
        var simulator = Simulator(instrument: inst, options: options)
        for i in 0..<20 {
            let r = simulator.simulate(index: i, sample: SampleRecord())
            #expect(r.completed)
            let (replayed, problems) = Interview.replay(instrument: inst, sample: SampleRecord(), events: r.events.map(\.0))
            #expect(problems.isEmpty)
            #expect(replayed.state.status == .completed)
            #expect(replayed.state.path.count == r.pathLength)
        }
    }
}

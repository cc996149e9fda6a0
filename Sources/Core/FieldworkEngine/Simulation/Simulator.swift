import FieldworkChecker
import FieldworkModel

/// Settings for random interviews.
public struct SimulationOptions: Sendable, Hashable {
    public var count: Int = 1000
    public var seed: UInt64 = 1
    /// Share of answers given as don't know / refused, where the question allows them.
    public var dontKnowRate: Double = 0.03
    public var refusedRate: Double = 0.01
    /// Share of answers given as one of the question's extra missing codes (`allowMissing`), drawn
    /// evenly among them; questions without extra codes draw nothing for it, so their interviews
    /// are the same whatever this rate.
    public var extraMissingRate: Double = 0.02
    /// Share of soft-check warnings the simulated interviewer confirms (the rest are re-answered).
    public var softConfirmRate: Double = 0.7
    /// Keep the events of each interview (for writing journals).
    public var keepEvents: Bool = false
    /// What `today()` reads in every simulated interview (days since 1970-01-01): 2026-01-05 unless set.
    public var interviewDay: Int = 20_458
    public var duration = DurationModel()

    public init() {}
}

/// One simulated interview.
public struct SimulatedInterview: Sendable {
    public var index: Int
    public var sample: SampleRecord
    public var completed: Bool
    /// The outcome of the `end` item that closed the interview (a screen-out, a refused consent).
    public var endedWith: String?
    public var problem: String?
    public var pathLength: Int
    public var seconds: Double
    /// The questions asked, in order, with the seconds each took: they add up to `seconds`.
    public var steps: [SimulatedStep]
    /// Events with the simulated seconds since the start at which each happened.
    public var events: [(InterviewEvent, Double)]

    public init(index: Int, sample: SampleRecord = SampleRecord(), completed: Bool, endedWith: String? = nil, problem: String? = nil,
                pathLength: Int, seconds: Double, steps: [SimulatedStep] = [], events: [(InterviewEvent, Double)] = []) {
        self.index = index
        self.sample = sample
        self.completed = completed
        self.endedWith = endedWith
        self.problem = problem
        self.pathLength = pathLength
        self.seconds = seconds
        self.steps = steps
        self.events = events
    }
}

/// Drives the engine with random valid answers to find routes that never run, checks that never
/// fire, and how long interviews really take.
public struct Simulator {
    public let instrument: Instrument
    public let options: SimulationOptions
    private let readingSeconds: [Double]
    /// Per question, worked out once: what answers can be drawn from, and how long answering takes.
    private let domains: [AnswerDomain]
    private let answerTimes: [DurationModel.AnswerTimes]
    public private(set) var coverage: CoverageTracker
    /// The previous interview, whose buffers the next one reuses.
    private var spare: Interview?
    /// The previous interview's steps, whose storage the next one reuses once the caller has let go of it.
    private var spareSteps: [SimulatedStep] = []
    /// Whether interviews need a seed for random or rotated orders.
    private let usesDrawnOrder: Bool

    /// The seed of simulated interview `index`: its own stream, apart from the one that draws its
    /// answers, so that adding an order to a questionnaire leaves the simulated answers as they were.
    public static func interviewSeed(simulationSeed: UInt64, index: Int) -> UInt64 {
        var g = SeededRandom.forInterview(seed: simulationSeed ^ 0x5EED_0F0E_DE05, index: index)
        return g.next() % DrawnOrder.seedLimit
    }

    public init(instrument: Instrument, options: SimulationOptions) {
        self.instrument = instrument
        self.options = options
        let lang = instrument.questionnaire.defaultLanguage
        self.readingSeconds = instrument.questions.map { options.duration.readingSeconds(for: $0, language: lang) }
        self.domains = instrument.questions.map(AnswerDomain.init)
        self.answerTimes = instrument.questions.map { options.duration.answerTimes(for: $0.kind) }
        self.coverage = CoverageTracker(instrument: instrument)
        self.usesDrawnOrder = instrument.usesDrawnOrder
    }

    /// Runs interview number `index` with its own random stream.
    public mutating func simulate(index: Int, sample: SampleRecord) -> SimulatedInterview {
        let seed = usesDrawnOrder ? Self.interviewSeed(simulationSeed: options.seed, index: index) : nil
        var interview: Interview
        if var reused = spare.take() {
            reused.restart(sample: sample, interviewDay: options.interviewDay, seed: seed)
            interview = reused
        } else {
            interview = Interview(instrument: instrument, sample: sample, interviewDay: options.interviewDay, seed: seed)
        }
        var events: [(InterviewEvent, Double)] = []
        if options.keepEvents && instrument.usesInterviewDate { events.append((.interviewDated(day: options.interviewDay), 0)) }
        if options.keepEvents, let seed { events.append((.seeded(seed), 0)) }
        let result = run(&interview, index: index, events: events)
        spare = interview
        return result
    }

    /// Carries on an interview a journal left suspended (a case called again after an end item
    /// that calls again): a `resumed` event, then answers from where it stands.
    public mutating func simulate(index: Int, continuing start: Interview) -> SimulatedInterview {
        var interview = start
        var events: [(InterviewEvent, Double)] = []
        if interview.state.status == .suspended {
            interview.apply(.resumed)
            if options.keepEvents { events.append((.resumed, 0)) }
        }
        return run(&interview, index: index, events: events)
    }

    private mutating func run(_ interview: inout Interview, index: Int, events start: [(InterviewEvent, Double)]) -> SimulatedInterview {
        let sample = interview.sample
        var rng = SeededRandom.forInterview(seed: options.seed, index: index)
        var events = start
        var asked: [SimulatedStep] = []
        swap(&asked, &spareSteps)
        asked.removeAll(keepingCapacity: true)
        defer { spareSteps = asked }
        var seconds = 0.0
        var shownAt = 0.0
        var problem: String?
        let stepLimit = 20 * max(1, instrument.questions.count) + 10_000
        var steps = 0
        answering: while let key = interview.currentKey {
            steps += 1
            if steps > stepLimit { problem = "no end after \(stepLimit) steps"; break }
            let qi = Int(key.item)
            let info = instrument.questions[qi]
            coverage.reached(question: qi)
            if options.keepEvents { events.append((.shown(interview.address(of: key)), seconds)) }
            asked.append(SimulatedStep(question: qi, seconds: 0, answer: .unanswered))
            shownAt = seconds
            seconds += readingSeconds[qi]
            var attempts = 0
            while true {
                attempts += 1
                let response = attempts > 40 ? fallback(info) : AnswerGenerator.response(for: info, domain: domains[qi], interview: interview, key: key, options: options, rng: &rng)
                guard let response else {
                    problem = attempts > 40
                        ? "\(interview.address(of: key)): no valid answer found (every attempt failed a hard check)"
                        : "\(interview.address(of: key)): no answer can be drawn (no option on offer with a simulationWeight above 0, or an empty range)"
                    break answering
                }
                // Generated answers come from the domain; the property tests check that the engine
                // accepts every one of them with full validation.
                let generated = attempts <= 40
                // With nothing to check, a generated answer (already in frame order) stands as it is:
                // the engine's verdict would say the same, only slower.
                var verdict = generated && info.checks.isEmpty
                    ? .accept(response, confirmed: [])
                    : interview.verdict(response, for: key, confirming: [], domainChecked: generated)
                if case .reject(.softCheck(let failures)) = verdict {
                    for f in failures { coverage.fired(check: f.id, question: qi) }
                    if rng.chance(options.softConfirmRate) {
                        verdict = interview.verdict(response, for: key, confirming: Set(failures.map(\.id)), domainChecked: generated)
                        seconds += 4
                    }
                }
                switch verdict {
                case .accept(let accepted, let confirmed):
                    if options.keepEvents {
                        let address = interview.address(of: key)
                        for c in confirmed { record(.softCheckConfirmed(address, check: c), into: &interview, events: &events, at: seconds) }
                        record(.answered(address, accepted), into: &interview, events: &events, at: seconds)
                    } else {
                        interview.applyAccepted(accepted, at: key, confirmed: confirmed)
                    }
                    coverage.answered(question: qi, info: info, response: accepted)
                    seconds += answerTimes[qi].seconds(for: accepted)
                    asked[asked.count - 1].seconds = seconds - shownAt
                    asked[asked.count - 1].answer = SimulatedAnswerKind(accepted)
                    continue answering
                case .reject(.hardCheck(let failures)):
                    for f in failures { coverage.fired(check: f.id, question: qi) }
                case .reject(.softCheck):
                    break
                case .reject(let other):
                    if attempts > 45 { problem = "\(interview.address(of: key)): \(other)"; break answering }
                }
                if attempts > 45 { problem = "\(interview.address(of: key)): no valid answer found after \(attempts) attempts"; break answering }
            }
        }
        if let last = asked.indices.last, asked[last].answer == .unanswered { asked[last].seconds = seconds - shownAt }
        var completed = false
        var endedWith: String?
        if problem == nil, interview.isAtEndScreen, case .accepted(let evs) = interview.decide(.complete) {
            record(evs, into: &interview, events: &events, at: seconds)
            if case .endReached(_, let outcome)? = evs.last {
                endedWith = outcome
            } else if interview.state.status == .completed {
                completed = true
            } else {
                problem = "the interview did not close at its end screen"
            }
        }
        coverage.finished(completed: completed)
        return SimulatedInterview(index: index, sample: sample, completed: completed, endedWith: endedWith, problem: problem,
                                  pathLength: interview.state.path.count, seconds: seconds, steps: asked, events: events)
    }

    private func record(_ evs: [InterviewEvent], into interview: inout Interview, events: inout [(InterviewEvent, Double)], at seconds: Double) {
        for e in evs { record(e, into: &interview, events: &events, at: seconds) }
    }

    private func record(_ e: InterviewEvent, into interview: inout Interview, events: inout [(InterviewEvent, Double)], at seconds: Double) {
        interview.apply(e)
        if options.keepEvents { events.append((e, seconds)) }
    }

    /// When random answers keep failing hard checks: don't know, then refused, if allowed.
    private func fallback(_ info: QuestionInfo) -> Response? {
        if info.question.allowDontKnow { return .dontKnow }
        if info.question.allowRefused { return .refused }
        return nil
    }
}

/// Records what simulated interviews reached, chose and fired.
public struct CoverageTracker: Sendable {
    let instrument: Instrument
    var questionReached: [Bool]
    /// By question, then option position.
    var optionChosen: [[Bool]]
    /// By question, then check position.
    var checkFired: [[Bool]]
    public private(set) var interviews = 0
    public private(set) var completed = 0

    init(instrument: Instrument) {
        self.instrument = instrument
        questionReached = Array(repeating: false, count: instrument.questions.count)
        optionChosen = instrument.questions.map { Array(repeating: false, count: $0.optionCodes.count) }
        checkFired = instrument.questions.map { Array(repeating: false, count: $0.checks.count) }
    }

    mutating func reached(question: Int) { questionReached[question] = true }

    mutating func answered(question: Int, info: QuestionInfo, response: Response) {
        switch response {
        case .choice(let c, _): chose(c, question: question, info: info)
        case .choices(let cs, _): for c in cs { chose(c, question: question, info: info) }
        case .grid(let cells):
            for cell in cells { if case .choice(let c, _) = cell { chose(c, question: question, info: info) } }
        default: break
        }
    }

    private mutating func chose(_ code: Int, question: Int, info: QuestionInfo) {
        if let p = info.optionPosition(code: code) { optionChosen[question][p] = true }
    }

    mutating func fired(check: String, question: Int) {
        if let p = instrument.questions[question].checks.firstIndex(where: { $0.check.id == check }) { checkFired[question][p] = true }
    }

    mutating func finished(completed: Bool) {
        interviews += 1
        if completed { self.completed += 1 }
    }

    public var questionsNeverReached: [String] {
        instrument.questions.enumerated().filter { !questionReached[$0.offset] }.map { $0.element.question.id }
    }

    public var optionsNeverChosen: [String] {
        var out: [String] = []
        for (i, info) in instrument.questions.enumerated() where questionReached[i] {
            for (p, o) in (info.question.frame?.options ?? []).enumerated() where !optionChosen[i][p] {
                out.append("\(info.question.id)=\(o.name)")
            }
        }
        return out
    }

    public var checksNeverFired: [String] {
        var out: [String] = []
        for (q, info) in instrument.questions.enumerated() {
            for (p, c) in info.checks.enumerated() where !checkFired[q][p] {
                out.append("\(info.question.id).\(c.check.id)")
            }
        }
        return out
    }

    public var totals: (questions: Int, options: Int, checks: Int) {
        (instrument.questions.count,
         instrument.questions.reduce(0) { $0 + ($1.question.frame?.options.count ?? 0) },
         instrument.questions.reduce(0) { $0 + $1.checks.count })
    }
}

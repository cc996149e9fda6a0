import FieldworkBasics
import FieldworkChecker
import FieldworkDiagnostics
import FieldworkExpressions
import FieldworkModel

/// A scenario step that did not go as expected.
public struct ScenarioFailure: Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var step: String
    public var expected: String
    public var actual: String

    public var description: String { "\(file):\(line): \(step)\n    expected: \(expected)\n    actual:   \(actual)" }
}

/// Plays a scenario against the engine and reports the first step that fails.
public struct ScenarioRunner {
    public let instrument: Instrument

    /// Question and computed-variable names, prepared once for "did you mean" suggestions.
    private let knownNames: NearMiss.Candidates

    public init(instrument: Instrument) {
        self.instrument = instrument
        knownNames = NearMiss.Candidates(instrument.questions.map(\.question.id) + instrument.computed.map(\.variable.id))
    }

    /// Checks that every question a scenario names exists, before running it.
    public func validate(_ scenario: Scenario) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // The same unknown name on many lines is looked up once.
        var suggestions: [String: String] = [:]
        func suggestion(_ n: String) -> String {
            if let known = suggestions[n] { return known }
            let text = knownNames.suggestion(for: n).map { "; did you mean \"\($0)\"?" } ?? ""
            suggestions[n] = text
            return text
        }
        for step in scenario.steps {
            let at = SourceLocation(file: scenario.file, line: step.line, column: 1)
            var names: [String] = []
            switch step.action {
            case .answer(let a, _), .dontKnow(let a), .refused(let a), .jump(let a), .expectCurrent(let a), .expectOffPath(let a):
                names.append(Self.baseID(a))
            case .expectAsked(let n), .expectNeverAsked(let n):
                names.append(ScenarioAddress.parseNamed(n)?.0 ?? n)
            case .expectValue(let n, _, _):
                if instrument.computedIndex(id: n) == nil && instrument.questionIndex(id: n) == nil {
                    out.append(.error("FW401", at: at, "\"\(n)\" is neither a question nor a computed variable of \(instrument.questionnaire.id)" + suggestion(n)))
                }
            case .sample(let field, _):
                if !instrument.questionnaire.sampleFields.contains(where: { $0.name == field }) {
                    out.append(.warning("FW402", at: at, "sample field \"\(field)\" is not declared by the questionnaire"))
                }
            case .preload(let name, _):
                let declared = instrument.questionnaire.preloadFields.map(\.name)
                if !declared.contains(name) {
                    let near = NearMiss.suggestion(for: name, among: declared).map { "; did you mean \"\($0)\"?" } ?? ""
                    out.append(.warning("FW402", at: at, "preload value \"\(name)\" is not declared by the questionnaire's \"preload\"" + near))
                }
            default: break
            }
            for n in names where instrument.questionIndex(id: n) == nil {
                out.append(.error("FW401", at: at, "no question \"\(n)\" in \(instrument.questionnaire.id)" + suggestion(n)))
            }
        }
        return out
    }

    static func baseID(_ a: QuestionAddress) -> String {
        if let i = a.id.firstIndex(of: "[") { return String(a.id[..<i]) }
        return a.id
    }

    /// Runs the scenario; nil when every step passed.
    public func run(_ scenario: Scenario) -> ScenarioFailure? {
        var sample: [String: String] = [:]
        /// What `today()` reads unless the scenario says `today YYYY-MM-DD`: the simulator's date.
        var today = SimulationOptions().interviewDay
        var interview: Interview?
        var lastAnswer: (QuestionAddress, Response)?
        var lastRejection: Rejection?
        /// Soft checks an `expect soft-check` step has accounted for: the scenario may go on with
        /// `confirm`, a corrected answer, or nothing, and a further `expect soft-check` may name
        /// another check the same answer raised.
        var expectedSoftChecks: [CheckFailure]?
        var everAsked = Set<String>()
        var ended = false

        func fail(_ step: Scenario.Step, _ expected: String, _ actual: String) -> ScenarioFailure {
            ScenarioFailure(file: scenario.file, line: step.line, step: step.text, expected: expected, actual: actual)
        }

        /// The interview, taken out of `interview` so that the step changes the only copy of its
        /// state (leaving a second reference behind would copy the whole state, notes and all, at
        /// every step: quadratic in the scenario's length).
        func start() -> Interview {
            if let taken = interview.take() { return taken }
            let i = Interview(instrument: instrument, sample: SampleRecord(sample), interviewDay: today)
            interview = i
            return i
        }

        func noteAsked(_ i: Interview) {
            for entry in i.state.path { everAsked.insert(instrument.questions[Int(entry.key.item)].question.id) }
        }

        for (index, step) in scenario.steps.enumerated() {
            // An unexpected rejection fails at the step that caused it.
            if let r = lastRejection {
                switch step.action {
                case .expectSoftCheck, .expectHardCheck, .expectRejected, .confirm: break
                default:
                    let previous = scenario.steps[index - 1]
                    return fail(previous, "the answer to be accepted", "rejected: \(r)")
                }
            }
            if case .today(let day) = step.action {
                guard interview == nil else { return fail(step, "the today line before the first answer", "the interview has already started") }
                today = day
                continue
            }
            if case .sample(let f, let v) = step.action {
                guard interview == nil else { return fail(step, "sample lines before the first answer", "the interview has already started") }
                sample[f] = v
                continue
            }
            if case .preload(let name, let v) = step.action {
                guard interview == nil else { return fail(step, "preload lines before the first answer", "the interview has already started") }
                sample[ReservedNames.preloadRecordPrefix + name] = v
                continue
            }
            var current = start()
            let currentAddress = current.currentKey.map { current.address(of: $0) }
            switch step.action {
            case .sample, .preload, .today: break
            case .answer(let a, _), .dontKnow(let a), .refused(let a):
                guard let key = resolve(a, in: current) else { return fail(step, "a question named \(a.id)", "no such question occurrence") }
                guard current.currentKey == key else {
                    return fail(step, "\(current.address(of: key)) to be the current question", currentAddress.map { "current question is \($0)" } ?? "no current question (\(current.isAtEndScreen ? "end of interview" : "interview over"))")
                }
                let response: Response
                switch step.action {
                case .dontKnow: response = .dontKnow
                case .refused: response = .refused
                default:
                    guard case .answer(_, let value) = step.action else { return fail(step, "an answer", "no value") }
                    switch ScenarioValues.response(value.raw, for: instrument.questions[Int(key.item)]) {
                    case .success(let r): response = r
                    case .failure(let e): return fail(step, "a valid value for \(a.id)", e.message)
                    }
                }
                lastAnswer = (current.address(of: key), response)
                lastRejection = nil
                expectedSoftChecks = nil
                switch current.decide(.answer(response)) {
                case .accepted(let events):
                    for e in events { current.apply(e) }
                case .rejected(let r):
                    lastRejection = r
                }
            case .confirm:
                let pending = lastRejection ?? expectedSoftChecks.map { .softCheck($0) }
                guard case .softCheck(let failures)? = pending, let (addr, response) = lastAnswer else {
                    return fail(step, "a soft check to confirm", lastRejection.map { "last answer was rejected: \($0)" } ?? "the last answer raised no soft check")
                }
                guard current.currentKey.map({ current.address(of: $0) }) == addr else { return fail(step, "to still be at \(addr)", "moved on") }
                expectedSoftChecks = nil
                switch current.decide(.answer(response, confirming: Set(failures.map(\.id)))) {
                case .accepted(let events):
                    for e in events { current.apply(e) }
                    lastRejection = nil
                case .rejected(let r):
                    lastRejection = r
                }
            case .back, .jump, .note, .complete, .end:
                expectedSoftChecks = nil
                let command: InterviewCommand
                switch step.action {
                case .back: command = .back
                case .jump(let a):
                    guard let key = resolve(a, in: current) else { return fail(step, "a question named \(a.id)", "no such question occurrence") }
                    command = .jump(current.address(of: key))
                case .note(let t): command = .note(t)
                case .complete: command = .complete
                case .end(let o): command = .end(outcome: o)
                default: command = .back
                }
                switch current.decide(command) {
                case .accepted(let events):
                    for e in events { current.apply(e) }
                    if case .end = step.action { ended = true }
                case .rejected(let r):
                    return fail(step, "\(step.text) to be allowed", "refused: \(r)")
                }
            case .expectCurrent(let a):
                guard let key = resolve(a, in: current) else { return fail(step, "a question named \(a.id)", "no such question occurrence") }
                if current.currentKey != key {
                    return fail(step, "\(current.address(of: key)) to be asked next", currentAddress.map { "the current question is \($0)" } ?? (current.isAtEndScreen ? "the interview is at its end" : "the interview is over"))
                }
            case .expectAsked(let name):
                noteAsked(current)
                let base = ScenarioAddress.parseNamed(name)?.0 ?? name
                if !everAsked.contains(base) { return fail(step, "\(name) to have been asked", "it was not on the path") }
            case .expectNeverAsked(let name):
                noteAsked(current)
                let base = ScenarioAddress.parseNamed(name)?.0 ?? name
                let onPath: Bool
                if name.contains("["), let a = ScenarioAddress.parse(name), let key = resolve(a, in: current) {
                    onPath = current.state.path.contains { $0.key == key }
                } else {
                    onPath = current.state.path.contains { instrument.questions[Int($0.key.item)].question.id == base }
                }
                if onPath { return fail(step, "\(name) never to be asked", "it is on the path") }
            case .expectValue(let name, let pass, let expected):
                let actual = value(of: name, pass: pass, in: current)
                if !ScenarioValues.matches(expected: expected, actual: actual, name: name, instrument: instrument) {
                    return fail(step, "\(name) = \(expected)", "\(name) = \(actual.map(ScenarioValues.describe) ?? "not asked")")
                }
            case .expectSoftCheck(let id), .expectHardCheck(let id):
                let wantSoft: Bool
                if case .expectSoftCheck = step.action { wantSoft = true } else { wantSoft = false }
                let failures: [CheckFailure]
                switch lastRejection ?? (wantSoft ? expectedSoftChecks.map { .softCheck($0) } : nil) {
                case .softCheck(let f)? where wantSoft: failures = f
                case .hardCheck(let f)? where !wantSoft: failures = f
                default:
                    return fail(step, "\(wantSoft ? "soft" : "hard") check \(id) to fire", lastRejection.map { "the answer was rejected: \($0)" } ?? "the answer was accepted")
                }
                if !id.isEmpty && !failures.contains(where: { $0.id == id }) {
                    return fail(step, "check \(id) to fire", "fired: \(failures.map(\.id).joined(separator: ", "))")
                }
                // The rejection is accounted for; a soft one stays confirmable.
                if wantSoft { expectedSoftChecks = failures }
                lastRejection = nil
            case .expectRejected(let text):
                guard let r = lastRejection else { return fail(step, "the answer to be rejected", "it was accepted") }
                if let text, !r.description.lowercased().contains(text.lowercased()) {
                    return fail(step, "a rejection mentioning \"\(text)\"", r.description)
                }
                lastRejection = nil
            case .expectComplete:
                if let end = current.endpointReached, current.isAtEndScreen {
                    return fail(step, "the interview to be complete", "the route ends at \(end.endpoint.id) with outcome \(end.endpoint.outcome.rawValue)")
                }
                if current.state.status != .completed {
                    if current.isAtEndScreen, case .accepted(let events) = current.decide(.complete) {
                        for e in events { current.apply(e) }
                    } else {
                        return fail(step, "the interview to be complete", currentAddress.map { "still at \($0)" } ?? "status \(current.state.status)")
                    }
                }
            case .expectEnded(let outcome):
                if case .ended(let recorded) = current.state.status {
                    if recorded != outcome { return fail(step, "the interview to end with \(outcome)", "it ended with \(recorded)") }
                } else if let end = current.endpointReached, current.isAtEndScreen {
                    if end.endpoint.outcome.rawValue != outcome {
                        return fail(step, "the interview to end with \(outcome)", "the route ends at \(end.endpoint.id) with \(end.endpoint.outcome.rawValue)")
                    }
                    if case .accepted(let events) = current.decide(.complete) { for e in events { current.apply(e) } }
                } else {
                    return fail(step, "the interview to end with \(outcome)", currentAddress.map { "still at \($0)" } ?? "status \(current.state.status)")
                }
            case .expectOffPath(let a):
                guard let key = resolve(a, in: current) else { return fail(step, "a question named \(a.id)", "no such question occurrence") }
                let status = current.state.answers[key]?.status
                if status != .offPath { return fail(step, "\(a) to hold an off-path answer", status == nil ? "it has no answer" : "its answer is on the path") }
            }
            noteAsked(current)
            interview = current
            _ = ended
        }
        if let r = lastRejection, let last = scenario.steps.last {
            return fail(last, "the answer to be accepted", "rejected: \(r)")
        }
        return nil
    }

    /// Resolves `q`, `q[2]` or `q[burglary]` (named passes through the loop's code frame).
    func resolve(_ a: QuestionAddress, in interview: Interview) -> InstanceKey? {
        let base = Self.baseID(a)
        guard let qi = instrument.questionIndex(id: base) else { return nil }
        let info = instrument.questions[qi]
        var numbers = a.pass
        if let open = a.id.firstIndex(of: "[") {
            let names = a.id[a.id.index(after: open)..<a.id.index(before: a.id.endIndex)].split(separator: ",").map(String.init)
            guard names.count == info.loops.count else { return nil }
            numbers = []
            for (level, name) in names.enumerated() {
                if let n = Int(name) { numbers.append(n); continue }
                guard let frame = instrument.loops[info.loops[level]].frame,
                      let pos = frame.options.firstIndex(where: { $0.name == name }) else { return nil }
                numbers.append(pos + 1)
            }
        }
        if numbers.isEmpty && !info.loops.isEmpty {
            // Unqualified inside a loop: the current pass, if the current question is this one.
            if let k = interview.currentKey, Int(k.item) == qi { return k }
            return nil
        }
        guard numbers.count == info.loops.count else { return nil }
        return InstanceKey(item: qi, iteration: LoopPass(numbers))
    }

    func value(of name: String, pass: [String], in interview: Interview) -> RuntimeValue? {
        var numbers: [Int] = []
        if let qi = instrument.questionIndex(id: name) {
            let info = instrument.questions[qi]
            for (level, p) in pass.enumerated() where level < info.loops.count {
                if let n = Int(p) { numbers.append(n) }
                else if let frame = instrument.loops[info.loops[level]].frame, let pos = frame.options.firstIndex(where: { $0.name == p }) { numbers.append(pos + 1) }
            }
            guard let response = interview.activeAnswer(InstanceKey(item: qi, iteration: LoopPass(numbers))) else { return nil }
            return EvaluationScope.runtime(response, gridItem: nil)
        }
        if let ci = instrument.computedIndex(id: name) {
            let info = instrument.computed[ci]
            for (level, p) in pass.enumerated() where level < info.loops.count {
                if let n = Int(p) { numbers.append(n) }
                else if let frame = instrument.loops[info.loops[level]].frame, let pos = frame.options.firstIndex(where: { $0.name == p }) { numbers.append(pos + 1) }
            }
            return interview.computedValue(id: name, pass: numbers)
        }
        return nil
    }
}

import FieldworkChecker
import FieldworkDiagnostics
import FieldworkEngine
import FieldworkExpressions
import FieldworkModel
import Foundation

/// libFuzzer entry: the interview engine driven by random commands (answers, don't know and
/// refused, back, jump, suspend and resume, notes, language, complete, end) over a valid
/// questionnaire. The first byte picks where the questionnaire comes from:
///
/// - mostly, a small questionnaire written from the following bytes (`SketchedQuestionnaire`):
///   questions of every type, conditions on earlier answers, checks (hard and soft), loops (count,
///   forEach, forEachOption, nested), computed variables, `end` items, random and rotated orders,
///   option conditions, exclusive and specify options, extra missing codes, two languages;
/// - or one of the bundled questionnaires (FIELDWORK_FUZZ_QUESTIONNAIRES, set by scripts/fuzz.sh);
/// - or questionnaire JSON carried in the input itself (length-prefixed), kept only when the
///   checker accepts it: libFuzzer mutates the bundled files this way.
///
/// The rest of the bytes are commands (at most 120). After every command the harness asserts
/// (`EngineInvariants`): replaying the events recorded so far rebuilds exactly the same state (and
/// at the end, the events as the journal gives them back, JSON-encoded and decoded, do too); the path is well formed (no question twice, every
/// question before the last answered and active); and the export's own row-building code
/// (`AnswerCells`, compiled in from Sources/Shells/FieldworkExport) gives no value for an answer
/// that is not on the path, and the on-path value for one that is.
@_cdecl("LLVMFuzzerTestOneInput")
public func engineFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var bytes = FuzzBytes(UnsafeBufferPointer(start: data, count: size))
    guard let instrument = FuzzInstruments.instrument(from: &bytes) else { return 0 }
    var driver = EngineDriver(instrument: instrument, bytes: bytes)
    driver.run()
    return 0
}

/// The fuzzer's bytes, read front to back; past the end every read is 0.
struct FuzzBytes {
    private let bytes: [UInt8]
    private var position = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) { bytes = Array(buffer) }

    var isExhausted: Bool { position >= bytes.count }

    mutating func byte() -> Int {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return Int(bytes[position])
    }

    /// A number in 0..<n (0 when n is 0).
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : byte() % n }

    mutating func chance(_ outOf: Int) -> Bool { below(outOf) == 0 }

    mutating func take(_ count: Int) -> [UInt8] {
        let end = min(bytes.count, position + count)
        defer { position = end }
        return Array(bytes[position..<end])
    }
}

/// Where a run's questionnaire comes from.
enum FuzzInstruments {
    /// The bundled questionnaires, checked once.
    static let bundled: [Instrument] = {
        let paths = (ProcessInfo.processInfo.environment["FIELDWORK_FUZZ_QUESTIONNAIRES"] ?? "").split(separator: ":").map(String.init)
        return paths.compactMap { path in
            guard let data = FileManager.default.contents(atPath: path),
                  let instrument = Checker.check(bytes: [UInt8](data), file: path).0 else {
                fatalError("\(path) cannot be read or does not check cleanly")
            }
            return instrument
        }
    }()

    static func instrument(from bytes: inout FuzzBytes) -> Instrument? {
        switch bytes.byte() % 8 {
        case 0 where !bundled.isEmpty:
            return bundled[bytes.below(bundled.count)]
        case 1:
            // Inline JSON: a three-byte length, then the text.
            let length = bytes.byte() << 16 | bytes.byte() << 8 | bytes.byte()
            let json = bytes.take(length)
            return Checker.check(bytes: json, file: "fuzz.json").0
        default:
            let text = SketchedQuestionnaire(&bytes).json
            let (instrument, diagnostics) = Checker.check(bytes: Array(text.utf8), file: "sketch.json")
            // FIELDWORK_FUZZ_SKETCHES=1 prints why a sketch was refused (to tune the sketcher).
            if instrument == nil, showRefusedSketches, let first = diagnostics.first(where: { $0.severity == .error }) {
                FileHandle.standardError.write(Data("sketch refused: \(first)\n".utf8))
            }
            return instrument
        }
    }

    static let showRefusedSketches = ProcessInfo.processInfo.environment["FIELDWORK_FUZZ_SKETCHES"] == "1"
}

/// Plays commands from the bytes against one interview, as the session would: decide, record the
/// accepted events (in memory, standing for the journal), apply them; suspend and resume rebuild the
/// interview from its events, as a new sitting does.
struct EngineDriver {
    let instrument: Instrument
    var bytes: FuzzBytes
    let sample: SampleRecord
    var interview: Interview
    var events: [InterviewEvent] = []
    var steps = 0

    init(instrument: Instrument, bytes: FuzzBytes) {
        self.instrument = instrument
        self.bytes = bytes
        var sampleRandom = SeededRandom(seed: UInt64(self.bytes.byte()))
        sample = SyntheticSample(instrument: instrument).record(index: 0, rng: &sampleRandom)
        let day = 20_000 + self.bytes.byte() * 7
        let seed = UInt64(self.bytes.byte() << 8 | self.bytes.byte())
        interview = Interview(instrument: instrument, sample: sample, interviewDay: day, seed: seed)
        // What the recorder journals when an interview starts.
        if instrument.usesInterviewDate { record([.interviewDated(day: day)]) }
        if instrument.usesDrawnOrder { record([.seeded(seed)]) }
    }

    mutating func run() {
        EngineInvariants.check(self)
        while !bytes.isExhausted && steps < 120 && interview.state.status.isOpen {
            steps += 1
            step()
            EngineInvariants.check(self)
        }
        EngineInvariants.checkJournalled(self)
    }

    mutating func record(_ new: [InterviewEvent]) {
        for event in new {
            if case .failure(let error) = interview.apply(event) {
                fatalError("an accepted event did not apply: \(event): \(error.message)")
            }
            events.append(event)
        }
    }

    /// Decides a command and records what is accepted; a rejection must leave nothing to record.
    @discardableResult
    mutating func perform(_ command: InterviewCommand) -> Rejection? {
        switch interview.decide(command) {
        case .accepted(let new):
            if new.isEmpty { fatalError("\(command) was accepted with no event") }
            record(new)
            return nil
        case .rejected(let rejection):
            return rejection
        }
    }

    mutating func step() {
        let operation = bytes.below(32)
        switch operation {
        case 0..<18:
            answer(valid: true)
        case 18..<20:
            answer(valid: false)
        case 20, 21:
            guard let key = interview.currentKey else { break }
            let info = instrument.questions[Int(key.item)]
            let extra = instrument.questionnaire.missingCodes.extra.map(\.name)
            let choices: [Response] = [.dontKnow, .refused] + extra.map { .missingCode($0) } + (info.question.allowMissing).map { .missingCode($0) }
            perform(.answer(choices[bytes.below(choices.count)], confirming: []))
        case 22..<25:
            perform(.back)
        case 25, 26:
            let path = interview.state.path
            if bytes.chance(5), !instrument.questions.isEmpty {
                // Somewhere perhaps not reached: rejected unless it is on the path.
                let q = bytes.below(instrument.questions.count)
                perform(.jump(QuestionAddress(id: instrument.questions[q].question.id, pass: (0..<instrument.questions[q].loops.count).map { _ in 1 + bytes.below(3) })))
            } else if !path.isEmpty {
                perform(.jump(interview.address(of: path[bytes.below(path.count)].key)))
            }
        case 27:
            suspendAndResume()
        case 28:
            if bytes.chance(2) {
                perform(.note(["", "callback", "notes \u{1B}[2J", "ünïcødé"][bytes.below(4)]))
            } else {
                let languages = instrument.questionnaire.languages
                perform(.chooseLanguage(languages[bytes.below(languages.count)]))
            }
        case 29, 30:
            if interview.isAtEndScreen {
                perform(.complete)
            } else if bytes.chance(2) {
                perform(.complete) // rejected: questions remain
            }
        default:
            if bytes.chance(4) { perform(.end(outcome: ["break-off", "refusal"][bytes.below(2)])) }
        }
    }

    /// Answers the question on screen, with an answer drawn from its domain (`valid`) or from
    /// anywhere; soft checks that fail are confirmed when the bytes say so.
    mutating func answer(valid: Bool) {
        guard let key = interview.currentKey else { return }
        let info = instrument.questions[Int(key.item)]
        let response = valid ? FuzzAnswers.inDomain(info, &bytes) : FuzzAnswers.anything(info, &bytes)
        let confirmAll = bytes.chance(8)
        let everySoftCheck = Set(info.checks.filter { $0.check.severity == .soft }.map(\.check.id))
        let rejection = perform(.answer(response, confirming: confirmAll ? everySoftCheck : []))
        if case .softCheck(let failures)? = rejection, bytes.below(4) != 0 {
            perform(.answer(response, confirming: Set(failures.map(\.id))))
        }
    }

    /// Suspends, then starts a new sitting the way the recorder does: rebuild from the events,
    /// journal `resumed`.
    mutating func suspendAndResume() {
        guard perform(.suspend) == nil else { return }
        let (rebuilt, problems) = Interview.replay(instrument: instrument, sample: sample, events: events)
        if !problems.isEmpty { fatalError("replaying the events of a suspended interview reported \(problems)") }
        interview = rebuilt
        if interview.state.status == .suspended { record([.resumed]) }
    }
}

/// Answers drawn from the bytes.
enum FuzzAnswers {
    static let texts = ["", "a", "Ab c", "ünï", "=1+2", "x\u{1B}[31m", String(repeating: "long ", count: 30)]

    static func inDomain(_ info: QuestionInfo, _ bytes: inout FuzzBytes) -> Response {
        switch info.kind {
        case .statement:
            return .seen
        case .single:
            let codes = info.optionCodes
            guard !codes.isEmpty else { return .dontKnow }
            let n = bytes.below(codes.count)
            return .choice(codes[n], specify: info.optionHasSpecify[n] ? texts[1 + bytes.below(texts.count - 1)] : nil)
        case .multiple:
            let codes = info.optionCodes
            guard !codes.isEmpty else { return .dontKnow }
            var chosen: [Int] = []
            var specify: [Int: String] = [:]
            let mask = bytes.byte() | bytes.byte() << 8
            for (n, code) in codes.enumerated() where mask & (1 << (n % 16)) != 0 {
                chosen.append(code)
                if info.optionHasSpecify[n] { specify[code] = texts[1 + bytes.below(texts.count - 1)] }
            }
            if chosen.isEmpty { chosen = [codes[bytes.below(codes.count)]] }
            return .choices(chosen, specify: specify)
        case .integer(let min, let max, _):
            let lo = min ?? -3
            let hi = max ?? lo + 40
            let span = Swift.max(0, Swift.min(hi - lo, 1_000))
            return .number(Double(lo + bytes.below(span + 1)))
        case .decimal(let min, let max, let decimals, _):
            let lo = min ?? 0
            let hi = max ?? lo + 100
            let scale = pow(10, Double(Swift.min(decimals, 6)))
            let steps = Swift.max(0, Swift.min((hi - lo) * scale, 1_000))
            return .number(lo + Double(bytes.below(Int(steps) + 1)) / scale)
        case .text(let maxLength):
            let text = texts[bytes.below(texts.count)]
            return .text(String(text.prefix(maxLength)))
        case .date:
            let lo = info.dateMin ?? (info.dateMax.map { $0 - 200 } ?? 20_000)
            let hi = info.dateMax ?? lo + 200
            return .date(lo + bytes.below(Swift.max(0, hi - lo) + 1))
        case .grid(let items):
            let codes = info.optionCodes
            return .grid(items.map { _ in
                codes.isEmpty || bytes.chance(9) ? .dontKnow : .choice(codes[bytes.below(codes.count)], specify: nil)
            })
        }
    }

    /// Any response at all, of any type: most are rejected, some by the checks.
    static func anything(_ info: QuestionInfo, _ bytes: inout FuzzBytes) -> Response {
        switch bytes.below(9) {
        case 0: return .number(Double(bytes.byte() - 128) * [1, 0.5, 1000, 1e300][bytes.below(4)])
        case 1: return .text(texts[bytes.below(texts.count)])
        case 2: return .date(bytes.byte() * 1000 - 50_000)
        case 3: return .choice(bytes.byte() - 3, specify: bytes.chance(2) ? "s" : nil)
        case 4: return .choices([bytes.byte() - 3, bytes.byte() - 3, bytes.byte()], specify: [:])
        case 5: return .grid([.choice(bytes.byte(), specify: nil), .dontKnow])
        case 6: return .seen
        case 7: return .missingCode(["nope", "na", "too_many"][bytes.below(3)])
        default: return .number(.nan)
        }
    }
}

/// What must hold after every step of an interview.
enum EngineInvariants {
    static func check(_ driver: EngineDriver) {
        let interview = driver.interview
        let state = interview.state
        guard state.eventCount == driver.events.count else {
            fatalError("the state counts \(state.eventCount) events; \(driver.events.count) were recorded")
        }

        // Replaying the recorded events rebuilds the same state.
        let (replayed, problems) = Interview.replay(instrument: driver.instrument, sample: driver.sample, events: driver.events)
        if !problems.isEmpty { fatalError("replaying recorded events reported problems: \(problems)") }
        if replayed.state != state {
            fatalError("replay gives another state after \(driver.events.count) events: \(driver.events)")
        }

        // The path: no question twice; the cursor on it (or just past it at the end screen); every
        // question before the last one answered and active, the last one too at the end.
        var seen = Set<InstanceKey>()
        for entry in state.path where !seen.insert(entry.key).inserted { fatalError("\(interview.address(of: entry.key)) is on the path twice") }
        if state.cursor > state.path.count { fatalError("the cursor \(state.cursor) is beyond the path of \(state.path.count)") }
        let mustBeAnswered = state.atEnd ? state.path.count : max(0, state.path.count - 1)
        for entry in state.path.prefix(mustBeAnswered) where state.answers[entry.key]?.status != .active {
            fatalError("\(interview.address(of: entry.key)) is passed on the path without an active answer")
        }

        // The export: cells come only from answers on the path, and carry them.
        var onPath: [InstanceKey: Response] = [:]
        for entry in state.path {
            if let answer = state.answers[entry.key], answer.status == .active { onPath[entry.key] = answer.response }
        }
        var cells = AnswerCells(interview: interview)
        let missingCodes = driver.instrument.questionnaire.missingCodes
        for variable in driver.instrument.variables {
            let key: InstanceKey
            switch variable.source {
            case .answer(let question, _, _, let iteration), .specify(let question, _, let iteration):
                key = InstanceKey(item: question, iteration: iteration)
            default:
                continue
            }
            let column = AnswerCells.Column(ExportVariable(name: variable.name, label: variable.label, kind: exportKind(variable.kind),
                                                           missing: exportMissing(missingCodes)))
            let cell = cells.cell(for: variable.source, column: column, missingCodes: missingCodes)
            guard let response = onPath[key] else {
                if cell != .systemMissing {
                    let status = state.answers[key].map { "\($0.status)" } ?? "no answer"
                    fatalError("\(variable.name) exports \(cell) for \(interview.address(of: key)), which is not on the path (\(status))")
                }
                continue
            }
            if case .answer(_, nil, nil, _) = variable.source, case .choice(let code, _) = response,
               case .numeric = variable.kind, cell != .number(Double(code)) {
                fatalError("\(variable.name) exports \(cell) for the on-path choice \(code)")
            }
        }
    }

    /// The events as the journal gives them back (JSON-encoded and decoded, as each record's data
    /// is) are the same events, and replay to the same state. Once per input: decoding every step
    /// would make the run quadratic in JSON work.
    static func checkJournalled(_ driver: EngineDriver) {
        let journalled: [InterviewEvent]
        do {
            journalled = try JSONDecoder().decode([InterviewEvent].self, from: JSONEncoder().encode(driver.events))
        } catch {
            fatalError("the recorded events do not survive encoding and decoding: \(error)")
        }
        if journalled != driver.events { fatalError("events changed through encoding and decoding:\n\(driver.events)\n\(journalled)") }
        let (replayed, problems) = Interview.replay(instrument: driver.instrument, sample: driver.sample, events: journalled)
        if !problems.isEmpty || replayed.state != driver.interview.state {
            fatalError("the journalled events replay to another state (\(problems)): \(driver.events)")
        }
    }

    static func exportKind(_ kind: VariableSpec.Kind) -> ExportVariableKind {
        switch kind {
        case .numeric(let decimals): return .numeric(decimals: decimals)
        case .text: return .string(maxBytes: nil)
        case .date: return .date
        }
    }

    static func exportMissing(_ codes: MissingCodes) -> [MissingCode] {
        [MissingCode(code: Double(codes.dontKnow), label: "Don't know", stataTag: "a"),
         MissingCode(code: Double(codes.refused), label: "Refused", stataTag: "b")]
            + codes.extra.enumerated().map { MissingCode(code: Double($1.code), label: $1.name, stataTag: Character(UnicodeScalar(UInt8(99 + $0 % 24)))) }
    }
}

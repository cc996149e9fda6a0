import FieldworkChecker
import FieldworkModel
import Testing
@testable import FieldworkEngine

/// Checks a questionnaire written inline and fails the calling test (with every diagnostic) if it
/// does not compile cleanly, so a test never runs against a half-built instrument.
func instrument(_ json: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Instrument {
    let (instrument, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "test.json")
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "questionnaire has errors:\n\(errors.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
    return try #require(instrument, sourceLocation: sourceLocation)
}

/// A one-section questionnaire around the given items (a JSON array body), with the frames most
/// tests share.
func questionnaire(_ items: String, sampleFields: String = "[]", extraSections: String = "") -> String {
    """
    {
      "id": "t", "version": "1", "title": "Test", "languages": ["en"],
      "sampleFields": \(sampleFields),
      "codeFrames": {
        "yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}],
        "crimes": [
          {"code": 1, "name": "burglary", "label": "Burglary"},
          {"code": 2, "name": "fraud", "label": "Fraud"},
          {"code": 3, "name": "hacking", "label": "Hacking"},
          {"code": 99, "name": "none", "label": "None of these", "exclusive": true}
        ]
      },
      "sections": [
        {"id": "main", "title": "Main", "items": [\(items)]}\(extraSections)
      ]
    }
    """
}

/// The crime survey most routing and navigation tests use:
/// trading → staff (if trading) → crimes → loop victim over crimes (times, reported if times > 0)
/// → n_types (computed) → comments (if n_types > 1) → end.
let crimeSurvey = questionnaire("""
  {"type": "single", "id": "trading", "text": "Still trading?", "codeFrame": "yesno"},
  {"type": "integer", "id": "staff", "text": "How many staff?", "min": 1, "max": 5000, "askIf": "trading == 'yes'"},
  {"type": "multiple", "id": "crimes", "text": "Which happened?", "codeFrame": "crimes"},
  {"type": "loop", "id": "victim", "forEach": "crimes", "askIf": "not ('none' in crimes)", "items": [
    {"type": "integer", "id": "times", "text": "How many times did {item.label} happen?", "min": 0, "max": 100},
    {"type": "single", "id": "reported", "text": "Was the {item.label} reported?", "codeFrame": "yesno", "askIf": "times > 0"}
  ]},
  {"type": "computed", "id": "n_types", "expression": "count(crimes)", "valueType": "integer"},
  {"type": "text", "id": "comments", "text": "Anything else?", "maxLength": 20, "askIf": "n_types > 1"}
""")

extension Response {
    static func one(_ code: Int) -> Response { .choice(code, specify: nil) }
    static func many(_ codes: Int...) -> Response { .choices(codes, specify: [:]) }
    static func n(_ value: Double) -> Response { .number(value) }
}

/// Drives an interview the way a front end does (decide, then apply) and keeps the accepted events
/// so a test can replay them.
struct Session {
    var interview: Interview
    private(set) var events: [InterviewEvent] = []
    private(set) var lastEffects: [ApplyEffect] = []

    init(_ instrument: Instrument, sample: [String: String] = [:]) {
        interview = Interview(instrument: instrument, sample: SampleRecord(sample))
    }

    var state: InterviewState { interview.state }

    /// The current question as `id` or `id[pass]`, nil at the end screen.
    var current: String? { interview.currentKey.map { interview.address(of: $0).description } }

    func key(_ address: String) -> InstanceKey? {
        QuestionAddress(parsing: address).flatMap { interview.key(for: $0) }
    }

    func address(_ key: InstanceKey) -> String { interview.address(of: key).description }

    /// Applies the command if the engine accepts it; returns the decision either way.
    @discardableResult
    mutating func send(_ command: InterviewCommand) -> Decision {
        let decision = interview.decide(command)
        lastEffects = []
        if case .accepted(let evs) = decision {
            for e in evs {
                switch interview.apply(e) {
                case .success(let effect): lastEffects.append(effect)
                case .failure(let error): Issue.record("accepted event \(e) failed to apply: \(error.message)")
                }
                events.append(e)
            }
        }
        return decision
    }

    /// Answers the current question, failing the test when the engine rejects the answer.
    /// Returns the addresses that left the path.
    @discardableResult
    mutating func answer(_ response: Response, confirming: Set<String> = [],
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        let at = current
        let decision = send(.answer(response, confirming: confirming))
        if case .rejected(let why) = decision {
            Issue.record("answer \(response) at \(at ?? "end") rejected: \(why)", sourceLocation: sourceLocation)
        }
        return lastEffects.flatMap(\.leftPath).map(address)
    }

    mutating func back(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        if case .rejected(let why) = send(.back) { Issue.record("back rejected: \(why)", sourceLocation: sourceLocation) }
    }

    mutating func jump(_ address: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let a = QuestionAddress(parsing: address) else { Issue.record("bad address \(address)"); return }
        if case .rejected(let why) = send(.jump(a)) { Issue.record("jump rejected: \(why)", sourceLocation: sourceLocation) }
    }

    /// The addresses of the path, in order.
    var path: [String] { state.path.map { address($0.key) } }

    func status(_ address: String) -> AnswerStatus? { key(address).flatMap { state.answers[$0]?.status } }

    /// Rebuilds the interview from the accepted events.
    func replayed() -> (Interview, [ReplayProblem]) {
        Interview.replay(instrument: interview.instrument, sample: interview.sample, events: events)
    }
}

extension Decision {
    var rejection: Rejection? {
        if case .rejected(let r) = self { return r }
        return nil
    }
    var events: [InterviewEvent]? {
        if case .accepted(let e) = self { return e }
        return nil
    }
}

import FieldworkChecker
import FieldworkEngine
import FieldworkScreen

/// A small questionnaire covering every question kind the screen draws, built from inline JSON
/// through the real checker so the tests see what interviews see.
enum InterviewFixture {
    static let json = #"""
    {
      "id": "mini", "version": "1", "title": "Mini Business Survey",
      "languages": ["en"], "defaultLanguage": "en",
      "missingCodes": {"dontKnow": -1, "refused": -2},
      "targetMinutes": 30,
      "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": true, "label": "Business"},
        {"name": "phone", "type": "phone", "identifier": true, "label": "Phone"}
      ],
      "codeFrames": {
        "yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}],
        "agree3": [{"code": 1, "name": "agree", "label": "Agree"}, {"code": 2, "name": "neither", "label": "Neither"}, {"code": 3, "name": "disagree", "label": "Disagree"}]
      },
      "sections": [
        {"id": "start", "title": "Getting started", "items": [
          {"id": "q_intro", "type": "statement", "text": "Thank you for taking part. This survey is about running a business in London and takes about thirty minutes of your time, depending on your answers to the questions that follow.", "instruction": "Business: {sample.business_name}. Do not read the business name aloud."},
          {"id": "q_kind", "type": "single", "text": "Is this business still trading?", "codeFrame": "yesno", "label": "Trading"},
          {"id": "q_follow", "type": "single", "text": "Has it traded for more than a year?", "codeFrame": "yesno", "askIf": "q_kind == 'yes'", "label": "Over a year"},
          {"id": "q_staff", "type": "integer", "text": "How many people work here?", "min": 1, "max": 1000, "unit": "people", "label": "Staff",
           "checks": [{"id": "many", "require": "q_staff <= 500", "severity": "soft", "message": "{q_staff} staff is a lot for one site. Please check."}]},
          {"id": "q_role", "type": "single", "text": "What is your role?", "label": "Role", "options": [
            {"code": 1, "name": "owner", "label": "Owner or director"},
            {"code": 2, "name": "manager", "label": "Manager"},
            {"code": 3, "name": "other", "label": "Something else", "readOut": false, "specify": {"maxLength": 50}}]},
          {"id": "q_online", "type": "multiple", "text": "Which of these does the business have?", "label": "Online", "options": [
            {"code": 1, "name": "website", "label": "A website"},
            {"code": 2, "name": "shop", "label": "An online shop"},
            {"code": 97, "name": "none", "label": "None of these", "exclusive": true, "readOut": false}]}
        ]},
        {"id": "details", "title": "Details", "items": [
          {"id": "q_when", "type": "date", "text": "When did the business start?", "min": "1900-01-01", "max": "2030-12-31", "label": "Start"},
          {"id": "q_what", "type": "text", "text": "What does it do?", "maxLength": 100, "label": "Activity"},
          {"id": "q_grid", "type": "grid", "text": "Do you agree?", "codeFrame": "agree3", "label": "Views", "items": [
            {"name": "a", "text": "Crime is a problem here"}, {"name": "b", "text": "The police help"}]}
        ]}
      ]
    }
    """#

    static func instrument() throws -> Instrument {
        let (instrument, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "mini.json")
        guard let instrument else {
            throw FixtureError(message: diagnostics.map { "\($0)" }.joined(separator: "\n"))
        }
        return instrument
    }

    static func interview() throws -> Interview {
        Interview(instrument: try instrument(), sample: SampleRecord(["business_name": "Acme Widgets Ltd", "phone": "020 7946 0000"]))
    }

    static let context = InterviewScreenContext(caseID: "C42", interviewerID: "I7", sampleDisplay: ["Acme Widgets Ltd", "020 7946 0000"], elapsedSeconds: 125)
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Drives the controller against an in-memory engine (decide + apply), the way the terminal
/// session does against the recorder, so key sequences can be tested without a terminal.
struct InterviewDriver {
    var interview: Interview
    var controller = InterviewController()
    var lastIntent: InterviewIntent = .none

    init(_ interview: Interview) {
        self.interview = interview
        controller.sync(with: interview)
    }

    mutating func press(_ keys: Key...) { for key in keys { press(key) } }

    mutating func type(_ text: String) { for character in text { press(.character(character)) } }

    mutating func press(_ key: Key) {
        lastIntent = controller.handle(key, interview: interview)
        if case .perform(let command) = lastIntent {
            let result: InterviewPerformResult
            switch interview.decide(command) {
            case .rejected(let rejection):
                result = .rejected(rejection)
            case .accepted(let events):
                var left: [QuestionAddress] = []
                for event in events {
                    if case .success(let effect) = interview.apply(event) { left += effect.leftPath.map { interview.address(of: $0) } }
                }
                result = .recorded(leftPath: left)
            }
            controller.finished(command, result: result, interview: interview)
        }
    }

    func screen(_ size: ScreenSize = .minimum, context: InterviewScreenContext = InterviewFixture.context) -> ScreenFrame {
        InterviewScreen.compose(interview: interview, controller: controller, context: context, size: size).frame
    }

    var currentID: String? { interview.currentView()?.address.id }
}

extension ScreenFrame {
    /// The whole screen as one string, for "contains" checks.
    var text: String { plainLines.joined(separator: "\n") }

    /// The styles used for spans whose text contains `fragment`.
    func styles(of fragment: String) -> Set<Style> {
        var found: Set<Style> = []
        for row in rows { for span in row.spans where span.text.contains(fragment) { found.insert(span.style) } }
        return found
    }
}

import FieldworkBasics
import FieldworkChecker
import FieldworkDiagnostics
import Testing
@testable import FieldworkEngine

private let mini = #"""
{
  "id": "mini", "version": "1", "title": "Mini survey", "languages": ["en"],
  "sampleFields": [{"name": "business_name", "identifier": true}, {"name": "sector"}],
  "codeFrames": {
    "yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}],
    "crimes": [
      {"code": 1, "name": "burglary", "label": "Burglary"},
      {"code": 2, "name": "fraud", "label": "Fraud"},
      {"code": 3, "name": "hacking", "label": "Hacking"},
      {"code": 97, "name": "other", "label": "Something else", "specify": true},
      {"code": 99, "name": "none", "label": "None of these", "exclusive": true, "readOut": false}
    ]
  },
  "sections": [
    {"id": "s1", "title": "Screening", "items": [
      {"type": "statement", "id": "intro", "text": "Hello, I'm calling about {sample.business_name}."},
      {"type": "single", "id": "trading", "text": "Is the business still trading?", "codeFrame": "yesno"},
      {"type": "integer", "id": "staff", "text": "How many staff?", "min": 1, "max": 5000, "unit": "employees", "askIf": "trading == 'yes'",
       "checks": [{"id": "big", "require": "staff <= 1000", "message": "{staff} staff is a lot: please confirm", "severity": "soft"}]}
    ]},
    {"id": "s2", "title": "Crime", "askIf": "trading == 'yes'", "items": [
      {"type": "multiple", "id": "crimes", "text": "In the last 12 months, which of these happened?", "codeFrame": "crimes"},
      {"type": "loop", "id": "victim", "forEach": "crimes", "askIf": "not ('none' in crimes)", "items": [
        {"type": "integer", "id": "times", "text": "How many times did {item.label} happen?", "min": 1, "max": 100},
        {"type": "single", "id": "reported", "text": "Was the {item.label} reported to the police?", "codeFrame": "yesno", "askIf": "times > 0"}
      ]},
      {"type": "computed", "id": "n_types", "expression": "count(crimes)", "valueType": "integer"},
      {"type": "text", "id": "comments", "text": "Anything else?", "maxLength": 100, "askIf": "n_types > 1"}
    ]}
  ]
}
"""#

private let happyPath = """
# A retailer who was burgled and defrauded
sample business_name = Acme Stores
sample sector = retail
answer intro
answer trading yes
expect current staff
answer staff 2000
expect soft-check big
confirm
answer crimes burglary, fraud
expect current times[burglary]
answer times 3
answer reported yes
answer times[fraud] 1
answer reported[fraud] no
expect value n_types = 2
answer comments "Nothing more"
expect complete
expect never times[hacking]
"""

private let changeOfMind = """
answer intro
answer trading yes
answer staff 10
answer crimes burglary, fraud
answer times 3
answer reported yes
back
back
back
expect current crimes
answer crimes none
expect off-path times[burglary]
expect off-path reported[burglary]
expect complete
"""

@Suite("Scenarios")
struct ScenarioTests {
    private func run(_ text: String) throws -> (ScenarioFailure?, [Diagnostic]) {
        let runner = ScenarioRunner(instrument: try instrument(mini))
        let (scenario, parseProblems) = ScenarioParser.parse(text, file: "s.txt")
        let diagnostics = parseProblems + runner.validate(scenario)
        return (diagnostics.hasErrors ? nil : runner.run(scenario), diagnostics)
    }

    @Test(arguments: [happyPath, changeOfMind])
    func exampleScenariosPass(_ text: String) throws {
        let (failure, diagnostics) = try run(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(failure == nil, "\(failure.map(\.description) ?? "")")
    }

    @Test func parseErrorsCarryTheirLine() {
        let text = "answer intro\n\nfrobnicate trading\nexpect sideways staff\nanswer\n"
        let (_, diagnostics) = ScenarioParser.parse(text, file: "s.txt")
        #expect(diagnostics.map(\.location.line) == [3, 4, 5])
        #expect(diagnostics.allSatisfy { $0.code == "FW400" && $0.location.file == "s.txt" })
        #expect(diagnostics[0].message.contains("frobnicate"))
        #expect(diagnostics[1].message.contains("sideways"))
    }

    @Test func unknownQuestionIsReportedWithItsLineAndASuggestion() throws {
        let (_, diagnostics) = try run("answer intro\nanswer trading yes\nanswer staf 10\n")
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(d.code == "FW401")
        #expect(d.location.line == 3)
        #expect(d.message.contains("did you mean \"staff\""))
    }

    @Test func unknownComputedInExpectValueIsReported() throws {
        let (_, diagnostics) = try run("answer intro\nexpect value n_typez = 2\n")
        #expect(diagnostics.map(\.code) == ["FW401"])
        #expect(diagnostics.first?.location.line == 2)
    }

    @Test func failingExpectationReportsLineExpectedAndActual() throws {
        let text = "answer intro\nanswer trading yes\n# comment\nexpect current crimes\n"
        let (failure, diagnostics) = try run(text)
        #expect(diagnostics.isEmpty)
        let f = try #require(failure)
        #expect(f.line == 4)
        #expect(f.step == "expect current crimes")
        #expect(f.expected.contains("crimes"))
        #expect(f.actual.contains("staff"))
        #expect(f.description.hasPrefix("s.txt:4:"))
    }

    @Test func wrongValueExpectationShowsBothValues() throws {
        let text = "answer intro\nanswer trading yes\nanswer staff 10\nanswer crimes burglary\nexpect value n_types = 3\n"
        let f = try #require(try run(text).0)
        #expect(f.line == 5)
        #expect(f.expected == "n_types = 3")
        #expect(f.actual == "n_types = 1")
    }

    @Test func unexpectedRejectionFailsAtTheAnsweringLine() throws {
        let text = "answer intro\nanswer trading yes\nanswer staff 0\nanswer crimes burglary\n"
        let f = try #require(try run(text).0)
        #expect(f.line == 3)
        #expect(f.actual.contains("rejected"))
        #expect(f.actual.contains("from 1 to 5000"))
    }

    @Test func expectedSoftCheckThatDoesNotFireFails() throws {
        let text = "answer intro\nanswer trading yes\nanswer staff 10\nexpect soft-check big\n"
        let f = try #require(try run(text).0)
        #expect(f.line == 4)
        #expect(f.actual == "the answer was accepted")
    }

    @Test func answeringTheWrongQuestionFails() throws {
        let text = "answer intro\nanswer trading no\nanswer staff 10\n"
        let f = try #require(try run(text).0)
        #expect(f.line == 3)
        #expect(f.actual.contains("end of interview"))
    }

    @Test func anExpectedSoftCheckFollowedByACorrectedAnswerPasses() throws {
        let text = "answer intro\nanswer trading yes\nanswer staff 2000\nexpect soft-check big\nanswer staff 200\nexpect current crimes\nexpect value staff = 200\n"
        let (failure, diagnostics) = try run(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(failure == nil, "\(failure.map(\.description) ?? "")")
    }

    @Test func anExpectedSoftCheckAtTheEndOfTheFilePasses() throws {
        let (failure, _) = try run("answer intro\nanswer trading yes\nanswer staff 2000\nexpect soft-check big\n")
        #expect(failure == nil, "\(failure.map(\.description) ?? "")")
    }

    @Test func anExpectedSoftCheckCanStillBeConfirmedAfterOtherExpectations() throws {
        let text = "answer intro\nanswer trading yes\nanswer staff 2000\nexpect soft-check big\nexpect current staff\nconfirm\nexpect value staff = 2000\nexpect current crimes\n"
        let (failure, _) = try run(text)
        #expect(failure == nil, "\(failure.map(\.description) ?? "")")
    }

    @Test func aSoftCheckWithoutAnExpectationStillFailsAtItsAnswer() throws {
        let f = try #require(try run("answer intro\nanswer trading yes\nanswer staff 2000\nanswer crimes fraud\n").0)
        #expect(f.line == 3)
        #expect(f.actual.contains("rejected"))
        let atEnd = try #require(try run("answer intro\nanswer trading yes\nanswer staff 2000\n").0)
        #expect(atEnd.line == 3)
    }

    @Test func confirmAfterACorrectedAnswerHasNothingToConfirm() throws {
        let text = "answer intro\nanswer trading yes\nanswer staff 2000\nexpect soft-check big\nanswer staff 200\nconfirm\n"
        let f = try #require(try run(text).0)
        #expect(f.line == 6)
        #expect(f.actual.contains("no soft check"))
    }
}

/// A scenario with tens of thousands of `note` lines once took time growing with its square: the
/// runner kept a second reference to the interview, so every step copied its state, notes and all.
@Suite("Scenarios with many notes")
struct ScenarioManyNotesTests {
    @Test(.timeLimit(.minutes(1)))
    func sixtyThousandNotesRunInOneGo() throws {
        let runner = ScenarioRunner(instrument: try instrument(mini))
        let lines = ["answer intro"] + (0..<60_000).map { "note \"note number \($0)\"" } + ["expect current trading"]
        let (scenario, problems) = ScenarioParser.parse(lines.joined(separator: "\n"), file: "notes.txt")
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        #expect(runner.run(scenario) == nil)
    }
}

/// A scenario of hundreds of thousands of lines naming unknown questions once took 3.4 s per
/// 100,000 lines (every line rebuilt the list of names to suggest from) and printed nothing
/// until the end; now suggestions come from names prepared once, and commands print the first
/// problems and a count of the rest.
@Suite("Scenarios with many unknown questions")
struct ScenarioManyUnknownQuestionsTests {
    @Test(.timeLimit(.minutes(1)))
    func twoHundredThousandUnknownQuestionsAreEachReportedWithASuggestion() throws {
        let runner = ScenarioRunner(instrument: try instrument(mini))
        let count = 200_000
        let lines = (0..<count).map { $0 % 2 == 0 ? "answer tradin 1" : "answer unknown_\($0) 1" }
        let (scenario, problems) = ScenarioParser.parse(lines.joined(separator: "\n"), file: "many.txt")
        #expect(problems.isEmpty)
        let diagnostics = runner.validate(scenario)
        #expect(diagnostics.count == count)
        #expect(diagnostics.allSatisfy { $0.code.rawValue == "FW401" })
        #expect(diagnostics[0].message.contains("did you mean \"trading\"?"))
        #expect(!diagnostics[1].message.contains("did you mean"))
        #expect(diagnostics[count - 2].location.line == count - 1)

        let bounded = BoundedDiagnostics(diagnostics)
        #expect(bounded.shown.count == BoundedDiagnostics.defaultLimit)
        #expect(bounded.shown.map(\.location.line) == Array(1...BoundedDiagnostics.defaultLimit))
        #expect(bounded.omittedErrors == count - BoundedDiagnostics.defaultLimit)
        #expect(bounded.omittedSummary?.contains("\(count - BoundedDiagnostics.defaultLimit) more problems") == true)
    }

    @Test func aShortListIsShownWhole() {
        let at = SourceLocation(file: "s.txt", line: 1, column: 1)
        let three: [Diagnostic] = [.error("FW401", at: at, "a"), .warning("FW402", at: at, "b"), .error("FW401", at: at, "c")]
        #expect(BoundedDiagnostics(three).shown.count == 3)
        #expect(BoundedDiagnostics(three).omittedSummary == nil)
        let cut = BoundedDiagnostics(three, limit: 1)
        #expect(cut.omittedErrors == 1 && cut.omittedWarnings == 1)
        #expect(cut.omittedSummary == "… and 2 more problems not shown (1 error, 1 warning); fix the ones above first")
    }
}

/// A scenario file of `InputLimits.scenarioLines` lines is read and run; one line more is refused
/// with FW502 naming the limit (docs/hardening.md "Resource limits").
@Suite("Scenario line limit")
struct ScenarioLineLimitTests {
    /// At a limit of 20,000 lines a scenario of exactly that many is read and run; one more line is
    /// refused. (A million lines is run by the binary in docs/hardening.md's figures.)
    @Test func aScenarioAtTheLineLimitRunsAndOneMoreLineIsRefused() throws {
        let limit = 20_000
        let steps = happyPath.split(separator: "\n", omittingEmptySubsequences: false)
        let text = steps.joined(separator: "\n") + "\n" + String(repeating: "# filler\n", count: limit - steps.count)
        let (scenario, problems) = ScenarioParser.parse(text, file: "long.scenario", maximumLines: limit)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        let runner = ScenarioRunner(instrument: try instrument(mini))
        #expect(runner.validate(scenario).isEmpty)
        #expect(runner.run(scenario) == nil)

        let (over, overProblems) = ScenarioParser.parse(text + "# one more", file: "long.scenario", maximumLines: limit)
        #expect(over.steps.isEmpty)
        #expect(overProblems.map(\.code.rawValue) == ["FW502"])
        #expect(overProblems.first?.location.line == limit + 1)
    }

    /// The real limit: a million and one lines are counted and refused, with the message naming it.
    @Test func aMillionAndOneLinesAreRefusedNamingTheLimit() throws {
        let text = String(repeating: "\n", count: InputLimits.scenarioLines) + "back"
        let (over, problems) = ScenarioParser.parse(text, file: "long.scenario")
        #expect(over.steps.isEmpty)
        let d = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(d.code.rawValue == "FW502" && d.severity == .error)
        #expect(d.location.line == InputLimits.scenarioLines + 1)
        #expect(d.message == "the scenario has 1,000,001 lines; a scenario file may have at most 1,000,000 lines (the limit); split it into several files and pass them all to fieldwork test")
    }

    @Test func aLastLineWithoutNewlineCountsAndATrailingNewlineDoesNot() {
        #expect(ScenarioParser.parse("answer intro\n", file: "s", maximumLines: 1).1.isEmpty)
        #expect(ScenarioParser.parse("answer intro", file: "s", maximumLines: 1).1.isEmpty)
        #expect(ScenarioParser.parse("", file: "s", maximumLines: 1).1.isEmpty)
        let refused = ScenarioParser.parse("answer intro\nback", file: "s", maximumLines: 1).1
        #expect(refused.map(\.code.rawValue) == ["FW502"])
        #expect(refused.first?.location.line == 2)
    }
}

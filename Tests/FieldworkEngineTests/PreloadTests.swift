import FieldworkChecker
import FieldworkModel
import Testing
@testable import FieldworkEngine

@Suite("Preload values")
struct PreloadTests {
    private func preloadSurvey() throws -> Instrument {
        let json = questionnaire("""
          {"type": "integer", "id": "crimes_now", "text": "Last year you told us about {preload.prev_crimes} incidents. How many this year?", "min": 0, "max": 100},
          {"type": "single", "id": "same_place", "text": "Are you still in {preload.prev_town}?", "codeFrame": "yesno", "askIf": "preload.prev_crimes > 0"},
          {"type": "text", "id": "bye", "text": "Anything else?"}
        """).replacingOccurrences(of: #""sampleFields": [],"#, with: #"""
          "sampleFields": [], "preload": [{"name": "prev_crimes", "type": "number"}, {"name": "prev_town", "type": "text"}],
        """#)
        return try instrument(json)
    }

    @Test func fillShowsThePreloadValue() throws {
        let s = Session(try preloadSurvey(), sample: ["preload.prev_crimes": "3", "preload.prev_town": "Leeds"])
        #expect(s.current == "crimes_now")
        #expect(s.interview.currentView()?.text == "Last year you told us about 3 incidents. How many this year?")
    }

    @Test func conditionOnThePreloadValueRoutes() throws {
        var asked = Session(try preloadSurvey(), sample: ["preload.prev_crimes": "2", "preload.prev_town": "Leeds"])
        asked.answer(.n(1))
        #expect(asked.current == "same_place")
        #expect(asked.interview.currentView()?.text == "Are you still in Leeds?")

        var skipped = Session(try preloadSurvey(), sample: ["preload.prev_crimes": "0"])
        skipped.answer(.n(1))
        #expect(skipped.current == "bye")
    }

    @Test func missingValueIsNotAskedSoConditionsAreFalseAndFillsEmpty() throws {
        var s = Session(try preloadSurvey())
        #expect(s.interview.currentView()?.text == "Last year you told us about (not known) incidents. How many this year?")
        s.answer(.n(4))
        #expect(s.current == "bye", "a condition on a missing preload value is never true")
    }

    @Test func aSampleFieldOfTheSameNameIsNotAPreloadValue() throws {
        let s = Session(try preloadSurvey(), sample: ["prev_crimes": "9"])
        #expect(s.interview.currentView()?.text == "Last year you told us about (not known) incidents. How many this year?")
    }

    @Test func recordHelpersKeepPreloadApartFromSampleFields() {
        let record = SampleRecord(["sector": "G"]).addingPreload(["prev_crimes": "5"])
        #expect(record.fields == ["sector": "G", "preload.prev_crimes": "5"])
        #expect(record.preloadValues == ["prev_crimes": "5"])
    }

    @Test func scenarioPreloadLinesSetValuesAndUndeclaredOnesWarn() throws {
        let inst = try preloadSurvey()
        let text = """
        preload prev_crimes = 2
        preload prev_town = "Leeds"
        expect current crimes_now
        answer crimes_now 1
        expect current same_place
        """
        let (scenario, parseProblems) = ScenarioParser.parse(text, file: "s.scenario")
        #expect(parseProblems.isEmpty, "\(parseProblems)")
        let runner = ScenarioRunner(instrument: inst)
        #expect(runner.validate(scenario).isEmpty)
        #expect(runner.run(scenario) == nil, "\(String(describing: runner.run(scenario)))")

        let (bad, _) = ScenarioParser.parse("preload prev_crime = 2\nexpect current crimes_now\n", file: "b.scenario")
        let lint = runner.validate(bad)
        #expect(lint.contains { $0.message.contains("did you mean \"prev_crimes\"") }, "\(lint)")

        let (_, malformed) = ScenarioParser.parse("preload prev_crimes\n", file: "m.scenario")
        #expect(malformed.first?.message.contains("preload NAME = VALUE") == true)
    }
}

import FieldworkChecker
import FieldworkDiagnostics
import FieldworkExpressions
import Testing
@testable import FieldworkEngine

/// A read-out screener: one yes/no per crime type (`forEachOption`), then follow-up forms only for
/// the types answered yes (`passIf` with `had[item]`), and totals over both (language §12).
private func screenerSurvey(extraItems: String = "") -> String {
    questionnaire("""
      {"type": "single", "id": "consent", "text": "Carry on?", "codeFrame": "yesno"},
      {"type": "loop", "id": "screen", "forEachOption": "crimes", "askIf": "consent == 'yes'", "items": [
        {"type": "single", "id": "had", "text": "Has the business had {item.label}?", "codeFrame": "yesno"},
        {"type": "integer", "id": "times", "text": "How many times?", "min": 1, "max": 50, "askIf": "answered(had) and had == 'yes'"},
        {"type": "computed", "id": "yes", "valueType": "boolean", "expression": "had == 'yes'"}
      ]},
      {"type": "computed", "id": "n_types", "valueType": "integer", "expression": "count(yes)"},
      {"type": "computed", "id": "tot", "valueType": "integer", "expression": "sum(times)"},
      {"type": "computed", "id": "online_tot", "valueType": "integer", "expression": "sum(times, online)"},
      {"type": "loop", "id": "forms", "forEachOption": "crimes", "passIf": "yes[item]", "items": [
        {"type": "text", "id": "what", "text": "Form {item.index} of {n_types}: what happened with the {item.label} ({times[item]} times)?", "maxLength": 40},
        {"type": "decimal", "id": "cost", "text": "Cost?", "min": 0, "max": 1000, "decimals": 2}
      ]},
      {"type": "computed", "id": "tot_cost", "valueType": "decimal", "expression": "sum(cost)"},
      {"type": "text", "id": "bye", "text": "Anything else?", "maxLength": 20}\(extraItems)
    """).replacingOccurrences(of: #""sections": ["#,
                              with: #""optionSets": {"online": {"codeFrame": "crimes", "options": ["fraud", "hacking"]}}, "sections": ["#)
}

@Suite("Loops over a code frame's options, and passIf")
struct ForEachOptionLoopTests {
    @Test func everyOptionIsAskedInTurnButNeverTheExclusiveOne() throws {
        var s = Session(try instrument(screenerSurvey()))
        s.answer(.one(1))
        #expect(s.current == "had[1]")
        s.answer(.one(1))
        #expect(s.current == "times[1]")
        s.answer(.n(3))
        #expect(s.current == "had[2]")
        s.answer(.one(2))
        #expect(s.current == "had[3]", "no 'how many' after a no")
        s.answer(.one(1))
        s.answer(.n(2))
        #expect(s.current == "what[1]", "the 'none of these' option makes no screener pass")
    }

    @Test func formsAreMadeOnlyForTheTypesAnsweredYesAndCountedAmongThemselves() throws {
        var s = Session(try instrument(screenerSurvey()))
        s.answer(.one(1))
        s.answer(.one(1)); s.answer(.n(3))       // burglary: yes, 3
        s.answer(.one(2))                         // fraud: no
        s.answer(.one(1)); s.answer(.n(2))       // hacking: yes, 2
        #expect(s.current == "what[1]")
        let text = s.interview.currentView().map { $0.text } ?? ""
        #expect(text.contains("Form 1 of 2"), "\(text)")
        #expect(text.contains("(3 times)"), "times[item] reads the screener's pass for the same option: \(text)")
        s.answer(.text("Window broken")); s.answer(.n(100))
        #expect(s.current == "what[3]", "no form for fraud, answered no")
        let second = s.interview.currentView().map { $0.text } ?? ""
        #expect(second.contains("Form 2 of 2") && second.contains("(2 times)"), "\(second)")
        s.answer(.text("Email taken")); s.answer(.n(50.5))
        #expect(s.current == "bye")
        let v = { (id: String) in s.interview.computedValue(id: id) }
        #expect(v("n_types") == .number(2))
        #expect(v("tot") == .number(5))
        #expect(v("online_tot") == .number(2), "fraud answered no, hacking 2")
        #expect(v("tot_cost") == .number(150.5))
    }

    @Test func changingAScreenerAnswerToNoTakesItsFormOffThePath() throws {
        var s = Session(try instrument(screenerSurvey()))
        s.answer(.one(1))
        s.answer(.one(1)); s.answer(.n(3))
        s.answer(.one(2))
        s.answer(.one(1)); s.answer(.n(2))
        s.answer(.text("Window")); s.answer(.n(10))
        s.answer(.text("Email")); s.answer(.n(20))
        s.jump("had[3]")
        let left = s.answer(.one(2))
        #expect(left.contains("what[3]") && left.contains("cost[3]") && left.contains("times[3]"), "\(left)")
        #expect(s.current == "what[1]", "the next question on the path after the changed answer")
        #expect(!s.path.contains("what[3]") && s.path.last == "bye", "\(s.path)")
        #expect(s.interview.computedValue(id: "tot_cost") == .number(10))
        #expect(s.interview.computedValue(id: "n_types") == .number(1))
    }

    @Test func noYesAnywhereGivesZeroTotalsAndNoForms() throws {
        var s = Session(try instrument(screenerSurvey()))
        s.answer(.one(1))
        s.answer(.one(2)); s.answer(.one(2)); s.answer(.one(2))
        #expect(s.current == "bye")
        let v = { (id: String) in s.interview.computedValue(id: id) }
        #expect(v("n_types") == .number(0))
        #expect(v("tot") == .number(0))
        #expect(v("tot_cost") == .number(0), "every pass was decided no: nothing to add, so 0")
    }

    @Test func aScreenerNeverReachedLeavesTheTotalsMissingNotZero() throws {
        var s = Session(try instrument(screenerSurvey()))
        s.answer(.one(2))
        #expect(s.current == "bye")
        let v = { (id: String) in s.interview.computedValue(id: id) }
        #expect(v("n_types")?.isMissing == true)
        #expect(v("tot")?.isMissing == true)
        #expect(v("tot_cost")?.isMissing == true, "passIf could not be decided for any pass")
    }

    @Test func replayGivesTheSameState() throws {
        var s = Session(try instrument(screenerSurvey()))
        s.answer(.one(1))
        s.answer(.one(1)); s.answer(.n(3)); s.answer(.one(2)); s.answer(.one(1)); s.answer(.n(2))
        s.answer(.text("A")); s.answer(.n(1))
        let (replayed, problems) = s.replayed()
        #expect(problems.isEmpty)
        #expect(replayed.state.path.map { replayed.address(of: $0.key).description } == s.path)
        #expect(replayed.computedValue(id: "tot") == .number(5))
    }

    @Test func aLoopOverAnOptionSetMakesOnlyItsPasses() throws {
        let json = screenerSurvey().replacingOccurrences(of: #""id": "forms", "forEachOption": "crimes""#,
                                                         with: #""id": "forms", "forEachOption": "online""#)
        var s = Session(try instrument(json))
        s.answer(.one(1))
        s.answer(.one(1)); s.answer(.n(3))
        s.answer(.one(1)); s.answer(.n(1))
        s.answer(.one(2))
        #expect(s.current == "what[2]", "burglary is not in the option set 'online'")
        s.answer(.text("x")); s.answer(.n(1))
        #expect(s.current == "bye", "hacking answered no")
    }

    @Test func simulationWeightRulesAreWorkedOutInThePass() throws {
        // 'yes' is never drawn for burglary and always for the others.
        let json = screenerSurvey().replacingOccurrences(
            of: #""type": "single", "id": "had", "text": "Has the business had {item.label}?", "codeFrame": "yesno""#,
            with: #""type": "single", "id": "had", "text": "Has the business had {item.label}?", "allowDontKnow": false, "allowRefused": false, "options": [{"code": 1, "name": "yes", "label": "Yes", "simulationWeight": "if(item.name == 'burglary', 0, 100)"}, {"code": 2, "name": "no", "label": "No", "simulationWeight": "if(item.name == 'burglary', 1, 0)"}]"#)
        let instrument = try instrument(json)
        var options = SimulationOptions()
        options.keepEvents = true
        var simulator = Simulator(instrument: instrument, options: options)
        let samples = SyntheticSample(instrument: instrument)
        var sawForms = 0
        for index in 0..<40 {
            var rng = SeededRandom.forInterview(seed: 5, index: index)
            let sample = samples.record(index: index, rng: &rng)
            let run = simulator.simulate(index: index, sample: sample)
            let (interview, _) = Interview.replay(instrument: instrument, sample: sample, events: run.events.map(\.0))
            guard interview.computedValue(id: "n_types") != nil, case .number(let n)? = interview.computedValue(id: "n_types") else { continue }
            #expect(n == 2, "fraud and hacking always yes, burglary never (interview \(index))")
            sawForms += 1
        }
        #expect(sawForms > 5)
    }
}

@Suite("The checker on forEachOption and passIf")
struct ForEachOptionCheckerTests {
    func diagnostics(_ json: String) -> [Diagnostic] {
        Checker.check(bytes: Array(json.utf8), file: "t.json").1
    }

    @Test func anUnknownFrameIsAnErrorWithANearMiss() {
        let d = diagnostics(screenerSurvey().replacingOccurrences(of: #""id": "screen", "forEachOption": "crimes""#,
                                                                   with: #""id": "screen", "forEachOption": "crimez""#))
        #expect(d.contains { $0.code == .badLoopSource && $0.message.contains("did you mean \"crimes\"") }, "\(d)")
    }

    @Test func aQuestionNamedAsFrameIsPointedToForEach() {
        let d = diagnostics(screenerSurvey().replacingOccurrences(of: #""id": "screen", "forEachOption": "crimes""#,
                                                                   with: #""id": "screen", "forEachOption": "consent""#))
        #expect(d.contains { $0.code == .badLoopSource && $0.message.contains("write \"forEach\"") }, "\(d)")
    }

    @Test func forEachOverAFrameNameIsPointedToForEachOption() {
        let d = diagnostics(screenerSurvey().replacingOccurrences(of: #""id": "screen", "forEachOption": "crimes""#,
                                                                   with: #""id": "screen", "forEach": "crimes""#))
        #expect(d.contains { $0.message.contains("write \"forEachOption\"") }, "\(d)")
    }

    @Test func itemInBracketsNeedsTheSameFrame() {
        let json = screenerSurvey(extraItems: """
          ,{"type": "integer", "id": "n", "text": "How many?", "min": 0, "max": 3},
          {"type": "loop", "id": "other", "count": "n", "max": 3, "passIf": "yes[item]", "items": [
            {"type": "text", "id": "o", "text": "Other?", "maxLength": 5}]}
        """)
        let d = diagnostics(json)
        #expect(d.contains { $0.severity == .error && $0.message.contains("same code frame") }, "\(d)")
    }

    @Test func passIfCannotUseTheLoopsOwnAnswers() {
        let json = screenerSurvey().replacingOccurrences(of: #""passIf": "yes[item]""#, with: #""passIf": "cost > 1""#)
        #expect(diagnostics(json).contains { $0.severity == .error && $0.message.contains("passIf") }, "\(diagnostics(json))")
    }

    @Test func twoSourcesAreRefused() {
        let json = screenerSurvey().replacingOccurrences(of: #""id": "screen", "forEachOption": "crimes""#,
                                                          with: #""id": "screen", "forEachOption": "crimes", "count": "consent""#)
        #expect(diagnostics(json).contains { $0.message.contains("not \"forEachOption\" and \"count\"") }, "\(diagnostics(json))")
    }

    @Test func theFrameOfALoopCountsAsUsed() {
        #expect(!diagnostics(screenerSurvey()).contains { $0.code == .unusedCodeFrame && $0.message.contains("\"crimes\"") })
    }
}

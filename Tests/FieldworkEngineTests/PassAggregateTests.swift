import FieldworkChecker
import FieldworkDiagnostics
import FieldworkExpressions
import Testing
@testable import FieldworkEngine

/// A victim form per crime with an offenders loop inside it, and totals over the passes
/// (language §12, "Adding up the passes").
private func aggregateSurvey(extra: String = "") -> String {
    questionnaire("""
      {"type": "multiple", "id": "crimes", "text": "Which happened?", "codeFrame": "crimes"},
      {"type": "loop", "id": "victim", "forEach": "crimes", "askIf": "not ('none' in crimes)", "items": [
        {"type": "integer", "id": "inc", "text": "How many times?", "min": 0, "max": 100},
        {"type": "decimal", "id": "cost", "text": "Cost?", "min": 0, "max": 1000, "decimals": 2},
        {"type": "computed", "id": "police", "valueType": "boolean", "expression": "inc > 5"},
        {"type": "integer", "id": "n_off", "text": "How many offenders?", "min": 0, "max": 3},
        {"type": "loop", "id": "offenders", "count": "n_off", "max": 3, "items": [
          {"type": "integer", "id": "age", "text": "Age of offender {item.index}?", "min": 10, "max": 99}
        ]},
        {"type": "computed", "id": "off_age", "valueType": "integer", "expression": "sum(age)"}
      ]},
      {"type": "computed", "id": "tot_inc", "valueType": "integer", "expression": "sum(inc)"},
      {"type": "computed", "id": "tot_cost", "valueType": "decimal", "expression": "sum(cost)"},
      {"type": "computed", "id": "online_cost", "valueType": "decimal", "expression": "sum(cost, online)"},
      {"type": "computed", "id": "n_police", "valueType": "integer", "expression": "count(police)"},
      {"type": "computed", "id": "any_police", "valueType": "boolean", "expression": "any(police)"},
      {"type": "computed", "id": "all_police", "valueType": "boolean", "expression": "all(police)"},
      {"type": "computed", "id": "tot_age", "valueType": "integer", "expression": "sum(off_age)"},
      {"type": "text", "id": "many", "text": "Why so many?", "maxLength": 20, "askIf": "tot_inc > 10"},
      {"type": "text", "id": "bye", "text": "Anything else?", "maxLength": 20}\(extra)
    """).replacingOccurrences(of: #""sections": ["#,
                              with: #""optionSets": {"online": {"codeFrame": "crimes", "options": ["fraud", "hacking"]}}, "sections": ["#)
}

@Suite("Aggregates over loop passes")
struct PassAggregateTests {
    /// burglary: 4 incidents, £10.25, offenders aged 20 and 30; fraud: don't know, £3, none;
    /// hacking: 8 incidents, cost refused, one offender aged 40.
    func filledIn() throws -> Session {
        var s = Session(try instrument(aggregateSurvey()))
        s.answer(.many(1, 2, 3))
        s.answer(.n(4)); s.answer(.n(10.25)); s.answer(.n(2)); s.answer(.n(20)); s.answer(.n(30))
        s.answer(.dontKnow); s.answer(.n(3)); s.answer(.n(0))
        s.answer(.n(8)); s.answer(.refused); s.answer(.n(1)); s.answer(.n(40))
        return s
    }

    @Test func sumsCountsAndTruthsOverThePassesMade() throws {
        let s = try filledIn()
        let v = { (id: String) in s.interview.computedValue(id: id) }
        #expect(s.current == "many", "tot_inc 12 > 10 routes to 'many'")
        #expect(v("tot_inc") == .number(12), "don't know (fraud) is left out")
        #expect(v("tot_cost") == .number(13.25), "refused (hacking) is left out")
        #expect(v("online_cost") == .number(3), "only fraud and hacking; hacking's cost was refused")
        #expect(v("n_police") == .number(1), "burglary 4 is not > 5, fraud's is unknown, hacking 8 is")
        #expect(v("any_police") == .boolean(true))
        #expect(v("all_police") == .boolean(false))
    }

    @Test func anInnerLoopIsSummedInsideEachOuterPass() throws {
        let s = try filledIn()
        #expect(s.interview.computedValue(id: "off_age", pass: [1]) == .number(50))
        #expect(s.interview.computedValue(id: "off_age", pass: [2]) == .number(0), "no offenders: 0")
        #expect(s.interview.computedValue(id: "off_age", pass: [3]) == .number(40))
        #expect(s.interview.computedValue(id: "tot_age") == .number(90))
    }

    @Test func noPassesGiveZeroFalseAndTrue() throws {
        var s = Session(try instrument(aggregateSurvey()))
        s.answer(.many(99))
        #expect(s.current == "bye")
        let v = { (id: String) in s.interview.computedValue(id: id) }
        #expect(v("tot_inc") == .number(0))
        #expect(v("tot_cost") == .number(0))
        #expect(v("n_police") == .number(0))
        #expect(v("any_police") == .boolean(false))
        #expect(v("all_police") == .boolean(true))
    }

    @Test func aMissingDrivingAnswerLeavesTheTotalsMissing() throws {
        var s = Session(try instrument(aggregateSurvey()))
        s.answer(.refused)
        #expect(s.current == "bye")
        #expect(s.interview.computedValue(id: "tot_inc") == .missing(.refused))
        #expect(s.interview.computedValue(id: "all_police") == .missing(.refused))
    }

    @Test func anUnfinishedInterviewCountsOnlyThePassesMadeSoFar() throws {
        var s = Session(try instrument(aggregateSurvey()))
        s.answer(.many(1, 2))
        s.answer(.n(4)); s.answer(.n(1)); s.answer(.n(0))
        #expect(s.current == "inc[2]")
        #expect(s.interview.computedValue(id: "tot_inc") == .number(4))
        #expect(s.interview.computedValue(id: "tot_cost") == .number(1))
    }

    @Test func changingOnePassRecomputesTheRememberedTotal() throws {
        var s = try filledIn()
        let inst = s.interview.instrument
        let c = try #require(inst.computedIndex(id: "tot_inc"))
        let remembered = { (s: Session) in EvaluationScope(interview: s.interview, iteration: .none).value(of: inst.computed[c].symbol) }
        #expect(remembered(s) == .number(12))
        s.jump("inc[1]")
        s.answer(.n(1))
        #expect(remembered(s) == .number(9))
        #expect(!s.path.contains("many"), "the total fell to 9, so 'many' is no longer asked")
        s.jump("crimes")
        s.answer(.many(1, 2))
        #expect(remembered(s) == .number(1), "the hacking pass is no longer made")
    }

    @Test func aTotalDependsOnThePassQuestionsAndTheDrivingAnswer() throws {
        let inst = try instrument(aggregateSurvey())
        let c = try #require(inst.computedIndex(id: "tot_inc"))
        let depends = Set(inst.computedDependencies.questions(of: c).map(Int.init))
        let ids = Set(depends.map { inst.questions[$0].question.id })
        #expect(ids == ["inc", "crimes"])
        let ages = try #require(inst.computedIndex(id: "tot_age"))
        let ageIDs = Set(inst.computedDependencies.questions(of: ages).map { inst.questions[Int($0)].question.id })
        #expect(ageIDs == ["age", "n_off", "crimes"])
    }

    /// A loop with no questions of its own: the total depends on nothing but the driving answer,
    /// so only that dependency can tell the remembered total is stale.
    @Test func aTotalOverALoopWithoutQuestionsFollowsItsDrivingAnswer() throws {
        var s = Session(try instrument(questionnaire("""
          {"type": "integer", "id": "n", "text": "How many?", "min": 0, "max": 4},
          {"type": "loop", "id": "rounds", "count": "n", "max": 4, "items": [
            {"type": "computed", "id": "twice", "valueType": "integer", "expression": "item.index * 2"}
          ]},
          {"type": "computed", "id": "total", "valueType": "integer", "expression": "sum(twice)"},
          {"type": "text", "id": "big", "text": "Why so many?", "maxLength": 20, "askIf": "total > 5"},
          {"type": "text", "id": "bye", "text": "Anything else?", "maxLength": 20}
        """)))
        s.answer(.n(2))
        #expect(s.current == "big", "passes 1 and 2 give 2 + 4 = 6 > 5")
        s.jump("n")
        s.answer(.n(1))
        #expect(s.interview.computedValue(id: "total") == .number(2))
        #expect(s.current == "bye", "the remembered 6 must not keep 'big' on the path")
        s.jump("n")
        s.answer(.n(3))
        #expect(s.interview.computedValue(id: "total") == .number(12))
        #expect(s.current == "big")
    }

    @Test func anInnerLoopQuestionInTheOuterPassSaysToCombineIt() throws {
        let json = aggregateSurvey().replacingOccurrences(of: #""expression": "sum(age)""#, with: #""expression": "age + 1""#)
        let (_, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "t.json")
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.code.description == "FW219")
        #expect(error.message.contains("\"age\" is inside loop \"offenders\"; from the pass of the loop around it, combine its passes: sum(age)"),
                "\(error.message)")
    }

    @Test func replayGivesTheSameTotals() throws {
        var s = try filledIn()
        s.jump("cost[2]")
        s.answer(.n(7))
        let (replayed, problems) = s.replayed()
        #expect(problems.isEmpty)
        for id in ["tot_inc", "tot_cost", "online_cost", "n_police", "any_police", "all_police", "tot_age"] {
            #expect(replayed.computedValue(id: id) == s.interview.computedValue(id: id), "\(id)")
        }
        #expect(replayed.computedValue(id: "tot_cost") == .number(17.25))
    }

    @Test(arguments: [
        (#"{"type": "computed", "id": "early", "expression": "sum(inc) > 0", "valueType": "boolean"},"#, "FW205", "ends later than this"),
        (#"{"type": "computed", "id": "deep", "expression": "sum(age)", "valueType": "integer"}"#, "FW219", "combine it in two steps"),
        (#"{"type": "computed", "id": "odd", "expression": "inc + 1", "valueType": "integer"}"#, "FW219", "or combine its passes: sum(inc)"),
        (#"{"type": "computed", "id": "yn", "expression": "sum(cost, yn_set)", "valueType": "decimal"}"#, "FW345", "use a set of 'crimes'"),
        (#"{"type": "computed", "id": "tf", "expression": "any(cost)", "valueType": "boolean"}"#, "FW343", "needs true or false in each pass"),
    ])
    func misusesAreFoundWithTheirPlace(item: String, code: String, words: String) throws {
        var json = aggregateSurvey(extra: item.hasSuffix(",") ? "" : ",\n" + item)
        if item.hasSuffix(",") {
            json = json.replacingOccurrences(of: #"{"type": "loop", "id": "victim""#, with: item + #"{"type": "loop", "id": "victim""#)
        }
        json = json.replacingOccurrences(of: #""optionSets": {"#, with: #""optionSets": {"yn_set": {"codeFrame": "yesno", "options": ["yes"]}, "#)
        let (_, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "t.json")
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.code.description == code, "\(error)")
        #expect(error.message.contains(words), "\(error.message)")
        // The diagnostic points into the expression's own line.
        let line = json.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(item.trimmingCharacters(in: [","])) }
        #expect(error.location.line == line.map { $0 + 1 }, "\(error)")
    }

    @Test func anInnerLoopCannotBeSummedFromItsOwnPass() throws {
        let json = aggregateSurvey().replacingOccurrences(of: #""expression": "sum(age)""#, with: #""expression": "sum(inc)""#)
        let (_, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "t.json")
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.code.description == "FW345")
        #expect(error.message.contains("'inc' is not inside a loop just inside this place"))
    }
}

import FieldworkChecker
import FieldworkExpressions
import Testing
@testable import FieldworkEngine

/// Computed variables inside loops: a pass the interview never made has no value (language §12).
@Suite("Computed values in loop passes")
struct LoopPassComputedTests {
    /// A victim form with a cost total per crime (`coalesce(…, 0)` sums, as in the BAS), a total
    /// over the passes, and one pass's total read from outside the loop.
    let survey = questionnaire("""
      {"type": "multiple", "id": "crimes", "text": "Which happened?", "codeFrame": "crimes"},
      {"type": "loop", "id": "victim", "forEach": "crimes", "askIf": "not ('none' in crimes)", "items": [
        {"type": "decimal", "id": "stolen", "text": "Value stolen?", "min": 0, "max": 1000, "decimals": 2},
        {"type": "decimal", "id": "damage", "text": "Damage?", "min": 0, "max": 1000, "decimals": 2},
        {"type": "computed", "id": "cost", "valueType": "decimal",
         "expression": "coalesce(stolen, 0) + coalesce(damage, 0)"}
      ]},
      {"type": "computed", "id": "total", "valueType": "decimal",
       "expression": "coalesce(cost[burglary], 0) + coalesce(cost[fraud], 0) + coalesce(cost[hacking], 0)"},
      {"type": "computed", "id": "fraud_cost", "valueType": "decimal", "expression": "coalesce(cost[fraud], -1)"},
      {"type": "text", "id": "bye", "text": "Anything else?", "maxLength": 20}
    """)

    @Test func aPassNotMadeIsNotAskedNotZero() throws {
        var s = Session(try instrument(survey))
        s.answer(.many(1, 3))
        s.answer(.n(10)); s.answer(.n(5))
        s.answer(.n(0)); s.answer(.n(0))
        #expect(s.current == "bye")
        #expect(s.interview.computedValue(id: "cost", pass: [1]) == .number(15))
        #expect(s.interview.computedValue(id: "cost", pass: [3]) == .number(0), "a pass made with nothing lost is a real 0")
        #expect(s.interview.computedValue(id: "cost", pass: [2]) == .missing(.notAsked), "fraud was not chosen")
        #expect(s.interview.computedValue(id: "total") == .number(15))
        #expect(s.interview.computedValue(id: "fraud_cost") == .number(-1), "cost[fraud] read from outside the loop is not asked too")
    }

    @Test func passesAheadOfAnUnfinishedInterviewAreNotMade() throws {
        var s = Session(try instrument(survey))
        s.answer(.many(1, 2))
        s.answer(.n(10))
        #expect(s.current == "damage[1]")
        #expect(s.interview.computedValue(id: "cost", pass: [1]) == .number(10))
        #expect(s.interview.computedValue(id: "cost", pass: [2]) == .missing(.notAsked), "the fraud pass has not started")
    }

    @Test func aPassDroppedByAChangedAnswerIsNotMadeAnyMore() throws {
        var s = Session(try instrument(survey))
        s.answer(.many(1, 2))
        s.answer(.n(10)); s.answer(.n(5))
        s.answer(.n(7)); s.answer(.n(1))
        #expect(s.interview.computedValue(id: "cost", pass: [2]) == .number(8))
        s.jump("crimes")
        s.answer(.many(1))
        #expect(s.interview.computedValue(id: "cost", pass: [2]) == .missing(.notAsked))
        #expect(s.interview.computedValue(id: "total") == .number(15))
        let (replayed, problems) = s.replayed()
        #expect(problems.isEmpty)
        #expect(replayed.computedValue(id: "cost", pass: [2]) == .missing(.notAsked))
    }

    @Test func aLoopWithoutQuestionsOfItsOwnFollowsItsDrivingAnswer() throws {
        let inst = try instrument(questionnaire("""
          {"type": "integer", "id": "n", "text": "How many?", "min": 0, "max": 3},
          {"type": "loop", "id": "outer", "count": "n", "max": 3, "items": [
            {"type": "computed", "id": "twice", "valueType": "integer", "expression": "item.index * 2"}
          ]},
          {"type": "text", "id": "bye", "text": "Anything else?", "maxLength": 20}
        """))
        var s = Session(inst)
        s.answer(.n(2))
        #expect(s.interview.computedValue(id: "twice", pass: [2]) == .number(4))
        #expect(s.interview.computedValue(id: "twice", pass: [3]) == .missing(.notAsked))
    }
}

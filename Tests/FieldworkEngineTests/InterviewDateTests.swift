import FieldworkBasics
import Foundation
import FieldworkChecker
import FieldworkExpressions
import FieldworkModel
import Testing
@testable import FieldworkEngine

/// A reference period anchored to the interview's date, and an incident date that may not be later.
let datedSurvey = questionnaire("""
  {"type": "date", "id": "incident", "text": "Since {date_text(add_months(today(), -12))}, when did it last happen?",
   "checks": [{"id": "not_future", "require": "incident <= today()", "message": "That is after today ({date_text(today())})."},
              {"id": "in_period", "require": "incident >= add_months(today(), -12)", "message": "That is before the last 12 months.", "severity": "soft"}]},
  {"type": "computed", "id": "days_ago", "expression": "today() - incident", "valueType": "integer"}
""")

@Suite("The interview's date: today()")
struct InterviewDateTests {
    static let december6 = CivilDate(year: 2026, month: 12, day: 6).daysSinceEpoch

    @Test func fillsAndChecksReadTheInterviewsDate() throws {
        let inst = try instrument(datedSurvey)
        #expect(inst.usesInterviewDate)
        var s = Session(inst)
        s.interview = Interview(instrument: inst, sample: SampleRecord([:]), interviewDay: Self.december6)
        #expect(s.interview.currentView()?.text == "Since 6 December 2025, when did it last happen?")
        let tomorrow = CivilDate(year: 2026, month: 12, day: 7).daysSinceEpoch
        guard case .rejected(.hardCheck(let failures)) = s.send(.answer(.date(tomorrow))) else {
            Issue.record("a date after the interview was accepted")
            return
        }
        #expect(failures.map(\.message) == ["That is after today (6 December 2026)."])
        let longAgo = CivilDate(year: 2025, month: 12, day: 5).daysSinceEpoch
        guard case .rejected(.softCheck(let soft)) = s.send(.answer(.date(longAgo))) else {
            Issue.record("a date before the reference period raised no soft check")
            return
        }
        #expect(soft.map(\.id) == ["in_period"])
        s.answer(.date(CivilDate(year: 2026, month: 11, day: 26).daysSinceEpoch))
        #expect(s.interview.isAtEndScreen)
    }

    @Test func withoutADateTodayIsNotAskedAndChecksDoNotFire() throws {
        var s = Session(try instrument(datedSurvey))
        s.answer(.date(CivilDate(year: 2030, month: 1, day: 1).daysSinceEpoch))
        #expect(s.interview.isAtEndScreen)
    }

    @Test func replayTakesTheJournalledDateOverTodays() throws {
        let inst = try instrument(datedSurvey)
        let events: [InterviewEvent] = [.interviewDated(day: Self.december6)]
        let later = CivilDate(year: 2027, month: 3, day: 1).daysSinceEpoch
        let (replayed, problems) = Interview.replay(instrument: inst, sample: SampleRecord([:]), events: events, interviewDay: later)
        #expect(problems.isEmpty)
        #expect(replayed.interviewDay == Self.december6)
        #expect(replayed.currentView()?.text == "Since 6 December 2025, when did it last happen?")
    }

    @Test func aSecondDifferentDateDoesNotApply() throws {
        var interview = Interview(instrument: try instrument(datedSurvey), sample: SampleRecord([:]), interviewDay: Self.december6)
        if case .success = interview.apply(.interviewDated(day: Self.december6 + 1)) { Issue.record("a different date was applied") }
    }

    @Test(arguments: [("2026-03-31", 1, "2026-04-30"), ("2024-02-29", 12, "2025-02-28"), ("2026-12-06", -12, "2025-12-06"),
                      ("2026-01-31", -2, "2025-11-30"), ("2026-05-15", 0, "2026-05-15")])
    func addingMonthsStaysInTheMonth(start: String, months: Int, expected: String) throws {
        #expect(try #require(CivilDate(parsing: start)).adding(months: months).description == expected)
    }

    @Test func theEventRoundTripsThroughJSON() throws {
        let event = InterviewEvent.interviewDated(day: Self.december6)
        let data = try JSONEncoder().encode(event)
        #expect(String(decoding: data, as: UTF8.self).contains("\"date\":\"2026-12-06\""))
        #expect(try JSONDecoder().decode(InterviewEvent.self, from: data) == event)
    }

    @Test func aScenarioSetsTheDate() throws {
        let inst = try instrument(datedSurvey)
        let text = """
        today 2026-12-06
        answer incident 2026-12-07
        expect hard-check not_future
        answer incident 2026-11-26
        expect value days_ago = 10
        expect complete
        """
        let (scenario, diagnostics) = ScenarioParser.parse(text, file: "dated.scenario")
        #expect(diagnostics.isEmpty)
        #expect(ScenarioRunner(instrument: inst).run(scenario) == nil)
    }
}

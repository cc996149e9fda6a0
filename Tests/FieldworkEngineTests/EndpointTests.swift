import Foundation
import FieldworkChecker
import FieldworkModel
import Testing
@testable import FieldworkEngine

/// A screener that ends cases: not trading → ceased trading; consent refused → refusal; and a
/// loop whose pass may end the interview.
let screenerSurvey = questionnaire("""
  {"type": "single", "id": "trading", "text": "Still trading?", "codeFrame": "yesno"},
  {"type": "end", "id": "end_ceased", "askIf": "trading == 'no'", "outcome": "ceased-trading",
   "text": "Thank you; we only interview businesses that are trading.", "instruction": "Close politely."},
  {"type": "single", "id": "consent", "text": "May we go on?", "codeFrame": "yesno"},
  {"type": "end", "id": "end_refused", "askIf": "consent == 'no'", "outcome": "hard-refusal"},
  {"type": "integer", "id": "staff", "text": "How many staff?", "min": 1, "max": 5000},
  {"type": "multiple", "id": "crimes", "text": "Which happened?", "codeFrame": "crimes"},
  {"type": "loop", "id": "victim", "forEach": "crimes", "items": [
    {"type": "integer", "id": "times", "text": "How many times did {item.label} happen?", "min": 0, "max": 100},
    {"type": "end", "id": "end_scope", "askIf": "times > 50", "outcome": "out-of-scope", "text": "Too many {item.label} incidents for us."}
  ]},
  {"type": "text", "id": "comments", "text": "Anything else?", "maxLength": 20}
""")

@Suite("End items")
struct EndpointTests {
    @Test func aScreenOutStopsTheRouteAndCompleteRecordsItsOutcome() throws {
        var s = Session(try instrument(screenerSurvey))
        s.answer(.one(2))
        #expect(s.current == nil)
        #expect(s.interview.isAtEndScreen)
        let ending = try #require(s.interview.endingView())
        #expect(ending.endpointID == "end_ceased")
        #expect(ending.outcome == .ceasedTrading)
        #expect(ending.text == "Thank you; we only interview businesses that are trading.")
        #expect(ending.instruction == "Close politely.")
        #expect(s.send(.complete) == .accepted([.endReached(endpoint: "end_ceased", outcome: "ceased-trading")]))
        #expect(s.state.status == .ended(outcome: "ceased-trading"))
        #expect(s.events.last == .endReached(endpoint: "end_ceased", outcome: "ceased-trading"))
    }

    @Test func anEndWhoseConditionIsFalseIsPassedOver() throws {
        var s = Session(try instrument(screenerSurvey))
        s.answer(.one(1))
        #expect(s.current == "consent")
        #expect(s.interview.endingView() == nil)
        s.answer(.one(1))
        #expect(s.current == "staff")
    }

    @Test func goingBackAndChangingTheAnswerRemovesTheEnd() throws {
        var s = Session(try instrument(screenerSurvey))
        s.answer(.one(2))
        #expect(s.interview.endingView()?.endpointID == "end_ceased")
        s.back()
        s.answer(.one(1))
        #expect(s.interview.endingView() == nil)
        #expect(s.current == "consent")
        s.answer(.one(2))
        #expect(s.interview.endingView()?.outcome == .hardRefusal)
    }

    @Test func laterAnswersLeaveThePathWhenAnEarlierChangeEndsTheInterview() throws {
        var s = Session(try instrument(screenerSurvey))
        s.answer(.one(1))
        s.answer(.one(1))
        s.answer(.n(12))
        s.jump("trading")
        let left = s.answer(.one(2))
        #expect(Set(left) == ["consent", "staff"])
        #expect(s.interview.isAtEndScreen)
        #expect(s.interview.onPathAnswers.count == 1)
    }

    @Test func anEndInsideALoopPassNamesThePassInItsText() throws {
        var s = Session(try instrument(screenerSurvey))
        s.answer(.one(1))
        s.answer(.one(1))
        s.answer(.n(3))
        s.answer(.many(1, 2))
        s.answer(.n(2))
        #expect(s.current == "times[2]")
        s.answer(.n(80))
        let ending = try #require(s.interview.endingView())
        #expect(ending.outcome == .outOfScope)
        #expect(ending.text == "Too many Fraud incidents for us.")
    }

    @Test func completingIsNotAllowedToBypassAnEnd() throws {
        var s = Session(try instrument(screenerSurvey))
        s.answer(.one(2))
        var copy = s.interview
        #expect(copy.apply(.completed).isFailure)
        #expect(copy.state.status == .inProgress)
    }

    @Test func replayingTheEventsRebuildsTheEndedInterview() throws {
        let inst = try instrument(screenerSurvey)
        var s = Session(inst)
        s.answer(.one(1))
        s.answer(.one(2))
        s.send(.complete)
        let (replayed, problems) = Interview.replay(instrument: inst, sample: SampleRecord([:]), events: s.events)
        #expect(problems.isEmpty)
        #expect(replayed.state == s.state)
        #expect(replayed.state.status == .ended(outcome: "hard-refusal"))
    }

    @Test func anEndThatCallsAgainSuspendsAndReopensOnTheAnswerThatLedThere() throws {
        let json = questionnaire("""
          {"type": "single", "id": "reached", "text": "Who is speaking?", "codeFrame": "yesno"},
          {"type": "end", "id": "end_callback", "askIf": "reached == 'no'", "outcome": "named-contact-not-available"},
          {"type": "integer", "id": "staff", "text": "How many staff?", "min": 1, "max": 99}
        """)
        let inst = try instrument(json)
        var s = Session(inst)
        s.answer(.one(2))
        #expect(s.send(.complete) == .accepted([.endReached(endpoint: "end_callback", outcome: "named-contact-not-available")]))
        #expect(s.state.status == .suspended)
        #expect(s.current == "reached")
        // The next sitting: resumed on the same question, the answer changed, the interview goes on.
        s.answer(.one(1))
        #expect(s.current == "staff")
        s.answer(.n(5))
        #expect(s.send(.complete) == .accepted([.completed]))
        let (replayed, problems) = Interview.replay(instrument: inst, sample: SampleRecord([:]), events: s.events)
        #expect(problems.isEmpty)
        #expect(replayed.state.status == .completed)
    }

    @Test func theEndpointEventRoundTripsThroughJSON() throws {
        let event = InterviewEvent.endReached(endpoint: "end_ceased", outcome: "ceased-trading")
        let data = try JSONEncoder().encode(event)
        #expect(String(decoding: data, as: UTF8.self).contains("\"type\":\"endpoint\""))
        #expect(try JSONDecoder().decode(InterviewEvent.self, from: data) == event)
    }
}

@Suite("Share of applicable questions answered")
struct AnsweredShareTests {
    @Test func countsAnsweredAgainstTheQuestionsStillAhead() throws {
        var s = Session(try instrument(screenerSurvey))
        // trading, consent, staff, crimes, (loop: unknown passes), comments
        #expect(s.interview.answeredShare == AnsweredShare(answered: 0, applicable: 5))
        s.answer(.one(1))
        s.answer(.one(1))
        #expect(s.interview.answeredShare == AnsweredShare(answered: 2, applicable: 5))
        s.answer(.n(3))
        s.answer(.many(1, 2, 3))
        // Three passes of "times" are now known to be ahead.
        #expect(s.interview.answeredShare == AnsweredShare(answered: 4, applicable: 8))
        s.answer(.dontKnow)
        #expect(s.interview.answeredShare.answered == 5)
        #expect(abs(s.interview.answeredShare.share - 5.0 / 8.0) < 1e-12)
    }

    @Test func aConditionAlreadyFalseRulesQuestionsOut() throws {
        var s = Session(try instrument(crimeSurvey))
        s.answer(.one(2))  // not trading: staff is skipped
        // crimes, comments (depends on n_types, unknown yet → counted)
        #expect(s.interview.answeredShare == AnsweredShare(answered: 1, applicable: 3))
    }

    @Test func theEndScreenIsAllAnswered() throws {
        var s = Session(try instrument(screenerSurvey))
        s.answer(.one(2))
        #expect(s.interview.answeredShare == AnsweredShare(answered: 1, applicable: 1))
        #expect(s.interview.answeredShare.share == 1)
    }
}

private extension Result {
    var isFailure: Bool { if case .failure = self { return true } else { return false } }
}

import FieldworkChecker
import Testing
@testable import FieldworkEngine

/// Fails the test when replaying the session's events does not rebuild its state exactly.
func expectReplayMatches(_ s: Session, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let (replayed, problems) = s.replayed()
    #expect(problems.isEmpty, "replay problems: \(problems.map(\.message))", sourceLocation: sourceLocation)
    #expect(replayed.state == s.state, "replayed state differs from the live state", sourceLocation: sourceLocation)
}

/// trading yes, staff 10, crimes burglary+fraud, times 1 / reported yes, times 0, comments → end.
private func completedCrimeSession() throws -> Session {
    var s = Session(try instrument(crimeSurvey))
    s.answer(.one(1))
    s.answer(.n(10))
    s.answer(.many(1, 2))
    s.answer(.n(1))
    s.answer(.one(1))
    s.answer(.n(0))
    s.answer(.text("none"))
    #expect(s.interview.isAtEndScreen)
    #expect(s.path == ["trading", "staff", "crimes", "times[1]", "reported[1]", "times[2]", "comments"])
    return s
}

@Suite("Going back and changing answers")
struct NavigationTests {
    @Test func backAndJumpMoveTheCursorOnly() throws {
        var s = try completedCrimeSession()
        let answers = s.state.answers
        s.back()
        #expect(s.current == "comments")
        #expect(s.interview.currentView()?.currentAnswer == .text("none"))
        s.back()
        #expect(s.current == "times[2]")
        s.jump("crimes")
        #expect(s.current == "crimes")
        #expect(s.interview.currentView()?.currentAnswer == .many(1, 2))
        s.jump("reported[1]")
        #expect(s.current == "reported[1]")
        #expect(s.state.answers == answers)
        s.jump("trading")
        #expect(s.send(.back).rejection != nil, "there is nothing before the first question")
        expectReplayMatches(s)
    }

    @Test func jumpOnlyToQuestionsOnThePath() throws {
        var s = Session(try instrument(crimeSurvey))
        s.answer(.one(2))
        let before = s.state
        #expect(s.send(.jump(QuestionAddress(id: "staff"))).rejection != nil, "staff was skipped")
        #expect(s.send(.jump(QuestionAddress(id: "comments"))).rejection != nil, "comments is not reached yet")
        #expect(s.send(.jump(QuestionAddress(id: "times", pass: [1]))).rejection != nil)
        #expect(s.send(.jump(QuestionAddress(id: "nonsense"))).rejection != nil)
        #expect(s.state == before)
    }

    @Test func unchangedReAnswerKeepsLaterAnswers() throws {
        var s = try completedCrimeSession()
        let before = s.state.answers
        let path = s.path
        s.jump("trading")
        let left = s.answer(.one(1))
        #expect(left.isEmpty)
        #expect(s.current == "staff")
        #expect(s.path == path)
        #expect(s.state.answers == before)
        #expect(s.state.atEnd)
        expectReplayMatches(s)
    }

    @Test func multipleChoicesAreRecordedInCodeFrameOrder() throws {
        var s = try completedCrimeSession()
        s.jump("crimes")
        let decision = s.send(.answer(.many(2, 1)))
        #expect(decision.events == [.answered(QuestionAddress(id: "crimes"), .many(1, 2))])
        #expect(s.lastEffects.allSatisfy { $0.leftPath.isEmpty })
        #expect(s.interview.activeAnswer(try #require(s.key("crimes"))) == .many(1, 2))
    }

    @Test func changedAnswerThatKeepsTheRouteKeepsLaterAnswers() throws {
        var s = try completedCrimeSession()
        s.jump("staff")
        #expect(s.answer(.n(12)).isEmpty)
        #expect(s.current == "crimes")
        #expect(s.path == ["trading", "staff", "crimes", "times[1]", "reported[1]", "times[2]", "comments"])
        #expect(s.interview.onPathAnswers.count == 7)
        expectReplayMatches(s)
    }

    @Test func changeThatSkipsLaterQuestionsMarksThemOffPath() throws {
        var s = try completedCrimeSession()
        s.jump("trading")
        let left = s.answer(.one(2))
        #expect(left == ["staff"])
        #expect(s.status("staff") == .offPath)
        #expect(s.path == ["trading", "crimes", "times[1]", "reported[1]", "times[2]", "comments"])
        #expect(s.current == "crimes")
        let staff = try #require(s.key("staff"))
        #expect(s.interview.activeAnswer(staff) == nil)
        #expect(!s.interview.onPathAnswers.contains { $0.key == staff })
        #expect(s.interview.onPathAnswers.count == 6)
        // The answer is kept, not deleted.
        #expect(s.state.answers[staff]?.response == .n(10))
        expectReplayMatches(s)
    }

    @Test func removingALoopPassTakesItsAnswersOffPath() throws {
        var s = try completedCrimeSession()
        s.jump("crimes")
        let left = s.answer(.many(1))
        // Fraud's pass goes, and with one crime type n_types = 1 so comments goes too.
        #expect(Set(left) == ["times[2]", "comments"])
        #expect(s.status("times[2]") == .offPath)
        #expect(s.status("comments") == .offPath)
        #expect(s.status("times[1]") == .active)
        #expect(s.status("reported[1]") == .active)
        #expect(s.path == ["trading", "staff", "crimes", "times[1]", "reported[1]"])
        #expect(s.state.atEnd)
        let onPath = Set(s.interview.onPathAnswers.map { s.address($0.key) })
        #expect(onPath == ["trading", "staff", "crimes", "times[1]", "reported[1]"])
        expectReplayMatches(s)
    }

    @Test func addingALoopPassAsksOnlyTheNewPass() throws {
        var s = try completedCrimeSession()
        s.jump("crimes")
        #expect(s.answer(.many(1, 2, 3)).isEmpty)
        #expect(s.current == "times[1]", "the cursor moves on to the next question, already answered")
        #expect(s.path.last == "times[3]")
        #expect(!s.state.atEnd)
        s.jump("times[3]")
        s.answer(.n(0))
        #expect(s.interview.isAtEndScreen == false)
        #expect(s.current == "comments")
        #expect(s.state.atEnd)
        expectReplayMatches(s)
    }

    @Test func changeInsideALoopPassAffectsOnlyThatPass() throws {
        var s = try completedCrimeSession()
        s.jump("times[1]")
        #expect(s.answer(.n(0)) == ["reported[1]"])
        #expect(s.status("reported[1]") == .offPath)
        #expect(s.path == ["trading", "staff", "crimes", "times[1]", "times[2]", "comments"])
        expectReplayMatches(s)
    }

    @Test func answerComingBackOntoThePathIsOfferedNotReused() throws {
        var s = try completedCrimeSession()
        s.jump("trading")
        s.answer(.one(2))
        s.jump("trading")
        #expect(s.answer(.one(1)).isEmpty)
        #expect(s.current == "staff")
        let view = try #require(s.interview.currentView())
        #expect(view.previousAnswer == .n(10))
        #expect(view.currentAnswer == nil)
        let staff = try #require(s.key("staff"))
        #expect(s.interview.activeAnswer(staff) == nil)
        #expect(!s.interview.onPathAnswers.contains { $0.key == staff })
        #expect(!s.state.atEnd)
        // The answers after staff were not disturbed while staff waits.
        #expect(s.status("crimes") == .active)
        #expect(s.status("comments") == .active)
        s.answer(.n(10))
        #expect(s.interview.activeAnswer(staff) == .n(10))
        #expect(s.state.atEnd)
        #expect(s.path == ["trading", "staff", "crimes", "times[1]", "reported[1]", "times[2]", "comments"])
        expectReplayMatches(s)
    }

    @Test func loopPassComingBackOffersItsOldAnswers() throws {
        var s = try completedCrimeSession()
        s.jump("crimes")
        #expect(Set(s.answer(.many(2))) == ["times[1]", "reported[1]", "comments"])
        s.jump("crimes")
        #expect(s.answer(.many(1, 2)).isEmpty)
        #expect(s.current == "times[1]")
        let view = try #require(s.interview.currentView())
        #expect(view.previousAnswer == .n(1))
        #expect(view.currentAnswer == nil)
        #expect(s.status("times[2]") == .active, "fraud's pass lies beyond the frontier and is kept")
        s.answer(.n(1))
        #expect(s.current == "reported[1]")
        #expect(s.interview.currentView()?.previousAnswer == .one(1))
        s.answer(.one(1))
        #expect(s.current == "times[2]")
        #expect(s.interview.currentView()?.currentAnswer == .n(0))
        // comments was taken off the path and must be asked again.
        #expect(s.path.last == "comments")
        #expect(!s.state.atEnd)
        expectReplayMatches(s)
    }

    @Test func offPathAnswersReadAsNotAskedSoSkipsCascade() throws {
        var s = Session(try instrument(questionnaire("""
          {"type": "single", "id": "trading", "text": "Trading?", "codeFrame": "yesno"},
          {"type": "integer", "id": "staff", "text": "Staff?", "min": 0, "max": 100, "askIf": "trading == 'yes'"},
          {"type": "text", "id": "why_big", "text": "Why so many?", "askIf": "staff > 5"},
          {"type": "text", "id": "staff_asked", "text": "Staff was asked", "askIf": "asked(staff)"},
          {"type": "text", "id": "bye", "text": "Bye?"}
        """)))
        s.answer(.one(1))
        s.answer(.n(10))
        s.answer(.text("growth"))
        s.answer(.text("yes"))
        s.answer(.text("bye"))
        s.jump("trading")
        #expect(Set(s.answer(.one(2))) == ["staff", "why_big", "staff_asked"])
        #expect(s.path == ["trading", "bye"])
        #expect(s.state.atEnd)
        expectReplayMatches(s)
    }

    @Test func loweringACountTakesTheExtraPassesOffPath() throws {
        var s = Session(try instrument(questionnaire("""
          {"type": "integer", "id": "sites", "text": "Sites?", "min": 0, "max": 10},
          {"type": "loop", "id": "site", "count": "sites", "max": 5, "items": [
            {"type": "text", "id": "postcode", "text": "Postcode {item.index}?"}
          ]},
          {"type": "text", "id": "bye", "text": "Bye?"}
        """)))
        s.answer(.n(3))
        s.answer(.text("A"))
        s.answer(.text("B"))
        s.answer(.text("C"))
        s.answer(.text("bye"))
        s.jump("sites")
        #expect(Set(s.answer(.n(1))) == ["postcode[2]", "postcode[3]"])
        #expect(s.path == ["sites", "postcode[1]", "bye"])
        s.jump("sites")
        #expect(Set(s.answer(.dontKnow)) == ["postcode[1]"])
        #expect(s.path == ["sites", "bye"])
        #expect(s.interview.onPathAnswers.count == 2)
        expectReplayMatches(s)
    }

    private static let frontier = questionnaire("""
      {"type": "single", "id": "q1", "text": "1?", "codeFrame": "yesno"},
      {"type": "single", "id": "q2", "text": "2?", "codeFrame": "yesno", "askIf": "q1 == 2"},
      {"type": "text", "id": "q3", "text": "3?", "askIf": "q1 == 1 or q2 == 2"},
      {"type": "text", "id": "q4", "text": "4?"}
    """)

    @Test func answersBeyondTheNewFrontierAreNotMarkedOffPathEarly() throws {
        var s = Session(try instrument(Self.frontier))
        s.answer(.one(1))
        s.answer(.text("three"))
        s.answer(.text("four"))
        #expect(s.path == ["q1", "q3", "q4"])
        s.jump("q1")
        #expect(s.answer(.one(2)).isEmpty, "q3 may still be asked, depending on q2")
        #expect(s.current == "q2")
        #expect(s.status("q3") == .active)
        #expect(s.status("q4") == .active)
        #expect(s.path == ["q1", "q2"])
        expectReplayMatches(s)

        var keep = s
        #expect(keep.answer(.one(2)).isEmpty)
        #expect(keep.path == ["q1", "q2", "q3", "q4"])
        #expect(keep.state.atEnd)
        #expect(keep.status("q3") == .active)
        expectReplayMatches(keep)

        var drop = s
        #expect(drop.answer(.one(1)) == ["q3"])
        #expect(drop.status("q3") == .offPath)
        #expect(drop.path == ["q1", "q2", "q4"])
        #expect(drop.state.atEnd)
        expectReplayMatches(drop)
    }

    @Test func endedInterviewTakesNoMoreAnswers() throws {
        var s = Session(try instrument(crimeSurvey))
        s.answer(.one(1))
        #expect(s.send(.end(outcome: "refusal")).events == [.ended(outcome: "refusal")])
        #expect(s.state.status == .ended(outcome: "refusal"))
        let before = s.state
        #expect(s.send(.answer(.n(3))).rejection != nil)
        #expect(s.send(.back).rejection != nil)
        #expect(s.state == before)
        expectReplayMatches(s)
    }
}

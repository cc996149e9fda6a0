import FieldworkChecker
import FieldworkExpressions
import Testing
@testable import FieldworkEngine

private let ratio = questionnaire("""
  {"type": "integer", "id": "staff", "text": "Staff?", "min": 0, "max": 100000},
  {"type": "text", "id": "site", "text": "Site?"},
  {"type": "integer", "id": "managers", "text": "Managers?", "min": 0, "max": 100000, "checks": [
    {"id": "ratio", "require": "managers * 2 <= staff", "message": "more than half are managers", "severity": "soft"}
  ]},
  {"type": "text", "id": "bye", "text": "Bye?"},
  {"type": "text", "id": "last", "text": "Last?"}
""")

@Suite("Soft checks re-raised when what they read changes")
struct SoftCheckRevalidationTests {
    /// staff 10, site a, managers 8 (confirmed), bye, last: at the end screen.
    private func confirmedThrough() throws -> Session {
        var s = Session(try instrument(ratio))
        s.answer(.n(10))
        s.answer(.text("a"))
        s.answer(.n(8), confirming: ["ratio"])
        s.answer(.text("x"))
        s.answer(.text("y"))
        #expect(s.interview.isAtEndScreen)
        return s
    }

    @Test func confirmationRecordsTheValuesTheCheckRead() throws {
        let s = try confirmedThrough()
        let key = try #require(s.key("managers"))
        let confirmation = try #require(s.state.answers[key]?.confirmation(of: "ratio"))
        // The references of "managers * 2 <= staff" in symbol order: staff, then managers.
        #expect(Set(confirmation.readValues) == [.number(10), .number(8)])
        #expect(confirmation.readValues.count == 2)
    }

    @Test func changingAnAnswerTheCheckReadsStopsTheRouteAtTheKeptAnswer() throws {
        var s = try confirmedThrough()
        s.jump("staff")
        s.answer(.n(12))   // 8 managers of 12 staff still fails, but the confirmation was for 10
        #expect(s.path == ["staff", "site", "managers"])
        #expect(!s.state.atEnd)
        #expect(s.send(.jump(QuestionAddress(id: "bye"))).rejection != nil, "the route stops at managers")
        #expect(s.send(.complete).rejection != nil)
        s.answer(.text("a"))
        #expect(s.current == "managers")
        let rejection = try #require(s.send(.answer(.n(8))).rejection)
        guard case .softCheck(let failures) = rejection else { Issue.record("expected soft check, got \(rejection)"); return }
        #expect(failures.map(\.id) == ["ratio"])
        s.answer(.n(8), confirming: ["ratio"])
        // Confirmed again for the new values: the kept answers after it stand, the route runs to the end.
        #expect(s.path == ["staff", "site", "managers", "bye", "last"])
        #expect(s.state.atEnd)
        #expect(s.current == "bye")
        let key = try #require(s.key("managers"))
        #expect(s.state.answers[key]?.confirmation(of: "ratio")?.readValues.contains(.number(12)) == true)
        s.jump("last")
        s.answer(.text("y"))
        #expect(s.send(.complete).events == [.completed])
    }

    @Test func changingAnUnrelatedAnswerDoesNotRaiseItAgain() throws {
        var s = try confirmedThrough()
        s.jump("site")
        s.answer(.text("b"))
        #expect(s.path == ["staff", "site", "managers", "bye", "last"])
        #expect(s.state.atEnd)
        #expect(s.current == "managers")
        s.jump("last")
        s.answer(.text("y"))
        #expect(s.send(.complete).events == [.completed])
    }

    @Test func aChangeThatMakesTheCheckPassNeedsNoConfirmation() throws {
        var s = try confirmedThrough()
        s.jump("staff")
        s.answer(.n(100))
        #expect(s.path == ["staff", "site", "managers", "bye", "last"])
        #expect(s.state.atEnd)
    }

    @Test func changingBackToTheConfirmedValuesRestoresTheConfirmation() throws {
        var s = try confirmedThrough()
        s.jump("staff")
        s.answer(.n(12))
        #expect(s.path.last == "managers")
        s.jump("staff")
        s.answer(.n(10))
        #expect(s.path == ["staff", "site", "managers", "bye", "last"])
        #expect(s.state.atEnd)
    }

    @Test func aSoftCheckThatNewlyFailsOnAKeptAnswerIsRaised() throws {
        var s = Session(try instrument(ratio))
        s.answer(.n(100))
        s.answer(.text("a"))
        s.answer(.n(8))        // passes: no confirmation needed
        s.answer(.text("x"))
        s.jump("staff")
        s.answer(.n(10))       // now 8 managers of 10 staff fails
        #expect(s.path == ["staff", "site", "managers"])
    }

    @Test func theVoidConfirmationAndItsRenewalReplayToTheSameState() throws {
        var s = try confirmedThrough()
        s.jump("staff")
        s.answer(.n(12))
        let (stopped, stoppedProblems) = s.replayed()
        #expect(stoppedProblems.isEmpty)
        #expect(stopped.state == s.state)
        s.answer(.text("a"))
        s.answer(.n(8), confirming: ["ratio"])
        let (replayed, problems) = s.replayed()
        #expect(problems.isEmpty)
        #expect(replayed.state == s.state)
    }
}

import FieldworkChecker
import Testing
@testable import FieldworkEngine

private let checked = questionnaire("""
  {"type": "integer", "id": "staff", "text": "Staff?", "min": 0, "max": 100000},
  {"type": "integer", "id": "managers", "text": "Managers?", "min": 0, "max": 100000, "checks": [
    {"id": "not_more", "require": "managers <= staff", "message": "{managers} managers but only {staff} staff", "severity": "hard"},
    {"id": "many", "require": "managers < 50", "message": "{managers} managers is a lot", "severity": "soft"},
    {"id": "ratio", "require": "managers * 2 <= staff", "message": "more than half are managers", "severity": "soft"}
  ]},
  {"type": "text", "id": "bye", "text": "Bye?"}
""")

@Suite("Checks")
struct CheckTests {
    @Test func hardCheckBlocksWithItsMessage() throws {
        var s = Session(try instrument(checked))
        s.answer(.n(10))
        let before = s.state
        let rejection = try #require(s.send(.answer(.n(11))).rejection)
        guard case .hardCheck(let failures) = rejection else { Issue.record("expected hard check, got \(rejection)"); return }
        #expect(failures.map(\.id) == ["not_more"])
        #expect(failures.first?.message == "11 managers but only 10 staff")
        #expect(failures.first?.severity == .hard)
        #expect(s.state == before)
        // Even confirming cannot get past a hard check.
        #expect(s.send(.answer(.n(11), confirming: ["not_more"])).rejection != nil)
        #expect(s.current == "managers")
    }

    @Test func softCheckNeedsConfirmingThenIsRecordedBeforeTheAnswer() throws {
        var s = Session(try instrument(checked))
        s.answer(.n(1000))
        let before = s.state
        let rejection = try #require(s.send(.answer(.n(60))).rejection)
        guard case .softCheck(let failures) = rejection else { Issue.record("expected soft check, got \(rejection)"); return }
        #expect(failures.map(\.id) == ["many"])
        #expect(failures.first?.message == "60 managers is a lot")
        #expect(s.state == before)

        let decision = s.send(.answer(.n(60), confirming: ["many"]))
        let address = QuestionAddress(id: "managers")
        #expect(decision.events == [.softCheckConfirmed(address, check: "many"), .answered(address, .n(60))])
        let key = try #require(s.key("managers"))
        #expect(s.state.answers[key]?.confirmedChecks == ["many"])
        #expect(s.state.pendingConfirmations.isEmpty)
        #expect(s.current == "bye")
    }

    @Test func severalChecksFireTogetherEachWithItsOwnMessage() throws {
        var s = Session(try instrument(checked))
        s.answer(.n(100))
        let rejection = try #require(s.send(.answer(.n(60))).rejection)
        guard case .softCheck(let failures) = rejection else { Issue.record("expected soft checks, got \(rejection)"); return }
        #expect(Set(failures.map(\.id)) == ["many", "ratio"])
        #expect(Set(failures.map(\.message)) == ["60 managers is a lot", "more than half are managers"])
        // Confirming only one still leaves the other unconfirmed.
        let partial = try #require(s.send(.answer(.n(60), confirming: ["many"])).rejection)
        guard case .softCheck(let left) = partial else { Issue.record("expected soft check, got \(partial)"); return }
        #expect(left.map(\.id) == ["ratio"])
        s.answer(.n(60), confirming: ["many", "ratio"])
        #expect(s.current == "bye")
    }

    @Test func checkWithUnknownConditionDoesNotFire() throws {
        var s = Session(try instrument(checked))
        s.answer(.dontKnow)   // staff unknown: managers <= staff is unknown
        s.answer(.n(40))
        #expect(s.current == "bye")

        var refused = Session(try instrument(checked))
        refused.answer(.n(10))
        refused.answer(.refused)  // the answer itself is unknown: no check fires
        #expect(refused.current == "bye")
    }

    @Test func softConfirmationSurvivesReplay() throws {
        var s = Session(try instrument(checked))
        s.answer(.n(1000))
        s.answer(.n(60), confirming: ["many"])
        let (replayed, problems) = s.replayed()
        #expect(problems.isEmpty)
        #expect(replayed.state == s.state)
    }
}

private let missingRouting = questionnaire("""
  {"type": "single", "id": "q", "text": "Q?", "codeFrame": "yesno"},
  {"type": "text", "id": "if_eq", "text": "a", "askIf": "q == 1"},
  {"type": "text", "id": "if_ne", "text": "b", "askIf": "q != 1"},
  {"type": "text", "id": "if_not", "text": "c", "askIf": "not (q == 1)"},
  {"type": "text", "id": "if_dk", "text": "d", "askIf": "dontknow(q)"},
  {"type": "text", "id": "if_ref", "text": "e", "askIf": "refused(q)"},
  {"type": "text", "id": "if_answered", "text": "f", "askIf": "answered(q)"},
  {"type": "text", "id": "bye", "text": "Bye?"}
""")

@Suite("Don't know and refused in conditions")
struct MissingAnswerTests {
    private func askedAfter(_ response: Response) throws -> [String] {
        var s = Session(try instrument(missingRouting))
        s.answer(response)
        var asked: [String] = []
        while let c = s.current {
            asked.append(c)
            s.answer(.text("x"))
        }
        return asked
    }

    @Test func dontKnowMakesComparisonsAndTheirNegationsNotTrue() throws {
        #expect(try askedAfter(.dontKnow) == ["if_dk", "bye"])
    }

    @Test func refusedIsItsOwnKindOfMissing() throws {
        #expect(try askedAfter(.refused) == ["if_ref", "bye"])
    }

    @Test func realAnswersRouteNormally() throws {
        #expect(try askedAfter(.one(1)) == ["if_eq", "if_answered", "bye"])
        #expect(try askedAfter(.one(2)) == ["if_ne", "if_not", "if_answered", "bye"])
    }
}

import FieldworkChecker
import Testing
@testable import FieldworkEngine

@Suite("Edge cases")
struct EdgeCaseTests {
    /// Every question skipped: the interview opens on its end screen with an empty path. Going
    /// back from there used to set the cursor to -1 and crash on the next look at the screen.
    @Test func backFromTheEndScreenOfAnEmptyPathIsRejected() throws {
        let inst = try instrument(questionnaire("""
          {"type": "text", "id": "shop", "text": "About your shop", "askIf": "sample.sector == 'retail'"}
        """, sampleFields: #"[{"name": "sector"}]"#))
        var s = Session(inst, sample: ["sector": "finance"])
        #expect(s.interview.isAtEndScreen)
        #expect(s.state.path.isEmpty)
        let before = s.state
        #expect(s.send(.back).rejection != nil)
        #expect(s.state == before)
        #expect(s.interview.currentView() == nil)
        var direct = s.interview
        if case .success = direct.apply(.back) { Issue.record("a replayed back on an empty path must fail") }
        #expect(direct.state.cursor == 0)
        #expect(s.send(.complete).events == [.completed])
    }

    /// Domains bounded on one side only, below zero or before 2025: the simulator must still find
    /// answers inside them.
    @Test func simulatorAnswersDomainsBoundedOnOneSide() throws {
        let inst = try instrument(questionnaire("""
          {"type": "integer", "id": "loss", "text": "Change in profit?", "max": -5, "allowDontKnow": false, "allowRefused": false},
          {"type": "date", "id": "founded", "text": "Founded?", "max": "2020-12-31", "allowDontKnow": false, "allowRefused": false},
          {"type": "integer", "id": "big", "text": "Turnover?", "min": 2000000, "allowDontKnow": false, "allowRefused": false},
          {"type": "date", "id": "next", "text": "Next review?", "min": "2030-01-01", "allowDontKnow": false, "allowRefused": false}
        """))
        var simulator = Simulator(instrument: inst, options: SimulationOptions())
        for i in 0..<10 {
            let r = simulator.simulate(index: i, sample: SampleRecord())
            #expect(r.completed, "\(r.problem ?? "")")
        }
    }

    /// Answers kept after an earlier answer changes are re-checked: managers (5) no longer passes
    /// `managers <= staff` once staff is 3, so the route stops there and it must be answered again;
    /// the interview cannot be completed with the contradiction.
    @Test func changedEarlierAnswerReChecksLaterAnswers() throws {
        var s = Session(try instrument(questionnaire("""
          {"type": "integer", "id": "staff", "text": "Staff?", "min": 0, "max": 100},
          {"type": "integer", "id": "managers", "text": "Managers?", "min": 0, "max": 100, "checks": [
            {"id": "not_more", "require": "managers <= staff", "message": "more managers than staff"}
          ]},
          {"type": "text", "id": "bye", "text": "Bye?"}
        """)))
        s.answer(.n(10))
        s.answer(.n(5))
        s.answer(.text("x"))
        s.jump("staff")
        s.answer(.n(3))
        #expect(s.current == "managers")
        #expect(s.path.last == "managers", "the route stops at the answer that no longer passes")
        #expect(s.send(.complete).rejection != nil, "completing with managers > staff breaks a hard check")
        #expect(s.send(.answer(.number(5))).rejection != nil, "re-entering 5 still fails the check")
        s.answer(.n(2))
        #expect(s.current == "bye", "the kept answer to bye is shown again")
        s.answer(.text("x"))
        #expect(s.send(.complete).rejection == nil)
    }
}

@Suite("Loop pass position in answers")
struct LoopIndexTests {
    /// `item.index` is the position among the passes made (fraud is pass 1 of 2 when burglary was
    /// not chosen). Validation and checks must see the same value as the screen, or an option on
    /// screen is refused as "not offered".
    @Test func itemIndexMeansTheSameOnScreenInValidationAndInChecks() throws {
        let inst = try instrument(questionnaire("""
          {"type": "multiple", "id": "crimes", "text": "Which happened?", "codeFrame": "crimes"},
          {"type": "loop", "id": "victim", "forEach": "crimes", "items": [
            {"type": "single", "id": "worst", "text": "Was {item.label} the worst?", "options": [
              {"code": 1, "name": "worst", "label": "The worst so far", "showIf": "item.index == 1"},
              {"code": 2, "name": "not", "label": "Not the worst"}
            ], "checks": [{"id": "sure", "require": "worst == 2", "message": "pass {item.index}: sure?", "severity": "soft"}]}
          ]}
        """))
        var s = Session(inst)
        s.answer(.many(2, 3))
        #expect(s.current == "worst[2]")
        #expect(s.interview.currentView()?.options.map(\.code) == [1, 2])
        #expect(s.interview.offeredOptions(for: try #require(s.interview.currentKey)).map(\.code) == [1, 2])
        let rejection = try #require(s.send(.answer(.one(1))).rejection)
        guard case .softCheck(let failures) = rejection else { Issue.record("expected the soft check, got \(rejection)"); return }
        #expect(failures.first?.message == "pass 1: sure?")
        s.answer(.one(1), confirming: ["sure"])
        #expect(s.current == "worst[3]")
        #expect(s.interview.currentView()?.options.map(\.code) == [2])
        guard case .invalid? = s.send(.answer(.one(1))).rejection else { Issue.record("option 1 is withdrawn in pass 2"); return }
        expectReplayMatches(s)
    }
}

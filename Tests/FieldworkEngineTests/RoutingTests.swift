import FieldworkChecker
import FieldworkExpressions
import Testing
@testable import FieldworkEngine

@Suite("Routing")
struct RoutingTests {
    @Test func questionAskIfSkipsWhenFalseAndAsksWhenTrue() throws {
        let inst = try instrument(crimeSurvey)
        var no = Session(inst)
        no.answer(.one(2))
        #expect(no.current == "crimes")
        #expect(!no.path.contains("staff"))

        var yes = Session(inst)
        yes.answer(.one(1))
        #expect(yes.current == "staff")
    }

    @Test func sectionAskIfSkipsTheWholeSection() throws {
        let json = questionnaire("""
          {"type": "single", "id": "trading", "text": "Trading?", "codeFrame": "yesno"}
        """, extraSections: """
        ,
        {"id": "business", "title": "Business", "askIf": "trading == 'yes'", "items": [
          {"type": "integer", "id": "staff", "text": "Staff?", "min": 1, "max": 10},
          {"type": "integer", "id": "sites", "text": "Sites?", "min": 1, "max": 10}
        ]},
        {"id": "close", "title": "Close", "items": [
          {"type": "text", "id": "bye", "text": "Comments?"}
        ]}
        """)
        let inst = try instrument(json)
        var skip = Session(inst)
        skip.answer(.one(2))
        #expect(skip.current == "bye")
        #expect(skip.path == ["trading", "bye"])

        var ask = Session(inst)
        ask.answer(.one(1))
        #expect(ask.current == "staff")
        #expect(ask.interview.currentView()?.sectionTitle == "Business")
        ask.answer(.n(3))
        ask.answer(.n(1))
        #expect(ask.current == "bye")
    }

    @Test func loopAskIfSkipsTheLoop() throws {
        var s = Session(try instrument(crimeSurvey))
        s.answer(.one(2))
        s.answer(.many(99))
        // The loop is skipped (none chosen); n_types = 1 so comments is not asked either.
        #expect(s.current == nil)
        #expect(s.interview.isAtEndScreen)
        #expect(s.path == ["trading", "crimes"])
    }

    @Test func forEachLoopRunsInCodeFrameOrderWithItemLabelFills() throws {
        var s = Session(try instrument(crimeSurvey))
        s.answer(.one(2))
        // Chosen out of frame order: the loop still runs burglary before hacking.
        s.answer(.choices([3, 1], specify: [:]))
        #expect(s.current == "times[1]")
        let view = try #require(s.interview.currentView())
        #expect(view.text == "How many times did Burglary happen?")
        #expect(view.loopLabel == "Burglary (1 of 2)")
        s.answer(.n(0))   // reported skipped for burglary: times > 0 fails
        #expect(s.current == "times[3]")
        let second = try #require(s.interview.currentView())
        #expect(second.text == "How many times did Hacking happen?")
        #expect(second.loopLabel == "Hacking (2 of 2)")
        s.answer(.n(2))
        #expect(s.current == "reported[3]")
        #expect(s.interview.currentView()?.text == "Was the Hacking reported?")
        s.answer(.one(1))
        #expect(s.current == "comments")
        #expect(s.path == ["trading", "crimes", "times[1]", "times[3]", "reported[3]", "comments"])
    }

    @Test(arguments: [(5.0, 3), (2.0, 2), (0.0, 0)])
    func countLoopIsCappedByMax(answer: Double, expectedPasses: Int) throws {
        let inst = try instrument(questionnaire("""
          {"type": "integer", "id": "sites", "text": "How many sites?", "min": 0, "max": 10},
          {"type": "loop", "id": "site", "count": "sites", "max": 3, "items": [
            {"type": "text", "id": "postcode", "text": "Postcode of site {item.index}?"}
          ]},
          {"type": "text", "id": "bye", "text": "Anything else?"}
        """))
        var s = Session(inst)
        s.answer(.n(answer))
        var asked: [String] = []
        while let c = s.current, c != "bye" {
            asked.append(c)
            s.answer(.text("E1 6AN"))
        }
        #expect(asked == (0..<expectedPasses).map { "postcode[\($0 + 1)]" })
        #expect(s.current == "bye")
    }

    @Test func nestedLoopsAddressBothLevels() throws {
        let inst = try instrument(questionnaire("""
          {"type": "multiple", "id": "crimes", "text": "Which happened?", "codeFrame": "crimes"},
          {"type": "loop", "id": "victim", "forEach": "crimes", "items": [
            {"type": "integer", "id": "incidents", "text": "How many {item.label} incidents?", "min": 0, "max": 9},
            {"type": "loop", "id": "incident", "count": "incidents", "max": 2, "items": [
              {"type": "integer", "id": "cost", "text": "Cost of incident {item.index}?", "min": 0, "max": 1000}
            ]}
          ]},
          {"type": "text", "id": "bye", "text": "Anything else?"}
        """))
        var s = Session(inst)
        s.answer(.many(1, 2))
        #expect(s.current == "incidents[1]")
        s.answer(.n(5))  // capped at 2
        #expect(s.current == "cost[1,1]")
        #expect(s.interview.currentView()?.text == "Cost of incident 1?")
        s.answer(.n(100))
        #expect(s.current == "cost[1,2]")
        s.answer(.n(200))
        #expect(s.current == "incidents[2]")
        #expect(s.interview.currentView()?.text == "How many Fraud incidents?")
        s.answer(.n(1))
        s.answer(.n(50))
        #expect(s.current == "bye")
        #expect(s.path == ["crimes", "incidents[1]", "cost[1,1]", "cost[1,2]", "incidents[2]", "cost[2,1]", "bye"])
    }

    @Test func namedPassReferenceFromAfterTheLoop() throws {
        let inst = try instrument(questionnaire("""
          {"type": "multiple", "id": "crimes", "text": "Which happened?", "codeFrame": "crimes"},
          {"type": "loop", "id": "victim", "forEach": "crimes", "items": [
            {"type": "integer", "id": "times", "text": "How many times?", "min": 0, "max": 100}
          ]},
          {"type": "text", "id": "burglary_detail", "text": "Tell me about the burglaries", "askIf": "times[burglary] > 5"},
          {"type": "text", "id": "bye", "text": "Anything else?"}
        """))
        var often = Session(inst)
        often.answer(.many(1, 2))
        often.answer(.n(6))   // burglary
        often.answer(.n(1))   // fraud
        #expect(often.current == "burglary_detail")

        var rarely = Session(inst)
        rarely.answer(.many(1, 2))
        rarely.answer(.n(1))  // burglary
        rarely.answer(.n(60)) // fraud: must not count as burglary
        #expect(rarely.current == "bye")

        var fraudOnly = Session(inst)
        fraudOnly.answer(.many(2))
        fraudOnly.answer(.n(60))
        #expect(fraudOnly.current == "bye", "times[burglary] was never asked, so the condition is not true")
    }

    @Test func computedValuesMayUseComputedValuesDeclaredLater() throws {
        let inst = try instrument(questionnaire("""
          {"type": "integer", "id": "staff", "text": "Staff?", "min": 1, "max": 5000},
          {"type": "computed", "id": "doubled_plus_one", "expression": "doubled + 1", "valueType": "integer"},
          {"type": "computed", "id": "doubled", "expression": "staff * 2", "valueType": "integer"},
          {"type": "text", "id": "big", "text": "Why so big ({doubled_plus_one})?", "askIf": "doubled_plus_one > 21"},
          {"type": "text", "id": "bye", "text": "Anything else?"}
        """))
        var big = Session(inst)
        big.answer(.n(11))
        #expect(big.interview.computedValue(id: "doubled") == .number(22))
        #expect(big.interview.computedValue(id: "doubled_plus_one") == .number(23))
        #expect(big.current == "big")
        #expect(big.interview.currentView()?.text == "Why so big (23)?")

        var small = Session(inst)
        small.answer(.n(10))
        #expect(small.current == "bye")
    }

    @Test func computedValueIsMissingWhenItsSourceIsDontKnow() throws {
        var s = Session(try instrument(crimeSurvey))
        s.answer(.one(1))
        #expect(s.interview.computedValue(id: "n_types") == .missing(.notAsked))
        s.answer(.n(3))
        s.answer(.dontKnow)
        #expect(s.interview.computedValue(id: "n_types") == .missing(.dontKnow))
        #expect(s.current == nil, "the loop and comments conditions are unknown, so neither runs")
    }

    @Test func optionShowIfWithdrawsAnOption() throws {
        let inst = try instrument(questionnaire("""
          {"type": "single", "id": "trading", "text": "Trading?", "codeFrame": "yesno"},
          {"type": "single", "id": "channel", "text": "How do you sell?", "options": [
            {"code": 1, "name": "online", "label": "Online", "showIf": "trading == 'yes'"},
            {"code": 2, "name": "shop", "label": "In a shop"}
          ]}
        """))
        var closed = Session(inst)
        closed.answer(.one(2))
        #expect(closed.interview.currentView()?.options.map(\.code) == [2])
        #expect(closed.interview.offeredOptions(for: try #require(closed.interview.currentKey)).map(\.code) == [2])
        let before = closed.state
        let rejection = try #require(closed.send(.answer(.one(1))).rejection)
        guard case .invalid(let reason) = rejection else { Issue.record("expected invalid, got \(rejection)"); return }
        #expect(reason.contains("not one of the codes offered"))
        #expect(closed.state == before)
        closed.answer(.one(2))

        var open = Session(inst)
        open.answer(.one(1))
        #expect(open.interview.currentView()?.options.map(\.code) == [1, 2])
        open.answer(.one(1))
        #expect(open.interview.isAtEndScreen)
    }

    @Test func sampleFieldsDriveRouting() throws {
        let inst = try instrument(questionnaire("""
          {"type": "text", "id": "shop", "text": "About your shop, {sample.business_name}", "askIf": "sample.sector == 'retail'"},
          {"type": "text", "id": "bye", "text": "Anything else?"}
        """, sampleFields: #"[{"name": "business_name", "identifier": true}, {"name": "sector"}]"#))
        let retail = Session(inst, sample: ["business_name": "Acme", "sector": "retail"])
        #expect(retail.current == "shop")
        #expect(retail.interview.currentView()?.text == "About your shop, Acme")
        let other = Session(inst, sample: ["business_name": "Acme", "sector": "finance"])
        #expect(other.current == "bye")
    }

    @Test func completeOnlyAtTheEnd() throws {
        var s = Session(try instrument(crimeSurvey))
        #expect(s.send(.complete).rejection != nil)
        s.answer(.one(2))
        s.answer(.many(99))
        #expect(s.send(.complete).events == [.completed])
        #expect(s.state.status == .completed)
        #expect(s.send(.answer(.one(1))).rejection != nil, "nothing can be recorded after completion")
    }
}

import Foundation
import FieldworkChecker
import FieldworkModel
import Testing
@testable import FieldworkEngine

/// Options in random and rotated order (with options that stay put), a section asked in random
/// order, and a question repeated in a loop; in English and Welsh.
let orderedSurvey = """
{
  "id": "ordered", "version": "1", "title": {"en": "Ordered", "cy": "Trefnus"}, "languages": ["en", "cy"],
  "codeFrames": {
    "brands": [
      {"code": 1, "name": "a", "label": {"en": "Alpha", "cy": "Alffa"}},
      {"code": 2, "name": "b", "label": {"en": "Beta", "cy": "Beta"}},
      {"code": 3, "name": "c", "label": {"en": "Gamma", "cy": "Gama"}},
      {"code": 4, "name": "d", "label": {"en": "Delta", "cy": "Delta"}},
      {"code": 5, "name": "e", "label": {"en": "Epsilon", "cy": "Epsilon"}},
      {"code": 6, "name": "f", "label": {"en": "Zeta", "cy": "Zeta"}},
      {"code": 8, "name": "other", "label": {"en": "Other", "cy": "Arall"}, "specify": true},
      {"code": 9, "name": "none", "label": {"en": "None of these", "cy": "Dim un o'r rhain"}, "exclusive": true}
    ]
  },
  "sections": [
    {"id": "first", "title": {"en": "First", "cy": "Cyntaf"}, "items": [
      {"id": "seen", "type": "multiple", "codeFrame": "brands", "order": "random",
       "text": {"en": "Which have you seen?", "cy": "Pa rai ydych chi wedi'u gweld?"},
       "checks": [{"id": "two", "require": "count(seen) <= 6", "message": {"en": "Too many.", "cy": "Gormod."}}]},
      {"id": "liked", "type": "single", "codeFrame": "brands", "order": "rotate",
       "text": {"en": "Which do you like best?", "cy": "Pa un ydych chi'n ei hoffi orau?"}},
      {"id": "pinned", "type": "single", "order": "random", "text": {"en": "Pinned?", "cy": "Wedi'i binio?"}, "options": [
        {"code": 1, "name": "top", "label": {"en": "Top", "cy": "Top"}, "fixed": true},
        {"code": 2, "name": "x", "label": {"en": "X", "cy": "X"}},
        {"code": 3, "name": "y", "label": {"en": "Y", "cy": "Y"}},
        {"code": 4, "name": "z", "label": {"en": "Z", "cy": "Z"}},
        {"code": 5, "name": "w", "label": {"en": "W", "cy": "W"}}
      ]}
    ]},
    {"id": "block", "title": {"en": "Block", "cy": "Bloc"}, "order": "random", "items": [
      {"id": "b1", "type": "integer", "text": {"en": "One?", "cy": "Un?"}},
      {"id": "b2", "type": "integer", "text": {"en": "Two?", "cy": "Dau?"}},
      {"id": "b3", "type": "integer", "text": {"en": "Three?", "cy": "Tri?"}},
      {"id": "b4", "type": "integer", "text": {"en": "Four?", "cy": "Pedwar?"}},
      {"id": "b5", "type": "integer", "text": {"en": "Five?", "cy": "Pump?"}}
    ]},
    {"id": "after", "title": {"en": "After", "cy": "Wedyn"}, "items": [
      {"id": "kinds", "type": "multiple", "codeFrame": "brands", "text": {"en": "Which kinds?", "cy": "Pa fathau?"}},
      {"id": "each", "type": "loop", "forEach": "kinds", "items": [
        {"id": "rate", "type": "single", "codeFrame": "brands", "order": "random", "text": {"en": "About {item.label}?", "cy": "Am {item.label}?"}}
      ]}
    ]}
  ]
}
"""

@Suite("Random and rotated orders")
struct DrawnOrderTests {
    static func interview(seed: UInt64?) throws -> Interview {
        Interview(instrument: try instrument(orderedSurvey), sample: SampleRecord([:]), seed: seed)
    }

    static func codes(_ interview: Interview) -> [Int] { interview.currentView()?.options.map(\.code) ?? [] }

    /// Answers forward to the random section and lists the questions in the order asked.
    static func blockOrder(seed: UInt64) throws -> [String] {
        var s = Session(try instrument(orderedSurvey))
        s.interview = try interview(seed: seed)
        s.answer(.choices([1], specify: [:]))
        s.answer(.choice(1, specify: nil))
        s.answer(.choice(1, specify: nil))
        var asked: [String] = []
        for n in 1...5 {
            asked.append(try #require(s.interview.currentView()).address.id)
            s.answer(.number(Double(n)))
        }
        return asked
    }

    @Test func theSameSeedGivesTheSameOrder() throws {
        let one = try Self.interview(seed: 42), two = try Self.interview(seed: 42)
        #expect(Self.codes(one) == Self.codes(two))
        #expect(try Self.blockOrder(seed: 42) == Self.blockOrder(seed: 42))
    }

    @Test func differentSeedsGiveDifferentOrders() throws {
        let orders = Set(try (1...20).map { Self.codes(try Self.interview(seed: UInt64($0))) })
        #expect(orders.count > 10, "20 seeds gave only \(orders.count) orders of six options")
        let blocks = Set(try (1...20).map { try Self.blockOrder(seed: UInt64($0)) })
        #expect(blocks.count > 5)
        // Every order of the section is a permutation of its questions.
        for block in blocks { #expect(block.sorted() == ["b1", "b2", "b3", "b4", "b5"]) }
    }

    @Test func withoutASeedEverythingComesAsWritten() throws {
        #expect(Self.codes(try Self.interview(seed: nil)) == [1, 2, 3, 4, 5, 6, 8, 9])
        #expect(try Self.interview(seed: nil).currentView()?.optionsReordered == false)
    }

    @Test func otherAndExclusiveOptionsStayLast() throws {
        for seed in UInt64(1)...30 {
            let codes = Self.codes(try Self.interview(seed: seed))
            #expect(Array(codes.suffix(2)) == [8, 9])
            #expect(codes.prefix(6).sorted() == [1, 2, 3, 4, 5, 6])
        }
    }

    @Test func aFixedOptionKeepsItsPlace() throws {
        var orders = Set<[Int]>()
        for seed in UInt64(1)...30 {
            var s = Session(try instrument(orderedSurvey))
            s.interview = try Self.interview(seed: seed)
            s.answer(.choices([1], specify: [:]))
            s.answer(.choice(1, specify: nil))
            let codes = Self.codes(s.interview)
            #expect(codes.first == 1)
            orders.insert(codes)
        }
        #expect(orders.count > 5)
    }

    @Test func rotationKeepsTheSequence() throws {
        for seed in UInt64(1)...20 {
            var s = Session(try instrument(orderedSurvey))
            s.interview = try Self.interview(seed: seed)
            s.answer(.choices([1], specify: [:]))
            let codes = Self.codes(s.interview)
            let start = try #require(codes.first)
            let expected = Array((start...6).map { $0 } + (1..<start).map { $0 }) + [8, 9]
            #expect(codes == expected)
        }
    }

    @Test func aLoopPassDrawsItsOwnOrder() throws {
        let inst = try instrument(orderedSurvey)
        var differ = false
        for seed in UInt64(1)...10 {
            let interview = Interview(instrument: inst, sample: SampleRecord([:]), seed: seed)
            let kinds = inst.questionIndex(id: "rate")!
            let first = interview.optionOrder(of: InstanceKey(item: kinds, iteration: LoopPass([1])))
            let second = interview.optionOrder(of: InstanceKey(item: kinds, iteration: LoopPass([2])))
            #expect(first?.count == 8)
            if first != second { differ = true }
        }
        #expect(differ)
    }

    @Test func replayShowsTheSameOrders() throws {
        let inst = try instrument(orderedSurvey)
        var s = Session(inst)
        s.interview = Interview(instrument: inst, sample: SampleRecord([:]), seed: 9_007)
        s.answer(.choices([2, 3], specify: [:]))
        s.answer(.choice(4, specify: nil))
        s.answer(.choice(1, specify: nil))
        s.answer(.number(1))
        let events: [InterviewEvent] = [.seeded(9_007)] + s.events
        // A replay is given another seed, as a resume is: the journalled one wins.
        let (replayed, problems) = Interview.replay(instrument: inst, sample: SampleRecord([:]), events: events, seed: 1)
        #expect(problems.isEmpty)
        #expect(replayed.seed == 9_007)
        #expect(replayed.currentView() == s.interview.currentView())
        let seen = InstanceKey(item: inst.questionIndex(id: "seen")!, iteration: .none)
        #expect(replayed.optionOrder(of: seen) == s.interview.optionOrder(of: seen))
        #expect(replayed.state.path.map(\.key) == s.interview.state.path.map(\.key))
    }

    @Test func anotherSeedDoesNotApply() throws {
        var interview = try Self.interview(seed: 5)
        if case .success = interview.apply(.seeded(6)) { Issue.record("a different seed was applied") }
        #expect(interview.apply(.seeded(5)) == .success(ApplyEffect()))
    }

    @Test func theSimulatorDrawsItsOwnSeedPerInterview() throws {
        let inst = try instrument(orderedSurvey)
        var options = SimulationOptions()
        options.keepEvents = true
        options.seed = 77
        var first = Simulator(instrument: inst, options: options)
        var again = Simulator(instrument: inst, options: options)
        let a = first.simulate(index: 3, sample: SampleRecord([:]))
        let b = again.simulate(index: 3, sample: SampleRecord([:]))
        #expect(a.events.map(\.0) == b.events.map(\.0))
        guard case .seeded(let seed)? = a.events.first?.0 else {
            Issue.record("the simulated interview journalled no seed first")
            return
        }
        #expect(seed == Simulator.interviewSeed(simulationSeed: 77, index: 3))
        #expect(Simulator.interviewSeed(simulationSeed: 77, index: 3) != Simulator.interviewSeed(simulationSeed: 77, index: 4))
    }

    @Test func theEventsRoundTripThroughJSON() throws {
        for event in [InterviewEvent.seeded(9_007_199_254_740_991), .languageChosen("cy")] {
            let data = try JSONEncoder().encode(event)
            #expect(try JSONDecoder().decode(InterviewEvent.self, from: data) == event)
        }
        let text = String(decoding: try JSONEncoder().encode(InterviewEvent.languageChosen("cy")), as: UTF8.self)
        #expect(text.contains("\"type\":\"language\"") && text.contains("\"language\":\"cy\""))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(InterviewEvent.self, from: Data(#"{"type":"seed","seed":9007199254740992}"#.utf8)) }
    }
}

@Suite("Choosing the language during the interview")
struct InterviewLanguageTests {
    @Test func switchingShowsTextsOptionsAndChecksInTheOtherLanguage() throws {
        let inst = try instrument(orderedSurvey)
        var s = Session(inst)
        s.interview = Interview(instrument: inst, sample: SampleRecord([:]), seed: nil)
        #expect(s.interview.currentView()?.text == "Which have you seen?")
        guard case .accepted(let events) = s.send(.chooseLanguage("cy")) else {
            Issue.record("switching to Welsh was refused")
            return
        }
        #expect(events == [.languageChosen("cy")])
        #expect(s.interview.language == "cy")
        let view = try #require(s.interview.currentView())
        #expect(view.text == "Pa rai ydych chi wedi'u gweld?")
        #expect(view.options.map(\.label).first == "Alffa")
        guard case .rejected(.hardCheck(let failures)) = s.send(.answer(.choices([1, 2, 3, 4, 5, 6, 8], specify: [8: "x"]))) else {
            Issue.record("the check did not fire")
            return
        }
        #expect(failures.map(\.message) == ["Gormod."])
        // Back in English on request.
        _ = s.send(.chooseLanguage("en"))
        #expect(s.interview.currentView()?.text == "Which have you seen?")
    }

    @Test func unknownLanguagesAreRefused() throws {
        var s = Session(try instrument(orderedSurvey))
        guard case .rejected(.notAllowed(let reason)) = s.send(.chooseLanguage("pl")) else {
            Issue.record("an unknown language was accepted")
            return
        }
        #expect(reason.contains("en, cy"))
        if case .success = s.interview.apply(.languageChosen("pl")) { Issue.record("an unknown language was applied") }
    }

    @Test func replayKeepsTheLastLanguage() throws {
        let inst = try instrument(orderedSurvey)
        let events: [InterviewEvent] = [.languageChosen("cy"), .answered(QuestionAddress(id: "seen"), .choices([1], specify: [:])),
                                        .languageChosen("en"), .languageChosen("cy")]
        let (replayed, problems) = Interview.replay(instrument: inst, sample: SampleRecord([:]), events: events)
        #expect(problems.isEmpty)
        #expect(replayed.language == "cy")
        #expect(replayed.currentView()?.text == "Pa un ydych chi'n ei hoffi orau?")
    }
}

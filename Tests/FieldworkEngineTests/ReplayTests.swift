import FieldworkChecker
import Foundation
import Testing
@testable import FieldworkEngine

@Suite("State is a function of events")
struct ReplayTests {
    @Test func scriptedSessionWithBacksJumpsAndChangesReplaysExactly() throws {
        var s = Session(try instrument(crimeSurvey))
        var checkpoints: [(Int, InterviewState)] = []
        func mark() { checkpoints.append((s.events.count, s.state)) }
        s.answer(.one(1)); mark()
        s.answer(.n(10)); mark()
        s.send(.note("respondent busy")); mark()
        s.answer(.many(1, 2, 3)); mark()
        s.answer(.n(2)); mark()
        s.answer(.one(2)); mark()
        s.back(); mark()
        s.back(); mark()
        s.send(.suspend); mark()
        s.send(.jump(QuestionAddress(id: "trading"))); mark()
        s.answer(.one(2)); mark()                 // staff leaves the path
        s.jump("crimes"); mark()
        s.answer(.many(2)); mark()                // burglary and hacking passes leave
        s.answer(.n(4)); mark()
        s.answer(.one(1)); mark()
        s.jump("trading"); mark()
        s.answer(.one(1)); mark()                 // staff comes back, offered
        s.answer(.n(11)); mark()
        s.jump("crimes"); mark()
        s.answer(.many(1, 2)); mark()             // burglary back: old answers offered
        s.answer(.n(5)); mark()
        s.answer(.one(1)); mark()
        #expect(s.current == "times[2]")
        s.jump("reported[2]")
        s.answer(.one(1)); mark()
        #expect(s.current == "comments")
        s.answer(.text("fine")); mark()
        #expect(s.send(.complete).events == [.completed]); mark()

        for (count, state) in checkpoints {
            let (replayed, problems) = Interview.replay(instrument: s.interview.instrument, sample: s.interview.sample,
                                                        events: Array(s.events.prefix(count)))
            #expect(problems.isEmpty)
            #expect(replayed.state == state, "state after \(count) events differs on replay")
        }
        #expect(s.state.notes.map(\.text) == ["respondent busy"])
        #expect(s.state.notes.first?.question == QuestionAddress(id: "crimes"))
    }

    @Test func eventsSurviveJSONAndStillReplay() throws {
        var s = Session(try instrument(crimeSurvey))
        s.answer(.one(1))
        s.answer(.n(10))
        s.answer(.choices([1, 2], specify: [:]))
        s.answer(.dontKnow)
        s.answer(.refused)
        s.back()
        s.answer(.n(3))
        s.send(.note("note"))
        s.answer(.one(1))
        let data = try JSONEncoder().encode(s.events)
        let decoded = try JSONDecoder().decode([InterviewEvent].self, from: data)
        #expect(decoded == s.events)
        let (replayed, problems) = Interview.replay(instrument: s.interview.instrument, sample: s.interview.sample, events: decoded)
        #expect(problems.isEmpty)
        #expect(replayed.state == s.state)
    }

    @Test func eventsThatNoLongerFitAreReportedNotGuessed() throws {
        let inst = try instrument(crimeSurvey)
        let events: [InterviewEvent] = [
            .answered(QuestionAddress(id: "trading"), .one(2)),
            .answered(QuestionAddress(id: "staff"), .n(3)),          // skipped: not the current question
            .answered(QuestionAddress(id: "gone"), .n(3)),           // no such question
            .jump(QuestionAddress(id: "comments")),                  // not on the path
            .answered(QuestionAddress(id: "crimes"), .many(99)),
        ]
        let (replayed, problems) = Interview.replay(instrument: inst, sample: SampleRecord(), events: events)
        #expect(problems.map(\.eventIndex) == [1, 2, 3])
        #expect(replayed.isAtEndScreen)
        var live = Session(inst)
        live.answer(.one(2))
        live.answer(.many(99))
        #expect(replayed.state.answers == live.state.answers)
        #expect(replayed.state.path == live.state.path)
    }
}

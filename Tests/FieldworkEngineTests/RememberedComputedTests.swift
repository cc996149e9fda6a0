import FieldworkChecker
import Testing
@testable import FieldworkEngine

/// A chain of computed variables (big → busy) deciding routing outside and inside a loop.
private let chained = questionnaire("""
  {"type": "integer", "id": "staff", "text": "How many staff?", "min": 0, "max": 5000},
  {"type": "computed", "id": "big", "expression": "staff > 10", "valueType": "boolean"},
  {"type": "multiple", "id": "crimes", "text": "Which happened?", "codeFrame": "crimes"},
  {"type": "computed", "id": "busy", "expression": "big and count(crimes) > 1", "valueType": "boolean"},
  {"type": "loop", "id": "victim", "forEach": "crimes", "askIf": "not ('none' in crimes)", "items": [
    {"type": "integer", "id": "times", "text": "How many times?", "min": 0, "max": 100},
    {"type": "computed", "id": "often", "expression": "times > 2 and busy", "valueType": "boolean"},
    {"type": "single", "id": "reported", "text": "Reported?", "codeFrame": "yesno", "askIf": "often"}
  ]},
  {"type": "text", "id": "why", "text": "Why so many?", "maxLength": 20, "askIf": "busy"},
  {"type": "text", "id": "comments", "text": "Anything else?", "maxLength": 20}
""")

/// The engine remembers computed values between steps; these tests change the answers they
/// depend on, directly and through other computed variables, and check nothing stale is used.
@Suite("Remembered computed values")
struct RememberedComputedTests {
    @Test func changingAnEarlierAnswerRecomputesTheChain() throws {
        var s = Session(try instrument(chained))
        s.answer(.n(20))
        s.answer(.many(1, 2))
        s.answer(.n(5))
        #expect(s.current == "reported[1]")          // often: times 5 > 2, busy (big, two crimes)
        s.answer(.one(1))
        s.answer(.n(1))
        #expect(s.current == "why")                  // often false for pass 2 (times 1)
        s.jump("staff")
        s.answer(.n(3))                              // big false → busy false → often false everywhere
        #expect(s.current == "crimes")               // the interviewer moves on through kept answers
        #expect(s.path == ["staff", "crimes", "times[1]", "times[2]", "comments"])
        #expect(s.status("reported[1]") == .offPath)
        #expect(s.status("why") == nil)
        s.jump("staff")
        s.answer(.n(50))                             // back on: reported[1] returns, to be confirmed
        #expect(s.path == ["staff", "crimes", "times[1]", "reported[1]"])
    }

    @Test func eachLoopPassGetsItsOwnValue() throws {
        var s = Session(try instrument(chained))
        s.answer(.n(20))
        s.answer(.many(1, 2, 3))
        s.answer(.n(1))                              // pass 1: not often
        #expect(s.current == "times[2]")
        s.answer(.n(9))                              // pass 2: often
        #expect(s.current == "reported[2]")
        s.answer(.one(2))
        s.answer(.n(0))                              // pass 3: not often
        #expect(s.current == "why")
    }

    @Test func copiesOfAnInterviewKeepTheirOwnValues() throws {
        var a = Session(try instrument(chained))
        a.answer(.n(20))
        a.answer(.many(1, 2))
        var b = a
        b.jump("crimes")
        b.answer(.many(1))                           // one crime: busy false in b only
        a.answer(.n(5))
        b.answer(.n(5))
        #expect(a.current == "reported[1]")
        #expect(b.current == "comments")
    }

    @Test func replayAgreesWithTheLiveInterview() throws {
        var s = Session(try instrument(chained))
        s.answer(.n(20)); s.answer(.many(1, 2)); s.answer(.n(5)); s.answer(.one(1))
        s.jump("staff"); s.answer(.n(2)); s.jump("staff"); s.answer(.n(30))
        let (replayed, problems) = Interview.replay(instrument: s.interview.instrument, sample: s.interview.sample, events: s.events)
        #expect(problems.isEmpty)
        #expect(replayed.state == s.state)
        #expect(replayed.currentKey == s.interview.currentKey)
    }
}

import FieldworkChecker
import Foundation
import Testing
@testable import FieldworkEngine

private let counted = #"""
{
  "id": "t", "version": "1", "title": "Test", "languages": ["en"],
  "missingCodes": {"dontKnow": -1, "refused": -2, "extra": [
    {"name": "too_many", "code": -3, "label": "Too many to count"},
    {"name": "not_applicable", "code": -4, "label": "Not applicable"}
  ]},
  "sections": [{"id": "s", "title": "S", "items": [
    {"type": "integer", "id": "incidents", "text": "How many?", "min": 0, "max": 999, "allowMissing": ["too_many"]},
    {"type": "text", "id": "if_many", "text": "a", "askIf": "incidents > 10"},
    {"type": "text", "id": "if_few", "text": "b", "askIf": "not (incidents > 10)"},
    {"type": "text", "id": "if_answered", "text": "c", "askIf": "answered(incidents)"},
    {"type": "text", "id": "if_asked", "text": "d", "askIf": "asked(incidents) and not dontknow(incidents)"},
    {"type": "integer", "id": "other", "text": "Other?"}
  ]}]
}
"""#

@Suite("Extra missing codes")
struct ExtraMissingCodeTests {
    @Test func anAllowedExtraCodeIsRecordedAndIsMissingInConditions() throws {
        var s = Session(try instrument(counted))
        s.answer(.missingCode("too_many"))
        let key = try #require(s.key("incidents"))
        #expect(s.state.answers[key]?.response == .missingCode("too_many"))
        // Kleene: neither the comparison nor its negation holds; it was asked but not answered.
        #expect(s.current == "if_asked")
        #expect(s.interview.describe(.missingCode("too_many"), for: key) == "Too many to count")
    }

    @Test func anExtraCodeTheQuestionDoesNotAllowIsRejected() throws {
        var s = Session(try instrument(counted))
        let rejection = try #require(s.send(.answer(.missingCode("not_applicable"))).rejection)
        #expect(rejection.description.contains("not_applicable"))
        #expect(rejection.description.contains("allowed: too_many"))
        s.answer(.n(3))
        s.answer(.text("x"))
        s.answer(.text("x"))
        s.answer(.text("x"))
        #expect(s.current == "other")
        #expect(s.send(.answer(.missingCode("too_many"))).rejection != nil, "other allows no extra codes")
    }

    @Test func itSurvivesReplayAndTheJournalEncoding() throws {
        var s = Session(try instrument(counted))
        s.answer(.missingCode("too_many"))
        let (replayed, problems) = s.replayed()
        #expect(problems.isEmpty)
        #expect(replayed.state == s.state)
        let data = try JSONEncoder().encode(Response.missingCode("too_many"))
        #expect(String(decoding: data, as: UTF8.self) == #"{"missing":"too_many"}"#)
        #expect(try JSONDecoder().decode(Response.self, from: data) == .missingCode("too_many"))
        #expect(Response.missingCode("too_many").isMissing)
    }

    @Test func theReaderChecksTheDeclarationsAndTheirUse() throws {
        func problems(_ replace: String, with: String) -> [String] {
            let json = counted.replacingOccurrences(of: replace, with: with)
            let (_, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "t.json")
            return diagnostics.map(\.message)
        }
        #expect(problems(#""code": -4"#, with: #""code": -2"#).contains { $0.contains("the refused code") })
        #expect(problems(#""allowMissing": ["too_many"]"#, with: #""allowMissing": ["too_mny"]"#).contains { $0.contains("did you mean \"too_many\"") })
        #expect(problems(#""name": "not_applicable", "code": -4"#, with: #""name": "too_many", "code": -4"#).contains { $0.contains("already used") })
    }
}

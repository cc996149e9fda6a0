import FieldworkChecker
import FieldworkModel
import Testing
@testable import FieldworkEngine

/// One question of each type, each with limits to break.
private let questions: [String: String] = [
    "single": #"{"type": "single", "id": "q", "text": "Q?", "codeFrame": "yesno"}"#,
    "multiple": #"{"type": "multiple", "id": "q", "text": "Q?", "codeFrame": "crimes", "maxChoices": 2}"#,
    "multipleMin": #"{"type": "multiple", "id": "q", "text": "Q?", "codeFrame": "crimes", "minChoices": 2}"#,
    "integer": #"{"type": "integer", "id": "q", "text": "Q?", "min": 1, "max": 5000, "unit": "employees"}"#,
    "decimal": #"{"type": "decimal", "id": "q", "text": "Q?", "min": 0, "max": 100, "decimals": 1}"#,
    "text": #"{"type": "text", "id": "q", "text": "Q?", "maxLength": 5}"#,
    "date": #"{"type": "date", "id": "q", "text": "Q?", "min": "2024-01-01", "max": "2024-12-31"}"#,
    "grid": #"{"type": "grid", "id": "q", "text": "Q?", "codeFrame": "yesno", "items": [{"name": "a", "text": "A"}, {"name": "b", "text": "B"}]}"#,
    "strict": #"{"type": "single", "id": "q", "text": "Q?", "codeFrame": "yesno", "allowDontKnow": false, "allowRefused": false}"#,
    "strictGrid": #"{"type": "grid", "id": "q", "text": "Q?", "codeFrame": "yesno", "allowDontKnow": false, "items": [{"name": "a", "text": "A"}]}"#,
    "specify": #"{"type": "single", "id": "q", "text": "Q?", "options": [{"code": 1, "name": "shop", "label": "Shop"}, {"code": 97, "name": "other", "label": "Other", "specify": {"maxLength": 4}}]}"#,
    "statement": #"{"type": "statement", "id": "q", "text": "Hello."}"#,
]

private func session(_ kind: String) throws -> Session {
    let q = try #require(questions[kind])
    return Session(try instrument(questionnaire(q + #", {"type": "text", "id": "bye", "text": "Bye?"}"#)))
}

private func day(_ text: String) -> Int { DateValue.dayNumber(text)! }

@Suite("Validation")
struct ValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: String
        var response: Response
        /// Fragments the rejection reason must contain.
        var reason: [String]
        var testDescription: String { "\(kind): \(response)" }
    }

    static let rejected: [Case] = [
        Case(kind: "single", response: .one(3), reason: ["3 is not one of the codes offered", "1, 2"]),
        Case(kind: "single", response: .n(1), reason: ["single question cannot take a number"]),
        Case(kind: "multiple", response: .many(1, 99), reason: ["\"None of these\" cannot be combined"]),
        Case(kind: "multiple", response: .many(1, 2, 3), reason: ["at most 2"]),
        Case(kind: "multiple", response: .choices([], specify: [:]), reason: ["at least one"]),
        Case(kind: "multiple", response: .many(1, 1), reason: ["chosen twice"]),
        Case(kind: "multiple", response: .many(4), reason: ["4 is not one of the codes offered"]),
        Case(kind: "multipleMin", response: .many(1), reason: ["at least 2"]),
        Case(kind: "integer", response: .n(0), reason: ["whole number", "from 1 to 5000", "employees"]),
        Case(kind: "integer", response: .n(5001), reason: ["from 1 to 5000"]),
        Case(kind: "integer", response: .n(2.5), reason: ["whole number"]),
        Case(kind: "integer", response: .text("12"), reason: ["integer question cannot take text"]),
        Case(kind: "decimal", response: .n(100.5), reason: ["from 0", "to 100"]),
        Case(kind: "decimal", response: .n(-0.1), reason: ["from 0"]),
        Case(kind: "decimal", response: .n(1.25), reason: ["at most 1 decimal"]),
        Case(kind: "text", response: .text("abcdef"), reason: ["6 characters", "at most 5"]),
        Case(kind: "text", response: .text("   "), reason: ["type an answer"]),
        Case(kind: "date", response: .date(day("2023-12-31")), reason: ["on or after 2024-01-01"]),
        Case(kind: "date", response: .date(day("2025-01-01")), reason: ["on or before 2024-12-31"]),
        Case(kind: "grid", response: .grid([.one(1)]), reason: ["2 expected, 1 given"]),
        Case(kind: "grid", response: .grid([.one(1), .one(7)]), reason: ["row 2", "7 is not one of the codes offered"]),
        Case(kind: "grid", response: .grid([.one(1), .n(1)]), reason: ["row 2 needs one of the codes"]),
        Case(kind: "strict", response: .dontKnow, reason: ["don't know is not allowed"]),
        Case(kind: "strict", response: .refused, reason: ["refused is not allowed"]),
        Case(kind: "strictGrid", response: .grid([.dontKnow]), reason: ["row 1 needs one of the codes"]),
        Case(kind: "specify", response: .one(97), reason: ["please specify"]),
        Case(kind: "specify", response: .choice(97, specify: "too long"), reason: ["at most 4"]),
        Case(kind: "statement", response: .n(1), reason: ["statement question cannot take a number"]),
    ]

    @Test(arguments: rejected)
    func outOfDomainAnswerIsRejectedWithAReasonAndNoChange(_ c: Case) throws {
        var s = try session(c.kind)
        let before = s.state
        let rejection = try #require(s.send(.answer(c.response)).rejection)
        guard case .invalid(let reason) = rejection else {
            Issue.record("expected .invalid, got \(rejection)")
            return
        }
        for fragment in c.reason {
            #expect(reason.contains(fragment), "reason \"\(reason)\" should mention \"\(fragment)\"")
        }
        #expect(s.state == before, "a rejected answer must leave the state unchanged")
        #expect(s.events.isEmpty)
    }

    static let accepted: [(String, Response)] = [
        ("single", .one(2)),
        ("single", .dontKnow),
        ("single", .refused),
        ("multiple", .many(1, 3)),
        ("multiple", .many(99)),
        ("multipleMin", .many(1, 2)),
        ("integer", .n(1)),
        ("integer", .n(5000)),
        ("decimal", .n(99.9)),
        ("decimal", .n(0)),
        ("text", .text("abcde")),
        ("date", .date(day("2024-01-01"))),
        ("date", .date(day("2024-12-31"))),
        ("grid", .grid([.one(1), .dontKnow])),
        ("strict", .one(1)),
        ("specify", .choice(97, specify: "Web")),
        ("specify", .one(1)),
        ("statement", .seen),
    ]

    @Test(arguments: accepted)
    func inDomainAnswerIsAcceptedAndRecorded(kind: String, response: Response) throws {
        var s = try session(kind)
        s.answer(response)
        #expect(s.current == "bye")
        let key = try #require(s.key("q"))
        #expect(s.interview.activeAnswer(key) == response)
        #expect(s.state.answers[key]?.status == .active)
    }

    @Test func currentViewSaysWhetherDontKnowIsAllowed() throws {
        #expect(try session("strict").interview.currentView()?.allowDontKnow == false)
        #expect(try session("single").interview.currentView()?.allowDontKnow == true)
        #expect(try session("statement").interview.currentView()?.allowDontKnow == false, "statements take no don't know by default")
    }
}

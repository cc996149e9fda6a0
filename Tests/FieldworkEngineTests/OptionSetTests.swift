import FieldworkChecker
import FieldworkDiagnostics
import FieldworkModel
import Testing
@testable import FieldworkEngine

/// A questionnaire with named option sets of the shared `crimes` frame.
func optionSetSurvey(sets: String = #"{"online": {"codeFrame": "crimes", "options": ["fraud", "hacking"]}}"#) -> String {
    questionnaire("""
      {"type": "multiple", "id": "crimes", "text": "Which happened?", "codeFrame": "crimes"},
      {"type": "single", "id": "worst", "text": "Which was worst?", "codeFrame": "crimes"},
      {"type": "computed", "id": "n_online", "expression": "count(crimes, online)", "valueType": "integer"},
      {"type": "text", "id": "how", "text": "How did it happen online?", "askIf": "worst in online"}
    """).replacingOccurrences(of: #""sections": ["#, with: "\"optionSets\": \(sets),\n  \"sections\": [")
}

@Suite("Named option sets")
struct OptionSetTests {
    @Test func aSetCountsChosenOptionsAndStandsForAList() throws {
        let inst = try instrument(optionSetSurvey())
        var online = Session(inst)
        online.answer(.many(1, 2, 3))
        online.answer(.one(3))
        #expect(online.current == "how")
        var offline = Session(inst)
        offline.answer(.many(1))
        offline.answer(.one(1))
        #expect(offline.interview.isAtEndScreen)
        #expect(online.interview.computedValue(id: "n_online") == .number(2))
        #expect(offline.interview.computedValue(id: "n_online") == .number(0))
    }

    @Test(arguments: [
        (#"{"online": {"codeFrame": "crime", "options": ["fraud"]}}"#, "FW203", "did you mean \"crimes\""),
        (#"{"online": {"codeFrame": "crimes", "options": ["frau"]}}"#, "FW224", "did you mean \"fraud\""),
        (#"{"crimes": {"codeFrame": "crimes", "options": ["fraud"]}}"#, "FW200", "has the name of a question"),
    ])
    func mistakesInASetAreFoundWithTheirPlace(sets: String, code: String, words: String) {
        let (_, diagnostics) = Checker.check(bytes: Array(optionSetSurvey(sets: sets).utf8), file: "t.json")
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.code.rawValue == code && $0.message.contains(words) }, "\(errors.map(\.description))")
        #expect(errors.allSatisfy { $0.location.line > 0 })
    }

    @Test func aSetIsNotAValue() {
        let json = optionSetSurvey().replacingOccurrences(of: #""askIf": "worst in online""#, with: #""askIf": "online""#)
        let (_, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "t.json")
        #expect(diagnostics.contains { $0.code.rawValue == "FW224" && $0.message.contains("is an option set") })
    }
}

import FieldworkChecker
@testable import FieldworkExport
import Testing

@Suite("Answers that identify the respondent")
struct IdentifierAnswerTests {
    static let json = """
    {"id": "t", "version": "1", "title": "T", "sections": [{"id": "s", "title": "S", "items": [
      {"id": "agree", "type": "single", "text": "May we contact you again?", "options": [{"code": 1, "name": "yes", "label": "Yes"}]},
      {"id": "email", "type": "text", "text": "Your e-mail address?", "identifier": true},
      {"id": "note", "type": "text", "text": "Anything else?"}
    ]}]}
    """

    @Test func areLeftOutUnlessIdentifiersAreAskedFor() throws {
        let (instrument, diagnostics) = Checker.check(bytes: Array(Self.json.utf8), file: "t.json")
        let inst = try #require(instrument, "\(diagnostics)")
        #expect(inst.questions[1].question.identifier)
        let plain = SurveyColumnPlan(instrument: inst, includeIdentifiers: false).columns.map(\.variable.name)
        #expect(plain.contains("note") && plain.contains("agree"))
        #expect(!plain.contains("email"))
        let full = SurveyColumnPlan(instrument: inst, includeIdentifiers: true).columns.map(\.variable.name)
        #expect(full.contains("email"))
    }
}

import FieldworkChecker
import Testing
@testable import FieldworkExport

/// The documented mapping from fills to the placeholders the printed questionnaire shows.
@Suite struct FillPlaceholderTests {
    static let json = """
    {
      "id": "fills", "version": "1", "title": "Fills",
      "sampleFields": [{"name": "contact_name", "identifier": true, "required": false}],
      "codeFrames": {"agree": [{"code": 1, "name": "yes", "label": "Agree"}, {"code": 2, "name": "no", "label": "Disagree"}]},
      "sections": [{"id": "s", "items": [
        {"id": "hello", "type": "statement", "text": "May I speak to {coalesce(sample.contact_name, 'the manager')}?"},
        {"id": "views", "type": "grid", "codeFrame": "agree", "text": "Do you agree?",
         "items": [{"name": "safe", "text": "The area is safe"}]},
        {"id": "n", "type": "integer", "min": 0, "max": 9, "text": "How many times?"},
        {"id": "twice", "type": "computed", "valueType": "integer", "expression": "n * 2"},
        {"id": "times", "type": "loop", "count": "n", "max": 3, "items": [
          {"id": "t_when", "type": "text",
           "text": "{if(item.index == 1, 'The latest', 'The one before')} of {n} ({twice} halves), pass {item.index}: you said {views.safe}."}
        ]}
      ]}]
    }
    """

    @Test func fillsBecomePlaceholders() throws {
        let (instrument, diagnostics) = Checker.check(bytes: Array(Self.json.utf8), file: "fills.json")
        let checked = try #require(instrument, "\(diagnostics.map(\.description))")
        let d = try QuestionnaireDocumentBuilder(instrument: checked).build()
        let questions = d.sections[0].entries.compactMap { if case .question(let q) = $0 { return q } else { return nil } }
        #expect(questions.first?.text == "May I speak to [contact name \u{2014} if not known: \u{201C}the manager\u{201D}]?")
        let when = try #require(questions.first { $0.id == "t_when" })
        #expect(when.text == "[\u{201C}The latest\u{201D} if this pass's number is 1, otherwise \u{201C}The one before\u{201D}] of [answer to n (Q2)] ([value of twice] halves), pass [pass number]: you said [answer to views (Q1) row safe].")
        #expect(when.exportNames == ["t_when_<1-3>"])
        #expect(when.routing == ["Asked once for each of the number given at n (Q2), at most 3 times (loop times)"])
        let views = try #require(questions.first { $0.id == "views" })
        #expect(views.gridRows.map(\.exportName) == ["views_safe"])
        let computed = d.sections[0].entries.compactMap { if case .computed(let c) = $0 { return c } else { return nil } }
        #expect(computed.map(\.definition) == ["n * 2"])
    }
}

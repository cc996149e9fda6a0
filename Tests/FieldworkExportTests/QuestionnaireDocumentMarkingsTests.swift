import FieldworkChecker
import Foundation
import Testing
@testable import FieldworkExport

/// What a signer must see on paper beyond the words: text not read aloud, options in a drawn
/// order, extra missing codes, and loops over a code frame's options with `passIf`.
@Suite struct QuestionnaireDocumentMarkingsTests {
    static let json = """
    {
      "id": "marks", "version": "1", "title": "Markings", "languages": ["en"],
      "missingCodes": {"dontKnow": -1, "refused": -2, "extra": [{"name": "too_many", "code": -3, "label": "Too many to count"}]},
      "codeFrames": {
        "yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}],
        "types": [{"code": 1, "name": "burglary", "label": "Burglary"}, {"code": 2, "name": "fraud", "label": "Fraud"}]
      },
      "sections": [
        {"id": "s", "title": "Screener", "items": [
          {"id": "who", "type": "single", "codeFrame": "yesno", "readAloud": false, "text": "INTERVIEWER: is this the named contact?"},
          {"id": "likes", "type": "single", "order": "random", "codeFrame": "types", "text": "Which worries you most?"},
          {"id": "screen", "type": "loop", "forEachOption": "types", "items": [
            {"id": "had", "type": "single", "codeFrame": "yesno", "text": "Any {item.label}?"},
            {"id": "times", "type": "integer", "min": 1, "max": 99, "allowMissing": ["too_many"],
             "askIf": "answered(had) and had == 'yes'", "text": "How many times?"},
            {"id": "yes", "type": "computed", "valueType": "boolean", "expression": "had == 'yes'"}
          ]},
          {"id": "forms", "type": "loop", "forEachOption": "types", "passIf": "yes[item]", "items": [
            {"id": "what", "type": "text", "maxLength": 50, "text": "What happened with the {item.label}?"}
          ]}
        ]},
        {"id": "r", "title": "Rotated", "order": "rotate", "items": [
          {"id": "a", "type": "single", "codeFrame": "yesno", "text": "A?"},
          {"id": "b", "type": "single", "codeFrame": "yesno", "text": "B?"}
        ]}
      ]
    }
    """

    static func document() throws -> QuestionnaireDocument {
        let (instrument, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "marks.json")
        return try QuestionnaireDocumentBuilder(instrument: try #require(instrument, "\(diagnostics.map(\.description))"), language: nil).build()
    }

    static func question(_ id: String, _ d: QuestionnaireDocument) throws -> DocumentQuestion {
        try #require(d.sections.flatMap(\.entries).compactMap { if case .question(let q) = $0 { return q } else { return nil } }.first { $0.id == id })
    }

    @Test func textNotReadAloudIsMarkedInBothFormats() throws {
        let d = try Self.document()
        #expect(try Self.question("who", d).readAloud == false)
        #expect(try Self.question("likes", d).readAloud == true)
        let md = MarkdownQuestionnaireRenderer(document: d).render()
        #expect(md.contains("*Not read aloud (for the interviewer):* INTERVIEWER: is this the named contact?"))
        let html = HTMLQuestionnaireRenderer(document: d).render()
        #expect(html.contains("<strong>NOT READ ALOUD:</strong> <em>INTERVIEWER: is this the named contact?</em>"))
        #expect(!html.contains("NOT READ ALOUD:</strong> <em>Which worries you most?"))
    }

    @Test func drawnOrdersAreStated() throws {
        let d = try Self.document()
        #expect(try Self.question("likes", d).answerRules.contains { $0.contains("random order") })
        #expect(try Self.question("who", d).answerRules.allSatisfy { !$0.contains("order") })
        #expect(d.sections[1].routing.contains { $0.contains("rotated order") })
    }

    @Test func extraMissingCodesAreListedWithTheirCodes() throws {
        let d = try Self.document()
        let times = try Self.question("times", d)
        #expect(times.missingValues?.contains("too many to count (code -3)") == true, "\(times.missingValues ?? "")")
        #expect(try Self.question("had", d).missingValues?.contains("code -3") == false)
    }

    @Test func loopsOverOptionsAndPassIfAreWorded() throws {
        let d = try Self.document()
        let had = try Self.question("had", d)
        #expect(had.routing.first == "Asked for each option of types (loop screen)", "\(had.routing)")
        #expect(had.text == "Any [option of types]?")
        let what = try Self.question("what", d)
        #expect(what.routing.first?.contains("only where yes") == true, "\(what.routing)")
        #expect(what.routing.first?.contains("this pass") == true, "\(what.routing)")
        #expect(what.exportNames.contains { $0.contains("_<option of types>") }, "\(what.exportNames)")
    }
}

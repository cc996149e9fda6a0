import FieldworkChecker
import Foundation
import Testing
@testable import FieldworkExport

/// The printed questionnaire built from a small questionnaire with one of each routing form.
@Suite struct QuestionnaireDocumentTests {
    static let json = """
    {
      "id": "docq", "version": "3", "title": "Printing test", "languages": ["en", "cy"], "defaultLanguage": "en",
      "sampleFields": [{"name": "business_name", "identifier": true}],
      "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
      "sections": [
        {"id": "screen", "title": "Screening", "items": [
          {"id": "hello", "type": "statement", "text": "Hello, is that {sample.business_name}?"},
          {"id": "trading", "type": "single", "codeFrame": "yesno", "text": "Is the business still trading?"},
          {"id": "end_ceased", "type": "end", "askIf": "trading == 'no'", "outcome": "ceased-trading",
           "text": "Thank you, that is all."},
          {"id": "staff", "type": "integer", "min": 1, "max": 5000, "unit": "people", "askIf": "trading == 'yes'",
           "text": {"en": "How many people work here?", "cy": "Faint o bobl sy'n gweithio yma?"},
           "checks": [{"id": "big", "severity": "soft", "require": "staff < 1000",
                       "message": "{staff} people is a lot. Please check."}]}
        ]},
        {"id": "crime", "title": "Crime", "askIf": "trading == 'yes'", "items": [
          {"id": "crimes", "type": "multiple", "text": "Has the business experienced any of these?",
           "instruction": "Read out. Code all that apply.",
           "options": [
             {"code": 1, "name": "burglary", "label": "Burglary"},
             {"code": 2, "name": "robbery", "label": "Robbery"},
             {"code": 8, "name": "other", "label": "Something else", "readOut": false, "specify": {"maxLength": 80}},
             {"code": 9, "name": "none", "label": "None of these", "readOut": false, "exclusive": true}
           ]},
          {"id": "burg_entry", "type": "single", "codeFrame": "yesno", "askIf": "'burglary' in crimes",
           "text": "Did the burglar get inside?"},
          {"id": "forms", "type": "loop", "forEach": "crimes", "askIf": "not ('none' in crimes)", "items": [
            {"id": "inc", "type": "integer", "min": 1, "max": 99, "text": "How many times did {item.label} happen?"}
          ]},
          {"id": "n_types", "type": "computed", "valueType": "integer", "expression": "count(crimes)"}
        ]}
      ]
    }
    """

    static func instrument() throws -> Instrument {
        let (instrument, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "docq.json")
        return try #require(instrument, "\(diagnostics.map(\.description))")
    }

    static func document(language: String? = nil) throws -> QuestionnaireDocument {
        try QuestionnaireDocumentBuilder(instrument: instrument(), language: language).build()
    }

    static func questions(_ d: QuestionnaireDocument) -> [DocumentQuestion] {
        d.sections.flatMap(\.entries).compactMap { if case .question(let q) = $0 { return q } else { return nil } }
    }

    static func question(_ id: String, in d: QuestionnaireDocument) throws -> DocumentQuestion {
        try #require(questions(d).first { $0.id == id })
    }

    @Test func questionsAreNumberedInOrderAndStatementsAreNot() throws {
        let d = try Self.document()
        let numbered = Self.questions(d).map { "\($0.numberLabel ?? "-") \($0.id)" }
        #expect(numbered == ["- hello", "Q1 trading", "Q2 staff", "Q3 crimes", "Q4 burg_entry", "Q5 inc"])
        #expect(d.numberedQuestions == 5)
        #expect(try Self.question("hello", in: d).text == "Hello, is that [business name]?")
    }

    @Test func routingOnASingleChoiceNamesTheQuestionTheLabelAndTheCode() throws {
        let d = try Self.document()
        #expect(try Self.question("staff", in: d).routing == ["Ask if trading (Q1) is Yes (code 1)"])
        #expect(d.sections[1].routing == ["Ask this section only if trading (Q1) is Yes (code 1)"])
    }

    @Test func routingOnAMultipleChoiceSaysIncludes() throws {
        let d = try Self.document()
        #expect(try Self.question("burg_entry", in: d).routing == ["Ask if crimes (Q3) includes Burglary (code 1)"])
    }

    @Test func forEachLoopIsFramedAndItsQuestionsSayForEachOption() throws {
        let d = try Self.document()
        let entries = d.sections[1].entries
        let starts = entries.compactMap { if case .loopStart(let l) = $0 { return l } else { return nil } }
        let ends = entries.compactMap { if case .loopEnd(let l) = $0 { return l.id } else { return nil } }
        let start = try #require(starts.first)
        #expect(start.repetition == "For each option chosen at crimes (Q3) (never for None of these)")
        #expect(start.routing == ["Loop made only if crimes (Q3) does not include None of these (code 9)"])
        #expect(ends == ["forms"])
        let inc = try Self.question("inc", in: d)
        #expect(inc.routing == ["Asked for each option chosen at crimes (Q3) (loop forms)"])
        #expect(inc.text == "How many times did [option chosen at crimes (Q3)] happen?")
        #expect(inc.exportNames == ["inc_<option of crimes>"])
        #expect(inc.loopDepth == 1)
    }

    @Test func endItemSaysTheOutcomeTheConditionAndTheClosingWords() throws {
        let d = try Self.document()
        let ending = try #require(d.sections[0].entries.compactMap { if case .end(let e) = $0 { return e } else { return nil } }.first)
        #expect(ending.sentence == "END THE INTERVIEW \u{2014} outcome: ceased trading: not eligible (ceased-trading) \u{2014} if trading (Q1) is No (code 2)")
        #expect(ending.closingWords == "Thank you, that is all.")
    }

    @Test func softCheckAsksToConfirmWithItsMessage() throws {
        let check = try #require(try Self.question("staff", in: Self.document()).checks.first)
        #expect(check.severity == .soft)
        #expect(check.sentence.hasPrefix("Confirm with the respondent if not: staff (Q2) is less than 1000."))
        #expect(check.message == "[answer to staff (Q2)] people is a lot. Please check.")
    }

    @Test func optionsSayWhichAreNotReadOutExclusiveOrSpecify() throws {
        let crimes = try Self.question("crimes", in: Self.document())
        #expect(crimes.options.map(\.readOut) == [true, true, false, false])
        #expect(crimes.options[2].notes == ["do not read out", "specify: a text of up to 80 characters, required"])
        #expect(crimes.options[3].notes == ["do not read out", "exclusive: clears every other answer"])
        #expect(crimes.exportNames == ["crimes_burglary", "crimes_robbery", "crimes_other", "crimes_none", "crimes_other_spec"])
        #expect(crimes.instruction == "Read out. Code all that apply.")
    }

    @Test func rangesUnitsAndMissingValuesAreSpelledOut() throws {
        let staff = try Self.question("staff", in: Self.document())
        #expect(staff.answerRules == ["A whole number from 1 to 5000, in people."])
        #expect(staff.missingValues == "Not read out: don't know (code -1) and refused (code -2) may be recorded.")
    }

    @Test func computedCountIsInWords() throws {
        let d = try Self.document()
        let computed = try #require(d.sections[1].entries.compactMap { if case .computed(let c) = $0 { return c } else { return nil } }.first)
        #expect(computed.definition == "the number of options chosen at crimes (Q3)")
    }

    @Test func anotherLanguageIsUsedAndAnUnknownOneIsRefusedWithTheChoices() throws {
        #expect(try Self.question("staff", in: Self.document(language: "cy")).text == "Faint o bobl sy'n gweithio yma?")
        #expect(throws: DocumentLanguageError(requested: "fr", available: ["en", "cy"])) {
            try Self.document(language: "fr")
        }
        #expect(DocumentLanguageError(requested: "fr", available: ["en", "cy"]).description.contains("en, cy"))
    }

    @Test func htmlIsSelfContainedAndEscapesDesignerText() throws {
        var d = try Self.document()
        d.title = "Crime <b>& safety</b>"
        let html = QuestionnaireDocumentFormat.html.render(d)
        #expect(html.contains("Crime &lt;b&gt;&amp; safety&lt;/b&gt;"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("<b>ROUTING</b> Ask if crimes (Q3) includes Burglary (code 1)"))
        #expect(html.contains("<b>INTERVIEWER:</b> Read out. Code all that apply."))
        #expect(html.contains("page-break-before:always"))
    }

    @Test func markdownShowsHeadingsRoutingAndLoops() throws {
        let md = QuestionnaireDocumentFormat.md.render(try Self.document())
        #expect(md.contains("#### Q4 `burg_entry`: single choice"))
        #expect(md.contains("> **ROUTING:** Ask if crimes (Q3) includes Burglary (code 1)"))
        #expect(md.contains("### LOOP `forms`: For each option chosen at crimes (Q3) (never for None of these):"))
        #expect(md.contains("### END OF LOOP `forms`"))
        #expect(md.contains("| 9 | None of these | do not read out; exclusive: clears every other answer |"))
    }
}

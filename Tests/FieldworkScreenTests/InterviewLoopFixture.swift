import FieldworkChecker
import FieldworkEngine
import FieldworkScreen

/// A questionnaire with a long section title, fills in question texts without labels and a loop
/// over the answers of a multiple-choice question, for the jump list, the header at 80×24 and the
/// progress estimate.
enum InterviewLoopFixture {
    static let json = #"""
    {
      "id": "loops", "version": "1", "title": "Business Crime Survey",
      "languages": ["en"], "defaultLanguage": "en",
      "missingCodes": {"dontKnow": -1, "refused": -2},
      "targetMinutes": 30,
      "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": true, "label": "Business"},
        {"name": "phone", "type": "phone", "identifier": true, "label": "Phone"}
      ],
      "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
      "sections": [
        {"id": "start", "title": "Getting started", "items": [
          {"id": "q_name", "type": "single", "text": "Am I speaking to someone at {sample.business_name}?", "codeFrame": "yesno"},
          {"id": "q_extra", "type": "single", "text": "Does the business have a second site?", "codeFrame": "yesno", "label": "Second site"},
          {"id": "q_site", "type": "integer", "text": "How many staff at the second site?", "min": 0, "max": 100, "askIf": "q_extra == 'yes'", "label": "Staff at second site"},
          {"id": "crimes", "type": "multiple", "text": "Which of these happened?", "label": "Crimes", "options": [
            {"code": 1, "name": "burglary", "label": "Burglary"},
            {"code": 2, "name": "vandalism", "label": "Vandalism or criminal damage to the premises, vehicles or stock"},
            {"code": 3, "name": "fraud", "label": "Fraud"},
            {"code": 97, "name": "none", "label": "None of these", "exclusive": true}]}
        ]},
        {"id": "victim", "title": "Victim forms for each type of crime experienced at this site in the last twelve months", "items": [
          {"id": "forms", "type": "loop", "forEach": "crimes", "askIf": "not ('none' in crimes)", "items": [
            {"id": "v_intro", "type": "statement", "text": "The next questions are about {item.label}."},
            {"id": "v_inc", "type": "integer", "text": "How many incidents of {item.label}?", "min": 1, "max": 999, "label": "Number of incidents"},
            {"id": "v_rep", "type": "single", "text": "Was any of it reported?", "codeFrame": "yesno", "label": "Reported"}
          ]}
        ]},
        {"id": "end", "title": "Finally", "items": [
          {"id": "q_last", "type": "text", "text": "Anything else?", "maxLength": 100, "label": "Comments"}
        ]}
      ]
    }
    """#

    static func interview() throws -> Interview {
        let (instrument, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "loops.json")
        guard let instrument else {
            throw FixtureError(message: diagnostics.map { "\($0)" }.joined(separator: "\n"))
        }
        return Interview(instrument: instrument, sample: SampleRecord(["business_name": "Acme Widgets Ltd", "phone": "020 7946 0000"]))
    }

    /// A driver that has answered up to the first victim form's `v_inc` (crimes 1, 2 and 3).
    static func driverInForms() throws -> InterviewDriver {
        var driver = InterviewDriver(try interview())
        driver.type("1"); driver.press(.enter)          // q_name
        driver.type("2"); driver.press(.enter)          // q_extra: no second site
        for code in ["1", "2", "3"] { driver.type(code); driver.press(.enter) }
        driver.press(.enter)                            // crimes accepted
        driver.press(.enter)                            // v_intro (statement)
        return driver
    }
}

import FieldworkChecker
import FieldworkEngine
import FieldworkScreen
import Testing

/// In a loop, the hard-check box offers the other question of the same pass (and a question
/// outside the loop), never the same question in another pass.
@Suite("Hard checks in loops")
struct HardCheckLoopTests {
    static let json = #"""
    {
      "id": "loopcheck", "version": "1", "title": "Loop Check Survey",
      "languages": ["en"], "defaultLanguage": "en",
      "missingCodes": {"dontKnow": -1, "refused": -2},
      "targetMinutes": 10,
      "sampleFields": [{"name": "phone", "type": "phone", "identifier": true, "label": "Phone"}],
      "codeFrames": {"kinds": [{"code": 1, "name": "theft", "label": "Theft"}, {"code": 2, "name": "damage", "label": "Damage"}]},
      "sections": [
        {"id": "s", "title": "Incidents", "items": [
          {"id": "q_all", "type": "integer", "text": "How many incidents in all?", "min": 0, "max": 999, "label": "All incidents"},
          {"id": "q_kinds", "type": "multiple", "text": "Which kinds?", "codeFrame": "kinds", "label": "Kinds"},
          {"id": "forms", "type": "loop", "forEach": "q_kinds", "items": [
            {"id": "v_inc", "type": "integer", "text": "How many incidents of {item.label}?", "min": 1, "max": 999, "label": "Incidents"},
            {"id": "v_rep", "type": "integer", "text": "How many of them were reported?", "min": 0, "max": 999, "label": "Reported",
             "checks": [{"id": "rep", "require": "v_rep <= v_inc and v_rep <= q_all", "severity": "hard",
                         "message": "{v_rep} reported is more than the incidents."}]}
          ]}
        ]}
      ]
    }
    """#

    @Test func theBoxOffersTheSamePassAndTheQuestionOutsideTheLoop() throws {
        let (instrument, diagnostics) = Checker.check(bytes: Array(Self.json.utf8), file: "loopcheck.json")
        let checked = try #require(instrument, "\(diagnostics)")
        var driver = InterviewDriver(Interview(instrument: checked, sample: SampleRecord(["phone": "020 7946 0000"])))
        driver.type("9"); driver.press(.enter)                       // q_all
        driver.type("1"); driver.press(.character(" ")); driver.type("2"); driver.press(.enter); driver.press(.enter)
        driver.type("3"); driver.press(.enter)                       // v_inc, theft
        driver.type("2"); driver.press(.enter)                       // v_rep, theft
        driver.type("4"); driver.press(.enter)                       // v_inc, damage
        #expect(driver.currentID == "v_rep")
        driver.type("5"); driver.press(.enter)                       // more than the 4 incidents of damage
        guard case .hardCheck(_, let others, _)? = driver.controller.dialog else {
            Issue.record("expected the hard-check box, got \(String(describing: driver.controller.dialog))"); return
        }
        #expect(others.map(\.description) == ["q_all", "v_inc[2]"])
        #expect(driver.screen().text.contains("v_inc · Damage (2 of 2)  Incidents = 4"))
        driver.press(.down, .enter)
        #expect(driver.interview.currentView()?.address.description == "v_inc[2]")
    }
}

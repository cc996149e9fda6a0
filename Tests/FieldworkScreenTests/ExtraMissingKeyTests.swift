import FieldworkChecker
import FieldworkEngine
import FieldworkScreen
import Testing

/// The `*` key: the chooser of a question's extra missing codes (`allowMissing`), the hint that
/// announces it, and what it records.
@Suite("Extra missing codes on the interview screen")
struct ExtraMissingKeyTests {
    static let json = #"""
    {
      "id": "extra", "version": "1", "title": "Extra codes",
      "languages": ["en"], "defaultLanguage": "en",
      "missingCodes": {"dontKnow": -1, "refused": -2, "extra": [
        {"name": "too_many", "code": -3, "label": "Too many to count"},
        {"name": "na", "code": -4, "label": "Not applicable"}]},
      "targetMinutes": 10,
      "codeFrames": {"agree": [{"code": 1, "name": "agree", "label": "Agree"}, {"code": 2, "name": "disagree", "label": "Disagree"}]},
      "sections": [{"id": "s", "title": "Counting", "items": [
        {"id": "q_plain", "type": "integer", "text": "How many rooms?", "min": 0, "max": 50},
        {"id": "q_count", "type": "integer", "text": "How many times?", "min": 0, "max": 500, "allowMissing": ["too_many"]},
        {"id": "q_both", "type": "integer", "text": "How many vans?", "min": 0, "max": 99, "allowMissing": ["too_many", "na"]},
        {"id": "q_note", "type": "text", "text": "Anything else?", "maxLength": 40},
        {"id": "q_grid", "type": "grid", "text": "Do you agree?", "codeFrame": "agree", "allowMissing": ["na"], "items": [
          {"name": "a", "text": "First"}, {"name": "b", "text": "Second"}]},
        {"id": "q_last", "type": "integer", "text": "How many doors?", "min": 0, "max": 50}
      ]}]
    }
    """#

    static let wide = ScreenSize(width: 160, height: 40)

    func driver() throws -> InterviewDriver {
        let (instrument, diagnostics) = Checker.check(bytes: Array(Self.json.utf8), file: "extra.json")
        guard let instrument else { throw FixtureError(message: diagnostics.map { "\($0)" }.joined(separator: "\n")) }
        return InterviewDriver(Interview(instrument: instrument, sample: SampleRecord()))
    }

    /// The driver with q_plain answered: q_count (one extra code) is on screen.
    func driverAtCount() throws -> InterviewDriver {
        var driver = try driver()
        driver.type("3"); driver.press(.enter)
        return driver
    }

    @Test func hintListsTheExtraCodeOnlyWhereTheQuestionAllowsIt() throws {
        var driver = try driver()
        #expect(driver.currentID == "q_plain")
        #expect(driver.screen().text.contains("(F2 don't know · F3 refused — do not read out)"))
        #expect(!driver.screen().text.contains("* "))
        driver.type("3"); driver.press(.enter)
        #expect(driver.screen().text.contains("(F2 don't know · F3 refused · * too many to count — do not read out)"))
        driver.type("4"); driver.press(.enter)
        #expect(driver.currentID == "q_both")
        #expect(driver.screen(Self.wide).text.contains("* other non-answer (too many to count, not applicable)"))
    }

    @Test func starOpensTheChooserAndEnterRecordsTheCode() throws {
        var driver = try driverAtCount()
        driver.press(.character("*"))
        #expect(driver.controller.dialog == .extraMissing(selection: 0))
        let chooser = driver.screen().text
        #expect(chooser.contains("Other non-answer — do not read out"))
        #expect(chooser.contains("› 1. Too many to count"))
        #expect(driver.currentID == "q_count")
        driver.press(.enter)
        #expect(driver.lastIntent == .perform(.answer(.missingCode("too_many"))))
        #expect(driver.currentID == "q_both")
        driver.press(.function(4))
        #expect(driver.screen().text.contains("Current answer: Too many to count"))
    }

    @Test func arrowsAndDigitsChooseAmongSeveralCodes() throws {
        var driver = try driverAtCount()
        driver.type("4"); driver.press(.enter)
        driver.press(.character("*"))
        driver.press(.down)
        #expect(driver.controller.dialog == .extraMissing(selection: 1))
        #expect(driver.screen().text.contains("› 2. Not applicable"))
        driver.press(.down)
        #expect(driver.controller.dialog == .extraMissing(selection: 1))
        driver.press(.character("1"))
        #expect(driver.controller.dialog == .extraMissing(selection: 0))
        driver.press(.character("2"), .enter)
        #expect(driver.lastIntent == .perform(.answer(.missingCode("na"))))
        #expect(driver.currentID == "q_note")
    }

    @Test func escapeCancelsWithoutRecording() throws {
        var driver = try driverAtCount()
        driver.press(.character("*"), .escape)
        #expect(driver.controller.dialog == nil)
        #expect(driver.lastIntent == InterviewIntent.none)
        #expect(driver.currentID == "q_count")
        #expect(driver.interview.currentView()?.currentAnswer == nil)
    }

    @Test func starWhereNoCodeIsAllowedExplainsAndRecordsNothing() throws {
        var driver = try driver()
        driver.press(.character("*"))
        #expect(driver.controller.dialog == nil)
        #expect(driver.currentID == "q_plain")
        #expect(driver.screen().text.contains("This question has no other non-answer codes"))
        #expect(driver.controller.editor.text.isEmpty)
    }

    @Test func starAfterTypingIsPartOfTheEntryNotTheChooser() throws {
        var driver = try driverAtCount()
        driver.type("1*")
        #expect(driver.controller.dialog == nil)
        #expect(driver.controller.editor.text == "1*")
    }

    @Test func aTextQuestionWithoutExtraCodesTakesStarAsText() throws {
        var driver = try driverAtCount()
        driver.type("4"); driver.press(.enter)
        driver.type("2"); driver.press(.enter)
        #expect(driver.currentID == "q_note")
        driver.type("*ok")
        #expect(driver.controller.dialog == nil)
        #expect(driver.controller.editor.text == "*ok")
        driver.press(.enter)
        #expect(driver.currentID == "q_grid")
    }

    @Test func inAGridTheCodeAnswersTheWholeGrid() throws {
        var driver = try driverAtCount()
        driver.type("4"); driver.press(.enter)
        driver.type("2"); driver.press(.enter)
        driver.type("fine"); driver.press(.enter)
        #expect(driver.currentID == "q_grid")
        #expect(driver.screen(Self.wide).text.contains("* not applicable for the whole grid"))
        driver.type("1"); driver.press(.enter)          // first row answered
        driver.press(.character("*"))
        #expect(driver.screen().text.contains("It answers the whole grid."))
        driver.press(.enter)
        #expect(driver.lastIntent == .perform(.answer(.missingCode("na"))))
        #expect(driver.currentID == "q_last")
    }

    @Test func helpAndChooserFooterNameTheKey() throws {
        var driver = try driverAtCount()
        driver.press(.function(1))
        #expect(driver.screen(Self.wide).text.contains("* (empty line)"))
        driver.press(.escape)
        driver.press(.character("*"))
        #expect(driver.screen().text.contains("Enter record"))
    }
}

import FieldworkChecker
import FieldworkEngine
import FieldworkModel
import FieldworkScreen
import Foundation
import Testing

@Suite("Question text that is not read aloud")
struct NotReadAloudScreenTests {
    private static let json = #"""
    {
      "id": "contact", "version": "1", "title": "Contact", "languages": ["en"],
      "sections": [{"id": "s", "title": "Screener", "items": [
        {"id": "s_contact", "type": "single", "readAloud": false, "text": "INTERVIEWER: who are you speaking to?",
         "instruction": "Code from what you have heard so far.",
         "options": [{"code": 1, "name": "owner", "label": "The owner"}, {"code": 2, "name": "other", "label": "Someone else"}]},
        {"id": "s_hello", "type": "statement", "readAloud": false, "text": "INTERVIEWER: wait for the respondent to come to the phone."},
        {"id": "s_name", "type": "text", "text": "May I have your name?"}
      ]}]
    }
    """#

    private func interview() throws -> Interview {
        let (instrument, diagnostics) = Checker.check(bytes: Array(Self.json.utf8), file: "contact.json")
        let checked = try #require(instrument, "\(diagnostics)")
        return Interview(instrument: checked, sample: SampleRecord([:]))
    }

    @Test func theTextIsShownAsAnInstructionNotAsReadAloudText() throws {
        let frame = InterviewDriver(try interview()).screen()
        let row = try #require(frame.plainLines.firstIndex { $0.hasPrefix("▸ INTERVIEWER: who are you speaking to?") })
        #expect(frame.rows[row].spans.allSatisfy { $0.style == .instruction })
        #expect(!frame.styles(of: "who are you speaking to").contains(.readAloud))
        #expect(frame.plainLines.contains { $0.hasPrefix("▸ Code from what you have heard so far.") })
    }

    @Test func aStatementNotReadAloudAsksOnlyForEnter() throws {
        var driver = InterviewDriver(try interview())
        driver.type("1"); driver.press(.enter)
        #expect(driver.currentID == "s_hello")
        let frame = driver.screen()
        #expect(frame.text.contains("Press Enter to go on."))
        #expect(!frame.text.contains("Read out, then press Enter."))
        #expect(!frame.styles(of: "wait for the respondent").contains(.readAloud))
    }

    @Test func readAloudTextKeepsItsStyle() throws {
        var driver = InterviewDriver(try interview())
        driver.type("1"); driver.press(.enter)
        driver.press(.enter)
        #expect(driver.currentID == "s_name")
        #expect(driver.screen().styles(of: "May I have your name?") == [.readAloud])
    }

    @Test func theSimulatorCountsNoReadingTimeForIt() throws {
        let instrument = try interview().instrument
        let model = DurationModel()
        let contact = try #require(instrument.questionIndex(id: "s_contact"))
        let name = try #require(instrument.questionIndex(id: "s_name"))
        // Only the two read-out option labels ("The owner", "Someone else": 4 words) count.
        #expect(model.readingSeconds(for: instrument.questions[contact], language: "en") == 4.0 / 150 * 60)
        #expect(model.readingSeconds(for: instrument.questions[name], language: "en") == 5.0 / 150 * 60)
        #expect(instrument.questions[contact].question.readAloud == false)
        #expect(instrument.questions[name].question.readAloud == true)
    }

    @Test func readAloudMustBeTrueOrFalse() {
        let broken = Self.json.replacingOccurrences(of: #""readAloud": false, "text": "INTERVIEWER: who"#, with: #""readAloud": "no", "text": "INTERVIEWER: who"#)
        #expect(broken != Self.json)
        let (instrument, diagnostics) = Checker.check(bytes: Array(broken.utf8), file: "contact.json")
        #expect(instrument == nil)
        #expect(diagnostics.contains { $0.message.contains("readAloud") && $0.location.line == 4 })
    }
}

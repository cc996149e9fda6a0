import FieldworkEngine
import FieldworkScreen
import Testing

/// The phone number, loop counter and question id always show at 80×24.
@Suite("Interview header at 80×24")
struct InterviewHeaderLayoutTests {
    @Test func headerKeepsPhoneLoopCounterAndAddressAt80Columns() throws {
        let driver = try InterviewLoopFixture.driverInForms()
        let context = InterviewScreenContext(caseID: "C42", interviewerID: "I7",
                                             sampleDisplay: ["The Extremely Long Business Name of a London Trading Company Ltd", "020 7946 0000"])
        let lines = driver.screen(.minimum, context: context).plainLines
        #expect(lines[1].contains("020 7946 0000"), "\(lines[1])")
        #expect(lines[1].contains("Section 2/3 · Q 5 of ~"), "\(lines[1])")
        #expect(lines[2].contains("Burglary (1 of 3)"), "\(lines[2])")
        #expect(lines[2].contains("[v_inc[1]]"), "\(lines[2])")
        #expect(lines[2].hasPrefix("Victim forms"), "\(lines[2])")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test func longLoopItemKeepsItsCounter() throws {
        var driver = try InterviewLoopFixture.driverInForms()
        driver.type("3"); driver.press(.enter)
        driver.type("1"); driver.press(.enter)
        driver.press(.enter)                              // vandalism form: a long item label
        let lines = driver.screen().plainLines
        #expect(lines[2].contains("(2 of 3)"), "\(lines[2])")
        #expect(lines[2].contains("[v_inc[2]]"), "\(lines[2])")
        #expect(DisplayWidth.of(lines[2]) <= 80)
    }
}

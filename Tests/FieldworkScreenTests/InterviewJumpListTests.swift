import FieldworkEngine
import FieldworkScreen
import Testing

/// The jump list names questions as the interviewer saw them.
@Suite("Jump list")
struct InterviewJumpListTests {
    @Test func jumpListRendersFillsAndLoopItems() throws {
        var driver = try InterviewLoopFixture.driverInForms()
        driver.type("3"); driver.press(.enter)           // v_inc, burglary
        driver.type("1"); driver.press(.enter)           // v_rep
        driver.press(.enter)                             // v_intro, vandalism
        driver.press(.function(5))
        let text = driver.screen(ScreenSize(width: 100, height: 40)).plainLines.dropFirst(3).joined(separator: "\n")  // the list, not the header
        #expect(text.contains("Am I speaking to someone at Acme Widgets Ltd?"))
        #expect(!text.contains("{"))
        #expect(text.contains("v_inc · Burglary (1 of 3)"))
        #expect(!text.contains("v_inc["))
        let list = InterviewJumpList(interview: driver.interview)
        #expect(list.entries.contains { $0.label == "Number of incidents" && $0.loop == "Burglary (1 of 3)" })
    }
}

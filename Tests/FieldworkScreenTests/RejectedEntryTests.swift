import FieldworkEngine
import FieldworkScreen
import Testing

/// After a refused entry the next typed character starts a fresh one; editing keys edit it.
@Suite("Refused entries are replaced")
struct RejectedEntryTests {
    @Test func rejectedCodeIsReplacedByTheNextTypedCharacter() throws {
        var driver = InterviewDriver(try InterviewFixture.interview())
        driver.press(.enter)                             // q_intro
        #expect(driver.currentID == "q_kind")
        driver.type("x"); driver.press(.enter)           // not a code
        #expect(driver.currentID == "q_kind")
        #expect(driver.controller.editor.text == "x")    // kept on screen, to be seen
        driver.type("1")
        #expect(driver.controller.editor.text == "1")
        driver.press(.enter)
        #expect(driver.currentID == "q_follow")
    }

    @Test func numberOutOfRangeIsReplacedButBackspaceStillEditsIt() throws {
        var driver = try InterviewControllerTests().driverAtStaff()
        #expect(driver.currentID == "q_staff")
        driver.type("5000"); driver.press(.enter)        // over the maximum: the engine rejects it
        #expect(driver.currentID == "q_staff")
        #expect(driver.controller.editor.text == "5000")
        driver.press(.backspace)
        #expect(driver.controller.editor.text == "500")
        driver.type("0")                                 // editing went on: no fresh entry now
        #expect(driver.controller.editor.text == "5000")
        driver.press(.enter)
        driver.type("1"); driver.type("5")
        #expect(driver.controller.editor.text == "15")
    }

    @Test func gridRowRejectionIsReplacedToo() throws {
        var driver = InterviewDriver(try InterviewFixture.interview())
        driver.press(.enter)
        driver.type("2"); driver.press(.enter)           // q_kind no: skips q_follow
        driver.type("12"); driver.press(.enter)          // q_staff
        driver.type("1"); driver.press(.enter)           // q_role
        driver.type("1"); driver.press(.enter); driver.press(.enter)   // q_online
        driver.type("2020-01-01"); driver.press(.enter)
        driver.type("Shop"); driver.press(.enter)
        #expect(driver.currentID == "q_grid")
        driver.type("a"); driver.press(.enter)
        driver.type("2")
        #expect(driver.controller.editor.text == "2")
    }
}

import FieldworkBasics
import FieldworkEngine
import FieldworkScreen
import Testing

@Suite("Interview keys and flow")
struct InterviewControllerTests {
    /// Answers up to q_staff with q_kind = `kind`.
    func driverAtStaff(kind: String = "1") throws -> InterviewDriver {
        var driver = InterviewDriver(try InterviewFixture.interview())
        driver.press(.enter)
        driver.type(kind); driver.press(.enter)
        if kind == "1" { driver.type("1"); driver.press(.enter) }
        return driver
    }

    @Test func goingBackAndChangingAnAnswerReportsAnswersThatLeftThePath() throws {
        var driver = try driverAtStaff(kind: "1")
        #expect(driver.currentID == "q_staff")
        driver.press(.function(4))
        driver.press(.ctrl("b"))
        #expect(driver.currentID == "q_kind")
        #expect(driver.screen().text.contains("Current answer: 1 Yes"))
        driver.type("2"); driver.press(.enter)
        #expect(driver.currentID == "q_staff")
        let text = driver.screen().text
        #expect(text.contains("1 later answer left the path: q_follow"))
        #expect(driver.screen().styles(of: "left the path") == [.warning])
    }

    @Test func offPathAnswerIsOfferedForConfirmation() throws {
        var driver = try driverAtStaff(kind: "1")
        driver.press(.function(4), .function(4))
        driver.type("2"); driver.press(.enter)   // q_follow leaves the path
        driver.press(.function(4))
        driver.type("1"); driver.press(.enter)   // back on the path
        #expect(driver.currentID == "q_follow")
        #expect(driver.screen().text.contains("previously: 1 Yes — confirm or change"))
        driver.press(.enter)                     // Enter confirms the earlier answer
        #expect(driver.currentID == "q_staff")
    }

    @Test func softCheckAsksThenRecordsConfirmation() throws {
        var driver = try driverAtStaff()
        driver.type("800"); driver.press(.enter)
        guard case .softCheck(let failures, _, _)? = driver.controller.dialog else {
            Issue.record("expected a soft-check dialog, got \(String(describing: driver.controller.dialog))")
            return
        }
        #expect(failures.map(\.id) == ["many"])
        #expect(driver.screen().text.contains("800 staff is a lot for one site. Please check."))
        driver.press(.escape)                    // back to fix
        #expect(driver.currentID == "q_staff")
        #expect(driver.controller.editor.text == "800")
        driver.press(.enter)
        driver.press(.character("y"))
        #expect(driver.currentID == "q_role")
        #expect(driver.interview.state.answers.values.contains { $0.confirmedChecks.contains("many") })
    }

    @Test func hardRejectionKeepsTheQuestionAndTheInput() throws {
        var driver = try driverAtStaff()
        driver.type("0"); driver.press(.enter)
        #expect(driver.currentID == "q_staff")
        #expect(driver.controller.editor.text == "0")
        #expect(driver.controller.message?.style == .alert)
        driver.type("x"); driver.press(.enter)
        #expect(driver.controller.message?.text.contains("not a number") == true)
    }

    @Test func dontKnowRefusedAndCtrlAlternatives() throws {
        var driver = try driverAtStaff()
        driver.press(.ctrl("d"))
        #expect(driver.currentID == "q_role")
        driver.press(.function(3))
        #expect(driver.currentID == "q_online")
        let responses = driver.interview.onPathAnswers.map(\.response)
        #expect(responses.contains(.dontKnow))
        #expect(responses.contains(.refused))
    }

    @Test func specifyOptionAsksForText() throws {
        var driver = try driverAtStaff()
        driver.type("12"); driver.press(.enter)
        driver.type("3"); driver.press(.enter)
        guard case .specify(let code, _, false)? = driver.controller.dialog else {
            Issue.record("expected a specify dialog")
            return
        }
        #expect(code == 3)
        driver.type("Bookkeeper"); driver.press(.enter)
        #expect(driver.currentID == "q_online")
        #expect(driver.interview.onPathAnswers.contains { $0.response == .choice(3, specify: "Bookkeeper") })
    }

    @Test func multipleChoiceTogglesAndExclusiveClearsOthers() throws {
        var driver = try driverAtStaff()
        driver.type("12"); driver.press(.enter)
        driver.type("1"); driver.press(.enter)
        #expect(driver.currentID == "q_online")
        driver.type("1"); driver.press(.character(" "))
        driver.type("2"); driver.press(.enter)
        #expect(driver.controller.toggled == [1, 2])
        #expect(driver.screen().text.contains("[x] 1. A website"))
        driver.type("97"); driver.press(.enter)
        #expect(driver.controller.toggled == [97])
        driver.type("2"); driver.press(.enter)
        #expect(driver.controller.toggled == [2])
        driver.type("2"); driver.press(.enter)
        #expect(driver.controller.toggled == [])
        driver.type("1"); driver.press(.enter)
        driver.press(.enter)                     // empty line accepts
        #expect(driver.currentID == "q_when")
        #expect(driver.interview.onPathAnswers.contains { $0.response == .choices([1], specify: [:]) })
    }

    @Test func dateTextAndGridToTheEndScreen() throws {
        var driver = try driverAtStaff()
        driver.type("12"); driver.press(.enter)
        driver.type("1"); driver.press(.enter)
        driver.type("1"); driver.press(.enter); driver.press(.enter)
        driver.type("2025-13-01"); driver.press(.enter)
        #expect(driver.currentID == "q_when")
        driver.press(.ctrl("u"))
        driver.type("15/3/2020"); driver.press(.enter)
        #expect(driver.currentID == "q_what")
        driver.type("Sells widgets"); driver.press(.enter)
        #expect(driver.currentID == "q_grid")
        driver.type("1"); driver.press(.enter)
        #expect(driver.controller.gridRow == 1)
        #expect(driver.screen().text.contains("Crime is a problem here  = 1 Agree"))
        driver.press(.function(2))               // DK for the second row completes the grid
        #expect(driver.interview.isAtEndScreen)
        #expect(driver.screen().text.contains("All questions answered — Enter to finish, F4 to go back."))
        driver.press(.enter)
        #expect(driver.lastIntent == .finish)
    }

    @Test func jumpListGoesToAnAnsweredQuestion() throws {
        var driver = try driverAtStaff()
        driver.press(.function(5))
        guard case .jumpList? = driver.controller.dialog else { Issue.record("no jump list"); return }
        #expect(driver.screen().text.contains("q_kind"))
        driver.press(.home, .down)
        driver.press(.enter)
        #expect(driver.currentID == "q_kind")
        #expect(driver.controller.dialog == nil)
    }

    @Test func noteIsRecordedOnTheCurrentQuestion() throws {
        var driver = try driverAtStaff()
        driver.type("12")
        driver.press(.ctrl("n"))
        driver.type("Owner is busy; call after 3")
        driver.press(.enter)
        #expect(driver.interview.state.notes.map(\.text) == ["Owner is busy; call after 3"])
        #expect(driver.interview.state.notes.first?.question?.id == "q_staff")
        #expect(driver.controller.editor.text == "12")  // typed answer kept
        #expect(driver.controller.message?.text == "Note saved.")
    }

    @Test func appointmentValidatesDateAndTime() throws {
        var driver = try driverAtStaff()
        driver.press(.function(7))
        driver.type("2026-02-30"); driver.press(.enter)
        driver.type("14:30"); driver.press(.enter)
        driver.type("ask for Priya"); driver.press(.enter)
        guard case .appointment(let form)? = driver.controller.dialog else { Issue.record("dialog closed"); return }
        #expect(form.error?.contains("YYYY-MM-DD") == true)
        #expect(form.focus == 0)
        driver.press(.ctrl("u")); driver.type("2026-03-02")
        driver.press(.tab, .tab)
        driver.press(.enter)
        #expect(driver.lastIntent == .suspend(Appointment(kind: .hard, start: LocalDateTime(year: 2026, month: 3, day: 2, hour: 14, minute: 30)), note: "ask for Priya"))
        #expect(AppointmentEntry.appointment(kind: .hard, date: "2026-03-02", time: "25:00", timeZoneID: "Europe/London").isFailure)
        #expect(AppointmentEntry.appointment(kind: .hard, date: "2026-03-02", time: "9:05", timeZoneID: "Europe/London")
                    .successValue?.start.timeText == "09:05")
    }

    @Test func stopLeaveHelpAndShutdown() throws {
        var driver = try driverAtStaff()
        driver.press(.function(8), .down, .enter)
        #expect(driver.lastIntent == .stop(outcome: "breakoff"))
        driver.controller.dialog = nil
        driver.press(.ctrl("e"), .character("1"), .enter)
        #expect(driver.lastIntent == .stop(outcome: "refusal"))
        driver.controller.dialog = nil
        driver.press(.ctrl("c"))
        #expect(driver.screen().text.contains("Leave this interview? Answers so far are saved. y/n"))
        driver.press(.character("n"))
        #expect(driver.controller.dialog == nil)
        driver.press(.ctrl("c"), .character("y"))
        #expect(driver.lastIntent == .leave)
        driver.controller.dialog = nil
        driver.press(.character("?"))
        #expect(driver.screen().text.contains("F5 / Ctrl-G"))
        driver.press(.character("x"))
        #expect(driver.controller.dialog == nil)
        driver.press(.hangup)
        #expect(driver.lastIntent == .shutdown(.hangup))
    }

    @Test func failedWriteKeepsQuestionAndInput() throws {
        var driver = try driverAtStaff()
        driver.type("12")
        let intent = driver.controller.handle(.enter, interview: driver.interview)
        guard case .perform(let command) = intent else { Issue.record("expected perform"); return }
        driver.controller.finished(command, result: .failed("could not write: No space left on device"), interview: driver.interview)
        #expect(driver.controller.editor.text == "12")
        #expect(driver.currentID == "q_staff")
        #expect(driver.screen().text.contains("NOT SAVED: could not write: No space left on device"))
    }
}

extension Result {
    var isFailure: Bool { if case .failure = self { return true } else { return false } }
    var successValue: Success? { if case .success(let value) = self { return value } else { return nil } }
}

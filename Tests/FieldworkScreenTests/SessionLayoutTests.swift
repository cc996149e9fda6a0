import FieldworkBasics
import FieldworkScreen
import FieldworkTerminal
import Testing

/// Times and numbers the interviewer acts on are never cut at 80×24, however long the business
/// name, the reason or the message.
@Suite("Session screens keep times whole at 80×24")
struct SessionLayoutTests {
    static let longName = "The Extremely Long Business Name of a London Trading Company and Sons Limited"

    @Test func appointmentTimeAndPhoneShowOnTheCaseScreen() {
        var view = SessionFixture.view(name: Self.longName,
                                       reason: "HARD APPOINTMENT due for 2026-12-01 16:45–2026-12-01 17:25: the respondent expects this call (call 3)")
        view.isAppointment = true
        view.appointment = "2026-12-01 16:45–2026-12-01 17:25 (soft), booked by supervisor-of-the-evening-shift"
        let controller = SessionCaseController(menu: SessionMenuKeys.menu,
                                               message: SessionMessage("Recorded case DEMO-0001: appointment → appointment from 2026-12-02 16:45 (hard, booked by I7)"))
        let frame = SessionFixture.frame(view, controller: controller)
        let text = frame.plainLines.joined(separator: " ")
        let squeezed = text.split(separator: " ").joined(separator: " ")
        #expect(frame.plainLines.contains { $0.contains("020 7946 0001") })
        #expect(squeezed.contains("2026-12-01 16:45–2026-12-01 17:25: the respondent expects this call (call 3)"), "\(frame.plainLines)")
        #expect(squeezed.contains("booked by supervisor-of-the-evening-shift"), "\(frame.plainLines)")
        #expect(squeezed.contains("from 2026-12-02 16:45 (hard, booked by I7)"), "\(frame.plainLines)")
        #expect(frame.plainLines.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(frame.plainLines.contains { $0.contains("q") && $0.contains("end session") }, "the menu still shows")
    }

    @Test func refusedAppointmentShowsTheClosingTime() {
        var controller = SessionCaseController(menu: SessionMenuKeys.menu)
        let refused = Appointment(kind: .hard, start: LocalDateTime(year: 2026, month: 12, day: 1, hour: 18, minute: 0))
        controller.reopenAppointment(refused, note: "", purpose: .callOutcome, reason: "Refused: 2026-12-01T18:00 is outside calling hours (Mon,Tue,Wed,Thu,Fri 09:00–17:30); choose a time within them")
        let frame = SessionFixture.frame(SessionFixture.view(name: Self.longName), controller: controller)
        let squeezed = frame.plainLines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(squeezed.contains("(Mon,Tue,Wed,Thu,Fri 09:00–17:30); choose a time within them"), "\(frame.plainLines)")
    }

    @Test func waitingScreenShowsTheNextAppointmentWhole() {
        let view = SessionWaitingView(counts: [SessionDetail("fresh", "0"), SessionDetail("appointment", "12")],
                                      nextAppointment: "due now: 2026-11-30 09:00 (hard) · 3 booked for today · and 2 more soft windows opening at 16:45",
                                      checkedAt: "10:00", pollSeconds: 30,
                                      message: SessionMessage("Recorded case DEMO-0001: appointment → appointment from 2026-12-02 16:45 (hard, booked by I7)"))
        let frame = SessionScreen.composeWaiting(view, context: SessionFixture.context, size: .minimum)
        let squeezed = frame.plainLines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(squeezed.contains("opening at 16:45"), "\(frame.plainLines)")
        #expect(squeezed.contains("from 2026-12-02 16:45"), "\(frame.plainLines)")
    }
}

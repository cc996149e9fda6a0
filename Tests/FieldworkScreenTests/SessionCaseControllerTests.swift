import FieldworkBasics
import FieldworkScreen
import FieldworkTerminal
import Testing

@Suite("Session case screen keys")
struct SessionCaseControllerTests {
    private func controller() -> SessionCaseController { SessionCaseController(menu: SessionMenuKeys.menu) }

    private func type(_ text: String, into controller: inout SessionCaseController) {
        for character in text { _ = controller.handle(.character(character)) }
    }

    @Test func outcomeKeyAsksForConfirmationThenRecords() {
        var c = controller()
        #expect(c.handle(.character("c")) == .none)
        guard case .confirmOutcome(let entry) = c.mode else {
            Issue.record("expected a confirmation, got \(c.mode)")
            return
        }
        #expect(entry.action == .outcome(code: "ceased-trading"))
        let screen = SessionFixture.frame(SessionFixture.view(), controller: c).plainLines.joined(separator: "\n")
        #expect(screen.contains("Record “ceased trading” for case C0001?"))
        #expect(c.handle(.enter) == .record(code: "ceased-trading"))
        #expect(c.mode == .menu)
    }

    @Test func escapeCancelsTheConfirmation() {
        var c = controller()
        _ = c.handle(.character("1"))
        #expect(c.handle(.escape) == .none)
        #expect(c.mode == .menu)
        #expect(c.handle(.character("2")) == .none)
        #expect(c.handle(.character("y")) == .record(code: "busy"))
    }

    @Test func everyOutcomeKeyRecordsItsOwnOutcome() {
        for (key, outcome, _) in SessionMenuKeys.outcomes {
            var c = controller()
            _ = c.handle(.character(Character(key.uppercased())))
            #expect(c.handle(.enter) == .record(code: outcome.rawValue), "key \(key)")
        }
    }

    @Test func noteIsTypedAfterTabAndLettersDoNotChooseOutcomesMeanwhile() {
        var c = controller()
        _ = c.handle(.tab)
        #expect(c.mode == .editingNote)
        type("call back after 2", into: &c)
        #expect(c.handle(.enter) == .none)
        #expect(c.mode == .menu)
        #expect(c.note.text == "call back after 2")
        let frame = SessionFixture.frame(SessionFixture.view(), controller: c)
        #expect(frame.plainLines[22].contains("Note: call back after 2"))
    }

    @Test func unknownKeySaysSo() {
        var c = controller()
        #expect(c.handle(.character("z")) == .none)
        #expect(c.message?.isProblem == true)
        #expect(c.message?.text.contains("not on the menu") == true)
    }

    @Test func appointmentFormChecksDateAndTimeThenBooks() {
        var c = controller()
        _ = c.handle(.character("a"))
        type("2026-13-01", into: &c)
        _ = c.handle(.enter)
        type("10:30", into: &c)
        _ = c.handle(.enter)
        _ = c.handle(.character("s"))  // kind: soft
        _ = c.handle(.enter)
        type("ask for Priya", into: &c)
        #expect(c.handle(.enter) == .none)  // month 13: refused by the form
        guard case .appointment(let form) = c.mode else {
            Issue.record("form should stay open")
            return
        }
        #expect(form.error?.contains("is not a date") == true)

        var fixed = controller()
        _ = fixed.handle(.character("A"))
        type("2026-12-02", into: &fixed)
        _ = fixed.handle(.tab)
        type("9:05", into: &fixed)
        _ = fixed.handle(.tab)
        _ = fixed.handle(.character(" "))
        _ = fixed.handle(.tab)
        type("ask for Priya", into: &fixed)
        let intent = fixed.handle(.enter)
        #expect(intent == .book(Appointment(kind: .soft, start: LocalDateTime(year: 2026, month: 12, day: 2, hour: 9, minute: 5)), note: "ask for Priya",
                                purpose: .callOutcome))
        #expect(fixed.note.text == "ask for Priya")
    }

    @Test func storeRefusalReopensTheFormWithTheReason() {
        var c = controller()
        let refused = Appointment(kind: .hard, start: LocalDateTime(year: 2026, month: 12, day: 1, hour: 19, minute: 0))
        c.reopenAppointment(refused, note: "evening", purpose: .resumeInterview, reason: "Refused: 2026-12-01T19:00 is outside calling hours (09:00–17:30)")
        let lines = SessionFixture.frame(SessionFixture.view(), controller: c).plainLines
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Appointment to resume the interview"))
        #expect(text.contains("outside calling hours"))
        #expect(text.contains("2026-12-01"))
        #expect(text.contains("19:00"))
        // The time field has focus: fix it and save.
        for _ in 0..<5 { _ = c.handle(.backspace) }
        type("11:00", into: &c)
        _ = c.handle(.enter)
        _ = c.handle(.enter)
        #expect(c.handle(.enter) == .book(Appointment(kind: .hard, start: LocalDateTime(year: 2026, month: 12, day: 1, hour: 11, minute: 0)), note: "evening",
                                          purpose: .resumeInterview))
    }

    @Test func endingTheSessionNeedsAConfirmation() {
        var c = controller()
        _ = c.handle(.character("q"))
        #expect(c.mode == .confirmEnd)
        #expect(c.handle(.character("n")) == .none)
        _ = c.handle(.ctrl("c"))
        #expect(c.mode == .confirmEnd)
        #expect(c.handle(.character("y")) == .endSession)
    }

    @Test func hangupAndTerminateShutDownFromAnyMode() {
        for key in [Key.hangup, .terminate, .interrupt] {
            var c = controller()
            _ = c.handle(.character("a"))
            #expect(c.handle(key) == .shutdown(key))
        }
    }

    @Test func refusalKindAfterAnInterview() {
        var c = controller()
        c.mode = .refusalKind
        #expect(c.handle(.character("1")) == .none)
        #expect(c.handle(.character("h")) == .refusal(hard: true))
        c.mode = .refusalKind
        #expect(c.handle(.character("S")) == .refusal(hard: false))
    }
}

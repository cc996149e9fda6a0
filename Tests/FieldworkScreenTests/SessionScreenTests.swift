import FieldworkBasics
import FieldworkScreen
import FieldworkTerminal
import Testing

/// A case as the session shows it, for composition tests.
enum SessionFixture {
    static let context = SessionScreenContext(interviewerID: "I7", clock: "10:00")

    static func view(name: String = "Acme Widgets Ltd", history: [SessionHistoryEntry] = [],
                     reason: String = "Fresh case: never called before (call 1)") -> SessionCaseView {
        SessionCaseView(caseID: "C0001", phone: "020 7946 0001", businessName: name, contactName: "Priya Shah",
                        details: [SessionDetail("Sector", "G"), SessionDetail("Size", "10-49"), SessionDetail("Borough", "Camden")],
                        reason: reason, history: history)
    }

    static func frame(_ view: SessionCaseView, controller: SessionCaseController = SessionCaseController(menu: SessionMenuKeys.menu),
                      size: ScreenSize = .minimum) -> ScreenFrame {
        SessionScreen.compose(view: view, controller: controller, context: context, size: size)
    }
}

@Suite("Session case screen composition")
struct SessionScreenTests {
    @Test func showsNumberBusinessContactDetailsAndReason() {
        let lines = SessionFixture.frame(SessionFixture.view()).plainLines
        #expect(lines[0].contains("Interviewer I7"))
        #expect(lines[0].contains("Case C0001"))
        #expect(lines[1].contains("DIAL") && lines[1].contains("020 7946 0001"))
        #expect(lines[2].contains("Acme Widgets Ltd"))
        #expect(lines.contains { $0.contains("Ask for: Priya Shah") && $0.contains("Sector: G") && $0.contains("Borough: Camden") })
        #expect(lines.contains { $0.contains("Fresh case: never called before") })
        #expect(lines.contains { $0.contains("History: never called before") })
    }

    @Test func everyLineFitsTheWindow() {
        for size in [ScreenSize.minimum, ScreenSize(width: 120, height: 40)] {
            let long = String(repeating: "Very Long Business Name ", count: 10)
            let frame = SessionFixture.frame(SessionFixture.view(name: long), size: size)
            #expect(frame.rows.count <= size.height)
            #expect(frame.plainLines.allSatisfy { DisplayWidth.of($0) <= size.width })
        }
    }

    @Test func hostileSampleTextCannotReachTheTerminal() {
        let evil = "Evil\u{1B}]0;pwned\u{07} Ltd\u{1B}[2J\u{9B}31m\u{202E}"
        let history = [SessionHistoryEntry(at: "2026-11-30 14:02", interviewer: "I\u{1B}[1m3", outcome: "no answer", note: "said \u{1B}[2J")]
        var view = SessionFixture.view(name: evil, history: history)
        view.phone = "020\u{1B}[2J"
        view.contactName = "Bob\u{07}"
        let frame = SessionFixture.frame(view)
        let raw = frame.rows.flatMap(\.spans).map(\.text).joined()
        #expect(!raw.unicodeScalars.contains { !TerminalSafe.isSafe($0) })
        let text = frame.plainLines.joined(separator: "\n")
        #expect(text.contains("Evil^[]0;pwned^G Ltd^[[2J"))
        #expect(text.contains("020^[[2J"))
        #expect(text.contains("said ^[[2J"))
    }

    @Test func historyShowsEachCallAndKeepsTheLatestWhenCrowded() {
        let history = (1...12).map {
            SessionHistoryEntry(at: "2026-11-\(10 + $0) 10:00", interviewer: "I\($0)", outcome: "no answer", note: "try \($0)")
        }
        let lines = SessionFixture.frame(SessionFixture.view(history: history)).plainLines
        #expect(lines.contains { $0.contains("History: 12 earlier calls") })
        #expect(lines.contains { $0.contains("2026-11-22 10:00") && $0.contains("I12") && $0.contains("no answer — try 12") })
        #expect(lines.contains { $0.contains("older calls not shown") })
        #expect(!lines.contains { $0.contains("try 1 ") || $0.hasSuffix("try 1") })

        let few = SessionFixture.frame(SessionFixture.view(history: Array(history.prefix(2)))).plainLines
        #expect(few.contains { $0.contains("History: 2 earlier calls") })
        #expect(few.contains { $0.contains("I1") && $0.contains("try 1") })
        #expect(!few.contains { $0.contains("not shown") })
    }

    @Test func menuListsEveryOutcomeWithItsKey() {
        let lines = SessionFixture.frame(SessionFixture.view()).plainLines
        let text = lines.joined(separator: "\n")
        for entry in SessionMenuKeys.menu {
            #expect(text.contains(" \(entry.key)  \(entry.label)"), "menu entry \(entry.key) \(entry.label) missing")
        }
        let keys = SessionMenuKeys.menu.map { Character($0.key.lowercased()) }
        #expect(Set(keys).count == keys.count, "menu keys must be unique")
        #expect(SessionMenuKeys.menu.contains { $0.action == .interview })
        #expect(SessionMenuKeys.menu.contains { $0.action == .appointment })
        #expect(SessionMenuKeys.menu.contains { $0.action == .endSession })
    }

    @Test func appointmentReasonIsAWarning() {
        var view = SessionFixture.view(reason: "HARD APPOINTMENT due for 2026-12-01 10:00")
        view.isAppointment = true
        view.appointment = "2026-12-01 10:00 (hard), booked by I3"
        let frame = SessionFixture.frame(view)
        let row = frame.rows.first { $0.plainText.contains("HARD APPOINTMENT") }
        #expect(row?.spans.first?.style == .warning)
        #expect(frame.plainLines.contains { $0.contains("Appointment: 2026-12-01 10:00 (hard), booked by I3") })
    }

    @Test func messageAndNoteLinesSitAboveTheFooter() {
        var controller = SessionCaseController(menu: SessionMenuKeys.menu, message: .problem("case database error: locked"))
        controller.note.setText("asked for Priya")
        let lines = SessionFixture.frame(SessionFixture.view(), controller: controller).plainLines
        #expect(lines[21].contains("case database error: locked"))
        #expect(lines[22].contains("Note: asked for Priya"))
        #expect(lines[23].contains("record outcome"))
    }

    @Test func waitingScreenShowsCountsNextAppointmentAndKeys() {
        let view = SessionWaitingView(counts: [SessionDetail("fresh", "0"), SessionDetail("appointment", "2")],
                                      nextAppointment: "2 booked for today", checkedAt: "10:00", pollSeconds: 30,
                                      message: SessionMessage("Recorded case C0003: busy"))
        let lines = SessionScreen.composeWaiting(view, context: SessionFixture.context, size: .minimum).plainLines
        let text = lines.joined(separator: "\n")
        #expect(text.contains("No cases to call right now"))
        #expect(text.contains("fresh 0 · appointment 2"))
        #expect(text.contains("Next appointment: 2 booked for today"))
        #expect(text.contains("every 30 s"))
        #expect(text.contains("Recorded case C0003: busy"))
        #expect(lines[23].contains("r check now") && lines[23].contains("q end session"))
    }
}

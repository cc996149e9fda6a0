import FieldworkBasics
import FieldworkCases
import FieldworkScreen
import FieldworkTerminal
import Foundation
import Testing

/// The supervisor's console as the supervisor reads it: interviewers with state, time in state and
/// case; the day's figures; overdue appointments; quota fill; nothing wider than the window.
@Suite struct SupervisorConsoleScreenTests {
    let rules = SchedulingRules()
    let now = LocalDateTime(year: 2026, month: 12, day: 1, hour: 10, minute: 30).instant(in: TimeZone(identifier: "Europe/London")!)!

    func snapshot() -> SupervisorSnapshot {
        let start = now.addingTimeInterval(-1800)
        let states = [
            InterviewerStateChange(interviewer: "int1", state: .signedIn, at: start, session: "a"),
            InterviewerStateChange(interviewer: "int1", state: .interviewing, at: now.addingTimeInterval(-125), caseID: "S014", session: "a"),
            InterviewerStateChange(interviewer: "int2", state: .signedIn, at: start, session: "b"),
            InterviewerStateChange(interviewer: "int2", state: .onBreak, at: now.addingTimeInterval(-65), session: "b"),
        ]
        let overdue = AppointmentListing(caseID: "S007", kind: .hard, start: LocalDateTime("2026-12-01T10:00")!, end: nil,
                                         timeZoneID: "Europe/London", at: now.addingTimeInterval(-1800), until: now.addingTimeInterval(-900),
                                         bookedBy: "int2", bookedAt: start, heldBy: nil, standing: .overdue)
        return SupervisorSnapshot.make(now: now, dayStart: now.addingTimeInterval(-37800), states: states, callCounts: ["int2": ["hard-refusal": 1]],
                                       codeOfCase: ["S001": "2.11"],
                                       quotaCells: [.init(rule: "sector", cell: "G", completes: 3, target: 4)],
                                       appointments: [overdue])
    }

    @Test func showsEachInterviewerWithStateTimeAndCase() {
        let lines = SupervisorConsoleScreen.lines(snapshot(), rules: rules)
        let one = lines.first { $0.hasPrefix("int1") } ?? ""
        let two = lines.first { $0.hasPrefix("int2") } ?? ""
        #expect(one.contains("interviewing") && one.contains("2m 05s") && one.contains("S014"))
        #expect(two.contains("break") && two.contains("1m 05s") && !two.contains("S0"))
        #expect(lines[0].contains("calls 1") && lines[0].contains("refusals 1") && lines[0].contains("(RR1) 0.0%")
                && lines[0].contains("(CON1) 100.0%"))
        #expect(lines.contains { $0.contains("OVERDUE") && $0.contains("S007") && $0.contains("10:00") })
        #expect(lines.contains { $0.contains("sector") && $0.contains("3 / 4") && $0.contains("75.0%") })
    }

    @Test func everyLineFitsTheWindow() {
        for size in [ScreenSize.minimum, ScreenSize(width: 120, height: 40)] {
            let frame = SupervisorConsoleScreen.compose(snapshot(), rules: rules, refreshSeconds: 3, problem: nil, size: size)
            #expect(frame.plainLines.allSatisfy { DisplayWidth.of($0) <= size.width })
            #expect(frame.plainLines.last?.contains("q quit") == true)
        }
    }

    @Test func durationsRead() {
        #expect(SupervisorConsoleScreen.duration(nil) == "-")
        #expect(SupervisorConsoleScreen.duration(45) == "45s")
        #expect(SupervisorConsoleScreen.duration(725) == "12m 05s")
        #expect(SupervisorConsoleScreen.duration(3720) == "1h 02m")
    }
}

import FieldworkBasics
import Foundation
import Testing
@testable import FieldworkCases

/// Call history, interviewer states and the supervisor's figures, each checked against a count or
/// formula worked out here from the same events.
@Suite struct SupervisionTests {
    let nine = at("2025-10-20T09:00")

    func minutes(_ m: Double) -> Date { nine.addingTimeInterval(m * 60) }

    @Test(arguments: StoreKind.underTest) func callHistoryFiltersByTimeInterviewerAndOutcome(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B", "C"])
        try store.record("A", .noAnswer, at: minutes(10), by: "int1")
        try store.record("B", .busy, at: minutes(20), by: "int2")
        try store.record("C", .interviewComplete, at: minutes(30), by: "int1")
        try store.record("A", .softRefusal, at: at("2025-10-20T14:00"), by: "int2")
        #expect(try store.callHistory().map(\.caseID) == ["A", "B", "C", "A"])
        #expect(try store.callHistory(CallHistoryFilter(interviewers: ["int1"])).map(\.caseID) == ["A", "C"])
        #expect(try store.callHistory(CallHistoryFilter(outcomes: [.busy, .softRefusal])).map(\.outcome) == ["busy", "soft-refusal"])
        let window = CallHistoryFilter(from: minutes(15), to: minutes(30))
        #expect(try store.callHistory(window).map(\.caseID) == ["B"])
        let second = try #require(try store.callHistory(CallHistoryFilter(interviewers: ["int2"], outcomes: [.softRefusal])).first)
        #expect(second.number == 2 && second.resultingStatus == CaseStatus.refusalConversion.rawValue)
    }

    @Test(arguments: StoreKind.underTest) func interviewerStatesAreAppendOnly(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.recordInterviewerState(InterviewerStateChange(interviewer: "int1", state: .signedIn, at: minutes(0), session: "s1"))
        try store.recordInterviewerState(InterviewerStateChange(interviewer: "int1", state: .dialling, at: minutes(1), caseID: "A", session: "s1"))
        let changes = try store.interviewerStateChanges(since: minutes(0))
        #expect(changes.map(\.state) == [.signedIn, .dialling])
        // The last change before `since` is included, so a long state still shows.
        #expect(try store.interviewerStateChanges(since: minutes(5)).map(\.state) == [.dialling])
        #expect(throws: (any Error).self) { try executeBehindTheStoresBack(store, sql: "DELETE FROM interviewer_states") }
        #expect(throws: (any Error).self) { try executeBehindTheStoresBack(store, sql: "UPDATE interviewer_states SET state = 'break'") }
    }

    @Test(arguments: StoreKind.underTest) func snapshotFiguresMatchAnIndependentCount(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B", "C", "D", "E"])
        func state(_ who: String, _ s: InterviewerState, _ m: Double, _ c: String? = nil) throws {
            try store.recordInterviewerState(InterviewerStateChange(interviewer: who, state: s, at: minutes(m), caseID: c, session: who))
        }
        // int1: signed in at 0, dials A, interviews 2–12 (10 min), wrap-up; dials B, interviews 15–35 (20 min); dials C now.
        try state("int1", .signedIn, 0)
        try state("int1", .dialling, 1, "A"); try state("int1", .interviewing, 2, "A")
        try store.record("A", .interviewComplete, at: minutes(12), by: "int1")
        try state("int1", .wrapUp, 12, "A"); try state("int1", .dialling, 14, "B"); try state("int1", .interviewing, 15, "B")
        try store.record("B", .hardRefusal, at: minutes(35), by: "int1")
        try state("int1", .dialling, 35, "C")
        // int2: signed in at 0, a no answer at 5, on a break from 10, interviewing D from 50.
        try state("int2", .signedIn, 0)
        try state("int2", .dialling, 4, "E")
        try store.record("E", .noAnswer, at: minutes(5), by: "int2")
        try state("int2", .onBreak, 10)
        try state("int2", .dialling, 40, "D"); try state("int2", .interviewing, 50, "D")
        let now = minutes(60)
        let snapshot = try store.supervisorSnapshot(now: now)
        let one = try #require(snapshot.interviewers.first { $0.name == "int1" })
        let two = try #require(snapshot.interviewers.first { $0.name == "int2" })
        // Times go through SQLite as seconds since 1970: compare to a microsecond.
        func near(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-6 } ?? false }
        #expect(one.state == .dialling && one.caseID == "C" && near(one.secondsInState, 25 * 60))
        #expect(one.callsToday == 2 && one.contactsToday == 2 && one.refusalsToday == 1 && one.completesToday == 1)
        #expect(near(one.callsPerHour, 2.0))  // 2 calls in 60 minutes worked
        #expect(near(one.medianInterviewSeconds, 15 * 60))  // median of 10 and 20 minutes
        #expect(one.currentInterviewSeconds == nil)
        #expect(two.state == .interviewing && two.caseID == "D" && near(two.currentInterviewSeconds, 10 * 60))
        // int2 worked 0–10 and 40–60 (the break 10–40 does not count): 1 call in 30 minutes.
        #expect(near(two.callsPerHour, 2.0))
        #expect(two.contactsToday == 0)
        #expect(snapshot.callsToday == 3 && snapshot.completesToday == 1 && snapshot.refusalsToday == 1)
        #expect(near(snapshot.medianInterviewSeconds, 15 * 60))
        // Today's rates from the AAPOR formulas, over the cases called today: A 1.1 (I), B 2.11 (R),
        // E open after a no answer, interim 3.13 (UH). D = I + R = 2, U = 1.
        #expect(snapshot.todayCodeCounts == ["1.1": 1, "2.11": 1, "3.13": 1])
        let i = 1.0, r = 1.0, d = 2.0, u = 1.0
        #expect(abs(snapshot.todayResponseRate! - i / (d + u)) < 1e-12)
        #expect(abs(snapshot.todayContactRate! - (i + r) / (d + u)) < 1e-12)
    }

    @Test(arguments: StoreKind.underTest) func snapshotListsAppointmentsDueWithinTheHourAndOverdue(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B", "C"])
        func book(_ id: String, _ local: String) throws {
            try store.record(id, .hardAppointment, at: minutes(0), appointment: Appointment(kind: .hard, start: LocalDateTime(local)!))
        }
        try book("A", "2025-10-20T09:30")
        try book("B", "2025-10-20T10:40")
        try book("C", "2025-10-20T12:00")
        let snapshot = try store.supervisorSnapshot(now: at("2025-10-20T10:00"))
        #expect(snapshot.appointmentsOverdue.map(\.caseID) == ["A"])
        #expect(snapshot.appointmentsNextHour.map(\.caseID) == ["B"])
    }

    @Test(arguments: StoreKind.underTest) func snapshotCarriesQuotaFill(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.quotas = [QuotaRule(name: "sector", fields: ["sector"], targets: ["G": 2, "K": 1])]
        let store = try makeStore(kind, rules: rules, ids: ["A", "B"], fields: ["A": ["sector": "G"], "B": ["sector": "K"]])
        try store.record("A", .interviewComplete, at: minutes(5))
        let cells = try store.supervisorSnapshot(now: minutes(10)).quotaCells
        #expect(cells.map { "\($0.cell) \($0.completes)/\($0.target ?? -1)" } == ["G 1/2", "K 0/1"])
    }

    @Test func medianIsTheMiddleValue() {
        #expect(SupervisorSnapshot.median([]) == nil)
        #expect(SupervisorSnapshot.median([3, 1, 2]) == 2)
        #expect(SupervisorSnapshot.median([4, 1, 3, 2]) == 2.5)
    }
}

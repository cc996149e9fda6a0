import FieldworkBasics
import Foundation
import Testing
@testable import FieldworkCases

@Suite struct InterimDispositionTests {
    let morning = at("2025-10-20T10:00")

    private func interim(_ store: any CaseStore, _ id: String) throws -> String? {
        try store.caseDetail(id: id)?.interimDisposition?.code
    }

    @Test(arguments: StoreKind.underTest) func everyOpenCaseHasACodeFromWhatIsKnown(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["Fresh", "Busy", "NoAnswer", "Machine", "Gate", "GateThenMachine", "GateThenNoAnswer", "Soft", "Booked"])
        try store.record("Busy", .busy, at: morning)
        try store.record("NoAnswer", .noAnswer, at: morning)
        try store.record("Machine", .answeringMachineMessageLeft, at: morning)
        try store.record("Gate", .gatekeeperCallBack, at: morning)
        try store.record("GateThenMachine", .gatekeeperCallBack, at: morning)
        try store.record("GateThenMachine", .answeringMachineNoMessage, at: at("2025-10-20T13:00"))
        try store.record("GateThenNoAnswer", .namedContactNotAvailable, at: morning)
        try store.record("GateThenNoAnswer", .noAnswer, at: at("2025-10-20T13:00"))
        try store.record("Soft", .softRefusal, at: morning)
        try store.record("Booked", .hardAppointment, at: morning, appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-21T11:00")!))
        let expected = ["Fresh": "3.11", "Busy": "3.12", "NoAnswer": "3.13", "Machine": "3.14", "Gate": "2.21",
                        "GateThenMachine": "2.222", "GateThenNoAnswer": "2.20", "Soft": "2.11", "Booked": "2.21"]
        for (id, code) in expected { #expect(try interim(store, id) == code, "\(id)") }

        let counts = try store.statusCounts(now: morning)
        #expect(counts.byInterimDisposition[.notAttempted] == 1)
        #expect(counts.byInterimDisposition[.respondentNeverAvailable] == 2)
        #expect(counts.byInterimDisposition.values.reduce(0, +) == 9)
        #expect(counts.byDisposition.isEmpty)
    }

    @Test(arguments: StoreKind.underTest) func aFinalCaseLeavesTheInterimCounts(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B"])
        try store.record("A", .wrongNumber, at: morning)
        #expect(try interim(store, "A") == nil)
        let counts = try store.statusCounts(now: morning)
        #expect(counts.byDisposition[.unknownEligibilityOther] == 1)
        #expect(counts.byInterimDisposition == [.notAttempted: 1])
    }

    @Test(arguments: StoreKind.underTest) func aSupervisorsAppointmentMakesACaseEligible(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.setAppointment(caseID: "A", appointment: Appointment(kind: .soft, start: LocalDateTime("2025-10-21T11:00")!),
                                 setBy: "sup", now: morning)
        #expect(try interim(store, "A") == "2.21")
    }

    @Test(arguments: StoreKind.underTest) func withheldCasesAreQuotaFilledUntilReleased(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.quotas = [QuotaRule(name: "sector", fields: ["sector"], targets: ["G": 1])]
        let fields = ["G1": ["sector": "G"], "G2": ["sector": "G"], "C1": ["sector": "C"]]
        let store = try emptyStore(kind, rules: rules)
        do {
            _ = try store.importCases(ParsedSample(source: "t.csv", columns: ["case_id", "sector"], cases: ["G1", "G2", "C1"].enumerated().map {
                SampleCase(id: $0.element, fields: fields[$0.element]!, line: $0.offset + 2)
            }), now: morning)
            try store.record("G2", .noAnswer, at: morning)
            try store.record("G1", .interviewComplete, at: morning)
            #expect(try interim(store, "G2") == "4.80")
            #expect(try interim(store, "C1") == "3.11")
            #expect(try store.statusCounts(now: morning).byInterimDisposition[.quotaFilled] == 1)
        }
        // Raising the target releases the case and gives it back its code from the calls.
        rules.quotas[0].targets["G"] = 5
        let again = try reopened(store, rules: rules)
        #expect(try interim(again, "G2") == "3.13")
        #expect(try again.statusCounts(now: morning).byInterimDisposition[.quotaFilled] == nil)
    }

    @Test func interimCountsReadOnlyTheCoveringIndex() throws {
        let store = try makeStore(ids: ["A"])
        let plan = try store.interimCountsQueryPlan().joined(separator: " | ")
        #expect(plan.contains("COVERING INDEX cases_interim"), "\(plan)")
    }

    @Test func precedence() {
        func code(attempts: Int = 1, last: CallOutcome? = .noAnswer, eligible: Bool = false, soft: Int = 0,
                  booked: Bool = false, withheld: Bool = false) -> String {
            InterimDisposition.of(attempts: attempts, lastOutcome: last, everEligible: eligible, softRefusals: soft,
                                  appointmentBooked: booked, withheldByQuota: withheld).disposition.code
        }
        #expect(code(attempts: 0, last: nil) == "3.11")
        #expect(code(attempts: 0, last: nil, withheld: true) == "4.80")
        #expect(code(soft: 1, withheld: true) == "4.80")
        #expect(code(eligible: true, soft: 1) == "2.11")
        #expect(code(eligible: true, soft: 1, booked: true) == "2.21")
        #expect(code(last: .answeringMachineMessageLeft, eligible: true) == "2.221")
        #expect(InterimDisposition.of(attempts: 0, lastOutcome: nil, everEligible: false, softRefusals: 0,
                                      appointmentBooked: false, withheldByQuota: false).reason == "never attempted")
    }
}

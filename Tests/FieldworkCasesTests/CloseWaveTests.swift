import FieldworkBasics
import Foundation
import Testing
@testable import FieldworkCases

@Suite struct CloseWaveTests {
    let morning = at("2025-10-20T10:00")
    let evening = at("2025-10-31T18:00")

    @Test(arguments: StoreKind.underTest) func everyOpenCaseGetsItsInterimCodeWithTheRule(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["Fresh", "Busy", "Soft", "Booked", "Done"])
        try store.record("Busy", .busy, at: morning)
        try store.record("Soft", .softRefusal, at: morning)
        try store.record("Booked", .softAppointment, at: morning, appointment: Appointment(kind: .soft, start: LocalDateTime("2025-10-21T11:00")!))
        try store.record("Done", .interviewComplete, at: morning)

        let closing = try store.closeWave(now: evening)
        #expect(closing.closedAt == evening)
        #expect(closing.casesInStore == 5)
        #expect(closing.alreadyFinal == 1)
        #expect(closing.casesClosed == 4)
        #expect(closing.assigned == [.notAttempted: 1, .alwaysBusy: 1, .refusal: 1, .respondentNeverAvailable: 1])

        let fresh = try #require(try store.caseDetail(id: "Fresh"))
        #expect(fresh.finalDisposition?.code == "3.11")
        #expect(fresh.status == .finalNonInterview)
        #expect(fresh.finalRule == "close-wave: never attempted → 3.11")
        #expect(fresh.finalisations == [CaseFinalisation(at: evening, disposition: .notAttempted,
                                                         rule: "close-wave: never attempted → 3.11", finalisedBy: "close-wave")])
        #expect(fresh.attempts.isEmpty)
        #expect(try store.caseDetail(id: "Booked")?.finalRule == "close-wave: appointment booked, never kept → 2.21")
        #expect(try store.caseDetail(id: "Booked")?.appointments.allSatisfy { !$0.active } == true)
        #expect(try store.caseDetail(id: "Soft")?.finalRule == "close-wave: a soft refusal on record, not converted → 2.11")
        #expect(try store.caseDetail(id: "Done")?.finalisations.isEmpty == true)

        let counts = try store.statusCounts(now: evening)
        #expect(counts.byInterimDisposition.isEmpty)
        #expect(counts.byDisposition.values.reduce(0, +) == 5)
        #expect(counts.waveClosedAt == evening)
        #expect(try store.nextCase(for: "int1", now: at("2025-10-21T11:00")) == nil)
        #expect(try store.nextAppointment(now: evening) == nil)
    }

    @Test(arguments: StoreKind.underTest) func closingTwiceNeedsAgain(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        _ = try store.closeWave(now: evening)
        do {
            _ = try store.closeWave(now: evening.addingTimeInterval(60))
            Issue.record("a second closing was accepted")
        } catch CaseStoreError.waveAlreadyClosed(let previous) {
            #expect(previous == evening)
            #expect(CaseStoreError.waveAlreadyClosed(at: previous).description.contains("--again"))
        }
        // Cases imported after the closing are closed by a repeated closing.
        _ = try store.importCases(ParsedSample(source: "late.csv", columns: ["case_id"], cases: [SampleCase(id: "Late", fields: [:], line: 2)]),
                                  now: evening)
        let again = try store.closeWave(now: evening.addingTimeInterval(120), again: true)
        #expect(again.previousClosingAt == evening)
        #expect(again.assigned == [.notAttempted: 1])
        #expect(again.alreadyFinal == 1)
        #expect(try store.statusCounts(now: evening).waveClosedAt == evening.addingTimeInterval(120))
    }

    @Test(arguments: StoreKind.underTest) func leasedCasesBlockTheClosingByName(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B"])
        _ = try store.leaseCase(id: "B", interviewer: "int7", now: morning)
        do {
            _ = try store.closeWave(now: morning.addingTimeInterval(60))
            Issue.record("the wave closed under a running call")
        } catch CaseStoreError.casesUnderLease(let holdings) {
            #expect(holdings == [LeaseHolding(caseID: "B", holder: "int7")])
            #expect(CaseStoreError.casesUnderLease(holdings).description.contains("B by int7"))
        }
        #expect(try store.caseDetail(id: "A")?.finalDisposition == nil)
        #expect(try store.statusCounts(now: morning).waveClosedAt == nil)
        // Once the lease has run out the wave closes.
        let closing = try store.closeWave(now: morning.addingTimeInterval(31 * 60))
        #expect(closing.casesClosed == 2)
    }

    @Test(arguments: StoreKind.underTest) func anEmptyStoreIsNotMarkedClosed(_ kind: StoreKind) throws {
        let store = try makeStore(kind)
        let closing = try store.closeWave(now: evening)
        #expect(closing.closedAt == nil)
        #expect(closing.casesInStore == 0)
        #expect(try store.statusCounts(now: evening).waveClosedAt == nil)
    }

    @Test(arguments: StoreKind.underTest) func withheldCasesCloseAsQuotaFilled(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.quotas = [QuotaRule(name: "sector", fields: ["sector"], targets: ["G": 0])]
        let store = try makeStore(kind, rules: rules, ids: ["G1"], fields: ["G1": ["sector": "G"]])
        #expect(try store.closeWave(now: evening).assigned == [.quotaFilled: 1])
        #expect(try store.caseDetail(id: "G1")?.finalRule == "close-wave: withheld by quota (its cell is full) → 4.80")
    }
}

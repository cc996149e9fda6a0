import Foundation
import Testing
@testable import FieldworkCases

@Suite struct LeaseCaseTests {
    // Monday 2025-10-20, inside calling hours.
    let now = at("2025-10-20T10:00")

    @Test(arguments: StoreKind.underTest) func aLeasedCaseIsNotOfferedByTheScheduler(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B"])
        let lease = try store.leaseCase(id: "B", interviewer: "int1", now: now)
        #expect(lease.caseID == "B")
        #expect(lease.interviewer == "int1")
        #expect(lease.reason == .fresh)
        #expect(lease.fields["business_name"] == "Business B")
        #expect(lease.expiresAt == now.addingTimeInterval(30 * 60))
        #expect(try store.nextCase(for: "int2", now: now)?.caseID == "A")
        #expect(try store.nextCase(for: "int2", now: now) == nil)
        #expect(try store.caseDetail(id: "B")?.leaseHolder == "int1")
    }

    @Test(arguments: StoreKind.underTest) func anotherInterviewerIsRefusedNamingTheHolder(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        _ = try store.leaseCase(id: "A", interviewer: "int1", now: now)
        do {
            _ = try store.leaseCase(id: "A", interviewer: "int2", now: now.addingTimeInterval(60))
            Issue.record("a second interviewer got a leased case")
        } catch CaseStoreError.leasedByAnother(let caseID, let holder) {
            #expect(caseID == "A")
            #expect(holder == "int1")
            #expect(CaseStoreError.leasedByAnother(caseID: caseID, holder: holder).description.contains("int1"))
        }
    }

    @Test(arguments: StoreKind.underTest) func theSameInterviewerRenewsTheLease(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        _ = try store.leaseCase(id: "A", interviewer: "int1", now: now)
        let later = now.addingTimeInterval(20 * 60)
        let renewed = try store.leaseCase(id: "A", interviewer: "int1", now: later)
        #expect(renewed.expiresAt == later.addingTimeInterval(30 * 60))
        #expect(try store.caseDetail(id: "A")?.leaseExpiresAt == later.addingTimeInterval(30 * 60))
    }

    @Test(arguments: StoreKind.underTest) func anExpiredLeaseCanBeTaken(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        _ = try store.leaseCase(id: "A", interviewer: "int1", now: now)
        let afterExpiry = now.addingTimeInterval(31 * 60)
        let taken = try store.leaseCase(id: "A", interviewer: "int2", now: afterExpiry)
        #expect(taken.interviewer == "int2")
        #expect(try store.caseDetail(id: "A")?.leaseHolder == "int2")
        // The crashed holder's late write is refused.
        #expect(throws: CaseStoreError.self) { try store.record("A", .noAnswer, at: afterExpiry, by: "int1") }
    }

    @Test(arguments: StoreKind.underTest) func aFinalCaseIsRefused(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.record("A", .hardRefusal, at: now)
        do {
            _ = try store.leaseCase(id: "A", interviewer: "int1", now: now)
            Issue.record("a final case was leased")
        } catch CaseStoreError.caseIsFinal(let id, let disposition) {
            #expect(id == "A")
            #expect(disposition.code == "2.11")
        }
    }

    @Test(arguments: StoreKind.underTest) func anUnknownCaseIsRefused(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        do {
            _ = try store.leaseCase(id: "nope", interviewer: "int1", now: now)
            Issue.record("an unknown case was leased")
        } catch CaseStoreError.unknownCase(let id) {
            #expect(id == "nope")
        }
    }

    @Test(arguments: StoreKind.underTest) func aCaseNotYetDueKeepsItsOwnTimeAfterTheLease(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.record("A", .noAnswer, at: now)  // retry due 13:00
        let lease = try store.leaseCase(id: "A", interviewer: "int1", now: now.addingTimeInterval(60))
        #expect(lease.reason == .retry)
        #expect(lease.attempts == 1)
        _ = try store.renewLease(caseID: "A", interviewer: "int1", now: now.addingTimeInterval(120))
        // The lease ran out at 10:31, but the retry gap still holds until 13:00.
        #expect(try store.nextCase(for: "int2", now: at("2025-10-20T12:59")) == nil)
        #expect(try store.nextCase(for: "int2", now: at("2025-10-20T13:00"))?.caseID == "A")
    }

    @Test(arguments: StoreKind.underTest) func anAppointmentCaseLeasedByNameCarriesItsAppointment(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        let appointment = Appointment(kind: .hard, start: LocalDateTime("2025-10-21T11:00")!)
        try store.setAppointment(caseID: "A", appointment: appointment, setBy: "sup", now: now)
        let lease = try store.leaseCase(id: "A", interviewer: "int1", now: now)
        #expect(lease.reason == .hardAppointment)
        #expect(lease.appointment == appointment)
        #expect(lease.status == .appointment)
    }
}

import Foundation
import Testing
@testable import FieldworkCases

/// `nextAppointment`: what an interviewer with nothing to call is told to wait for.
@Suite struct NextAppointmentTests {
    // 2025-10-20 is a Monday in British Summer Time.
    private let booked = at("2025-10-20T08:30")

    private func book(_ store: any CaseStore, _ id: String, _ kind: AppointmentKind, _ start: String) throws {
        try store.setAppointment(caseID: id, appointment: Appointment(kind: kind, start: LocalDateTime(start)!),
                                 setBy: "sup", now: booked)
    }

    @Test(arguments: StoreKind.underTest) func nilWhenNothingIsBooked(_ kind: StoreKind) throws {
        #expect(try makeStore(kind).nextAppointment(now: booked) == nil)
        let store = try makeStore(kind, ids: ["A", "B"])
        try store.record("A", .noAnswer, at: at("2025-10-20T10:00"))
        #expect(try store.nextAppointment(now: at("2025-10-20T10:05")) == nil)
    }

    @Test(arguments: StoreKind.underTest) func earliestUpcomingWinsWhateverTheBookingOrder(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B", "C", "D"])
        try book(store, "A", .hard, "2025-10-21T14:00")
        try book(store, "B", .soft, "2025-10-20T15:00")
        try book(store, "C", .hard, "2025-10-20T16:30")
        try book(store, "D", .soft, "2025-10-22T09:00")
        let next = try #require(try store.nextAppointment(now: at("2025-10-20T09:00")))
        #expect(next == UpcomingAppointment(caseID: "B", kind: .soft, at: at("2025-10-20T15:00")))
        #expect(!next.isDue(now: at("2025-10-20T09:00")))
    }

    @Test(arguments: StoreKind.underTest) func hardAndSoftAreReported(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["H", "S"])
        try book(store, "H", .hard, "2025-10-20T11:00")
        try book(store, "S", .soft, "2025-10-20T12:00")
        #expect(try store.nextAppointment(now: booked)?.kind == .hard)
        try store.record("H", .noAnswer, at: at("2025-10-20T11:00"))  // the hard one is kept (called)
        let next = try store.nextAppointment(now: at("2025-10-20T11:01"))
        #expect(next?.caseID == "S")
        #expect(next?.kind == .soft)
    }

    @Test(arguments: StoreKind.underTest) func finishedCasesAndReplacedAppointmentsAreIgnored(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B", "C"])
        try book(store, "A", .hard, "2025-10-20T10:00")
        try book(store, "B", .hard, "2025-10-20T11:00")
        try book(store, "C", .hard, "2025-10-20T12:00")
        try store.record("A", .interviewComplete, at: at("2025-10-20T09:50"))
        try store.record("B", .hardRefusal, at: at("2025-10-20T09:55"))
        #expect(try store.nextAppointment(now: at("2025-10-20T09:56"))?.caseID == "C")
        // Moving C's appointment later replaces it: the old time no longer counts.
        try store.setAppointment(caseID: "C", appointment: Appointment(kind: .soft, start: LocalDateTime("2025-10-21T10:00")!),
                                 setBy: "sup", now: at("2025-10-20T09:57"))
        #expect(try store.nextAppointment(now: at("2025-10-20T09:58"))
                == UpcomingAppointment(caseID: "C", kind: .soft, at: at("2025-10-21T10:00")))
        try store.record("C", .ceasedTrading, at: at("2025-10-20T10:00"))
        #expect(try store.nextAppointment(now: at("2025-10-20T10:01")) == nil)
    }

    @Test(arguments: StoreKind.underTest) func overdueAppointmentIsStillReportedAsDue(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B"])
        try book(store, "A", .hard, "2025-10-20T10:00")
        try book(store, "B", .hard, "2025-10-20T15:00")
        let now = at("2025-10-20T11:30")
        let next = try #require(try store.nextAppointment(now: now))
        #expect(next.caseID == "A")
        #expect(next.isDue(now: now))
    }

    @Test(arguments: StoreKind.underTest) func appointmentBeingCalledIsSkippedUntilItsLeaseRunsOut(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B"])
        try book(store, "A", .hard, "2025-10-20T10:00")
        try book(store, "B", .soft, "2025-10-20T15:00")
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T09:50"))?.caseID == "A")
        #expect(try store.nextAppointment(now: at("2025-10-20T09:55"))?.caseID == "B")
        // Lease is 30 minutes: once it expires without a call, A is owed again.
        #expect(try store.nextAppointment(now: at("2025-10-20T10:21"))?.caseID == "A")
    }

    @Test func queryWalksTheActiveAppointmentIndexWithoutSorting() throws {
        let plan = try makeStore().nextAppointmentQueryPlan()
        #expect(plan.contains { $0.contains("appointments_active_at") })
        #expect(plan.contains { $0.contains("INTEGER PRIMARY KEY") })
        #expect(!plan.contains { $0.contains("TEMP B-TREE") })
        #expect(!plan.contains { $0.hasPrefix("SCAN c") })
    }
}

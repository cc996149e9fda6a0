import FieldworkBasics
import Foundation
import Testing
@testable import FieldworkCases

/// A supervisor's appointments: the list (overdue, due, today, later, by who booked), and booking,
/// moving and cancelling one, each audited and checked by the store's appointment rules.
@Suite struct AppointmentAdministrationTests {
    let morning = at("2025-10-20T10:00")  // a Monday

    func hard(_ local: String) -> Appointment { Appointment(kind: .hard, start: LocalDateTime(local)!) }

    @Test(arguments: StoreKind.underTest) func bookingIsAuditedAndTheCaseIsOfferedAtItsTime(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B"])
        let entry = try store.bookAppointment(caseID: "A", appointment: hard("2025-10-20T14:00"), by: "sup1",
                                              reason: "respondent emailed", now: morning)
        #expect(entry.action == .bookAppointment)
        #expect(entry.before == "no appointment")
        #expect(entry.after == "hard appointment 2025-10-20 14:00 Europe/London (booked by sup1)")
        let detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.status == .appointment)
        #expect(detail.audit == [entry])
        // Before its time the other case is offered; at 13:50 (inside the 15-minute grace) A comes first.
        #expect(try store.nextCase(for: "int1", now: morning)?.caseID == "B")
        #expect(try store.nextCase(for: "int2", now: at("2025-10-20T13:50"))?.caseID == "A")
    }

    @Test(arguments: StoreKind.underTest) func pastTimesAndTimesOutsideCallingHoursAreRefused(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        #expect(throws: CaseStoreError.self) {
            try store.bookAppointment(caseID: "A", appointment: hard("2025-10-20T09:30"), by: "sup1", reason: "r", now: morning)
        }
        #expect(throws: CaseStoreError.self) {
            try store.bookAppointment(caseID: "A", appointment: hard("2025-10-20T19:00"), by: "sup1", reason: "r", now: morning)
        }
        #expect(throws: CaseStoreError.self) {
            try store.bookAppointment(caseID: "A", appointment: hard("2025-10-20T14:00"), by: "sup1", reason: " ", now: morning)
        }
        #expect(try store.caseDetail(id: "A")?.audit.isEmpty == true)
        #expect(try store.caseDetail(id: "A")?.status == .fresh)
    }

    @Test(arguments: StoreKind.underTest) func movingKeepsOneActiveAppointmentAndCancellingReturnsTheCase(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.record("A", .hardAppointment, at: morning, by: "int4", appointment: hard("2025-10-21T10:00"))
        #expect(throws: CaseStoreError.self) {
            try store.moveAppointment(caseID: "A", to: hard("2025-10-19T10:00"), by: "sup1", reason: "r", now: morning)
        }
        let moved = try store.moveAppointment(caseID: "A", to: hard("2025-10-22T11:00"), by: "sup1", reason: "asked to move", now: morning)
        #expect(moved.before == "hard appointment 2025-10-21 10:00 Europe/London (booked by int4)")
        #expect(moved.after == "hard appointment 2025-10-22 11:00 Europe/London (booked by sup1)")
        let detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.appointments.filter(\.active).count == 1)
        let cancelled = try store.cancelAppointment(caseID: "A", by: "sup1", reason: "no longer wanted", now: morning)
        #expect(cancelled.action == .cancelAppointment)
        let after = try #require(try store.caseDetail(id: "A"))
        #expect(after.status == .retry)
        #expect(after.appointments.allSatisfy { !$0.active })
        #expect(after.audit.map(\.action) == [.moveAppointment, .cancelAppointment])
        // A cancelled case is an ordinary retry, due now.
        #expect(try store.nextCase(for: "int1", now: morning)?.caseID == "A")
        // Nothing left to move or cancel.
        #expect(throws: CaseStoreError.self) { try store.cancelAppointment(caseID: "A", by: "sup1", reason: "r", now: morning) }
    }

    @Test(arguments: StoreKind.underTest) func theListSaysWhatIsOverdueDueTodayAndLater(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B", "C", "D"])
        try store.record("A", .hardAppointment, at: morning, by: "int1", appointment: hard("2025-10-20T10:30"))
        try store.record("B", .hardAppointment, at: morning, by: "int2", appointment: hard("2025-10-20T11:00"))
        try store.record("C", .hardAppointment, at: morning, by: "int1", appointment: hard("2025-10-20T16:00"))
        try store.record("D", .hardAppointment, at: morning, by: "int1", appointment: hard("2025-10-21T09:30"))
        let now = at("2025-10-20T10:55")
        let list = try store.appointmentListings(now: now)
        // 10:30 with 15 minutes' grace ended at 10:45: overdue. 11:00: callable from 10:45: due. 16:00: today.
        #expect(list.map(\.caseID) == ["A", "B", "C"])
        #expect(list.map(\.standing) == [.overdue, .due, .today])
        let all = try store.appointmentListings(now: now, includeLater: true)
        #expect(all.last?.caseID == "D" && all.last?.standing == .later)
        #expect(try store.appointmentListings(now: now, bookedBy: "int2", includeLater: true).map(\.caseID) == ["B"])
    }
}

import FieldworkBasics
import Foundation
import Testing
@testable import FieldworkCases

/// 01:30 on the day the clocks go back happens twice. The first is booked, and the result says so.
@Suite struct ClockChangeAppointmentTests {
    let rules: SchedulingRules = {
        var rules = SchedulingRules()
        rules.callingHours = CallingHours(start: "00:00", end: "23:59", weekdays: [1, 2, 3, 4, 5, 6, 7])
        return rules
    }()

    @Test(arguments: StoreKind.underTest) func repeatedTimeIsBookedAsTheFirstAndSaysSo(_ kind: StoreKind) throws {
        let store = try makeStore(kind, rules: rules, ids: ["A"])
        let result = try store.record("A", .hardAppointment, at: at("2025-10-20T10:00"),
                                      appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-26T01:30")!))
        let stored = try #require(try store.caseDetail(id: "A")?.appointments.last)
        #expect(stored.at == utc("2025-10-26T00:30"))  // 01:30 BST
        let notice = try #require(result.notice)
        #expect(notice.contains("01:30 BST, the first of the two"))
        #expect(notice.contains("GMT"))
    }

    @Test(arguments: StoreKind.underTest) func ordinaryTimesHaveNoNotice(_ kind: StoreKind) throws {
        let store = try makeStore(kind, rules: rules, ids: ["A"])
        let result = try store.record("A", .hardAppointment, at: at("2025-10-20T10:00"),
                                      appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-26T03:30")!))
        #expect(result.notice == nil)
        let other = try store.record("A", .noAnswer, at: at("2025-10-26T03:30"))
        #expect(other.notice == nil)
    }

    @Test func repeatedTimeIsDetectedInOtherZones() {
        let newYork = TimeZone(identifier: "America/New_York")!
        #expect(RepeatedWallClockTime(LocalDateTime("2025-11-02T01:15")!, in: newYork) != nil)
        #expect(RepeatedWallClockTime(LocalDateTime("2025-11-02T02:15")!, in: newYork) == nil)
        #expect(RepeatedWallClockTime(LocalDateTime("2025-10-26T01:30")!, in: london)?.description.contains("01:30 BST") == true)
    }
}

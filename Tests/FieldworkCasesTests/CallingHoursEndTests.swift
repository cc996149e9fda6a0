import FieldworkBasics
import Foundation
import Testing
@testable import FieldworkCases

/// `callingHours.end` "24:00" is refused when the rules are read: a soft window ends at the closing
/// time of its own day, and 24:00 is the next day's midnight.
@Suite struct CallingHoursEndTests {
    @Test func endOf2400IsRefusedWithAClearMessage() {
        let problems = CallingHours(start: "09:00", end: "24:00").configurationProblems
        #expect(problems.count == 1)
        #expect(problems.first?.contains("24:00") == true)
        #expect(problems.first?.contains("23:59") == true)
    }

    @Test func startOf2400IsRefusedToo() {
        #expect(!CallingHours(start: "24:00", end: "23:59").configurationProblems.isEmpty)
    }

    @Test func storeRefusesRulesWith2400() throws {
        var rules = SchedulingRules()
        rules.callingHours = CallingHours(start: "09:00", end: "24:00")
        #expect(throws: CaseStoreError.self) { try makeStore(rules: rules) }
    }

    @Test func lateClosingBooksSoftAppointmentsUntilThen() throws {
        var rules = SchedulingRules()
        rules.callingHours = CallingHours(start: "09:00", end: "23:59")
        let store = try makeStore(rules: rules, ids: ["A"])
        let result = try store.record("A", .softAppointment, at: at("2025-10-20T10:00"),
                                      appointment: Appointment(kind: .soft, start: LocalDateTime("2025-10-21T20:00")!))
        #expect(result.status == .appointment)
        let stored = try #require(try store.caseDetail(id: "A")?.appointments.last)
        #expect(stored.until == at("2025-10-21T23:59"))
    }
}

import FieldworkBasics
import FieldworkCases
import FieldworkScreen
@testable import FieldworkTerminal
import Foundation
import Testing

/// The waiting screen's "Next appointment" line: when work comes back, in the survey's clock.
@Suite("Session waiting screen: next appointment")
struct SessionWaitingScreenTests {
    private static let rules = SchedulingRules()
    private static let london = TimeZone(identifier: "Europe/London")!

    /// The instant of a London wall-clock time. 2025-10-20 is a Monday in British Summer Time.
    private static func at(_ local: String) throws -> Date {
        try #require(LocalDateTime(local)?.instant(in: london))
    }

    private static func line(_ kind: AppointmentKind, _ local: String, dueToday: Int, now: String) throws -> String? {
        let next = UpcomingAppointment(caseID: "C1", kind: kind, at: try at(local))
        return SessionWaitingViewBuilder.nextAppointmentLine(next, dueToday: dueToday, now: try at(now), rules: rules)
    }

    @Test func todayShowsTheClockTimeAndTheDayCount() throws {
        #expect(try Self.line(.hard, "2025-10-20T14:30", dueToday: 3, now: "2025-10-20T09:00") == "14:30 (hard) · 3 booked for today")
    }

    @Test func timesAreTheSurveyZonesNotUTC() throws {
        let next = UpcomingAppointment(caseID: "C1", kind: .soft, at: ISO8601DateFormatter().date(from: "2025-10-20T13:30:00Z")!)
        let line = SessionWaitingViewBuilder.nextAppointmentLine(next, dueToday: 1, now: try Self.at("2025-10-20T09:00"), rules: Self.rules)
        #expect(line == "14:30 (soft) · 1 booked for today")
    }

    @Test func laterDayShowsTheWeekdayWithinAWeekAndTheDateBeyond() throws {
        #expect(try Self.line(.soft, "2025-10-21T09:15", dueToday: 0, now: "2025-10-20T16:00") == "Tue 09:15 (soft)")
        #expect(try Self.line(.hard, "2025-10-27T09:15", dueToday: 0, now: "2025-10-21T10:00") == "Mon 09:15 (hard)")
        #expect(try Self.line(.hard, "2025-10-29T10:00", dueToday: 0, now: "2025-10-20T10:00") == "2025-10-29 10:00 (hard)")
    }

    @Test func overdueAppointmentReadsAsDueNow() throws {
        #expect(try Self.line(.hard, "2025-10-20T08:45", dueToday: 2, now: "2025-10-20T09:00")
                == "due now: 08:45 (hard) · 2 booked for today")
        #expect(try Self.line(.soft, "2025-10-17T16:00", dueToday: 0, now: "2025-10-20T09:00") == "due now: 2025-10-17 16:00 (soft)")
    }

    @Test func nothingBookedLeavesTheLineToTheScreen() throws {
        #expect(SessionWaitingViewBuilder.nextAppointmentLine(nil, dueToday: 0, now: try Self.at("2025-10-20T09:00"), rules: Self.rules) == nil)
        let view = SessionWaitingView(counts: [], nextAppointment: nil, checkedAt: "09:00", pollSeconds: 30)
        let text = SessionScreen.composeWaiting(view, context: SessionFixture.context, size: .minimum).plainLines.joined(separator: "\n")
        #expect(text.contains("Next appointment: none booked"))
    }

    @Test func screenFromARealStoreShowsCountsAndTheNextTime() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-waiting-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteCaseStore(surveyDirectory: directory, rules: Self.rules)
        let cases = ["W1", "W2", "W3"].enumerated().map { SampleCase(id: $1, fields: ["business_name": "Biz \($1)"], line: $0 + 2) }
        _ = try store.importCases(ParsedSample(source: "t.csv", columns: ["case_id", "business_name"], cases: cases),
                                  now: try Self.at("2025-10-20T08:00"))
        let booked = try Self.at("2025-10-20T08:30")
        try store.setAppointment(caseID: "W1", appointment: Appointment(kind: .soft, start: LocalDateTime("2025-10-20T16:00")!),
                                 setBy: "sup", now: booked)
        try store.setAppointment(caseID: "W2", appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-20T14:30")!),
                                 setBy: "sup", now: booked)
        _ = try store.recordAttempt(CallAttemptInput(caseID: "W3", interviewer: "I7", outcome: .ceasedTrading), now: booked)
        let now = try Self.at("2025-10-20T10:00")
        let view = SessionWaitingViewBuilder.view(counts: try store.statusCounts(now: now), next: try store.nextAppointment(now: now),
                                                  now: now, rules: Self.rules, pollSeconds: 30, message: nil)
        #expect(view.checkedAt == "10:00")
        #expect(view.counts.contains(SessionDetail("appointment", "2")))
        let text = SessionScreen.composeWaiting(view, context: SessionFixture.context, size: .minimum).plainLines.joined(separator: "\n")
        #expect(text.contains("Next appointment: 14:30 (hard) · 2 booked for today"))
        #expect(text.contains("appointment 2"))
    }
}


import FieldworkBasics
import FieldworkCases
import FieldworkTerminal
import Foundation
import Testing

@Suite("Local times as text")
struct LocalDateTimeTextTests {
    @Test func oneLocalTimeHasItsDateTimeAndDisplayText() {
        let t = LocalDateTime(year: 2026, month: 3, day: 2, hour: 9, minute: 5)
        #expect(t.dateText == "2026-03-02")
        #expect(t.timeText == "09:05")
        #expect(t.displayText == "2026-03-02 09:05")
        #expect(t.description == "2026-03-02T09:05")
        #expect(LocalDateTime(t.description) == t)
        #expect(LocalDateTime(t.displayText) == t, "the display form parses back too")
    }

    @Test func theMachineLocalTimeAgreesWithFoundationsFormatter() {
        // Independent: Foundation's own formatter in the machine's zone, as the code used before.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        for seconds in stride(from: 0.0, through: 2_000_000_000, by: 37_777_777) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(InterviewResumeSummaryBuilder.machineLocalTime(date) == formatter.string(from: date))
        }
    }

    @Test func theSurveyZoneDecidesTheShownTime() {
        var rules = SchedulingRules()
        rules.timeZoneID = "America/New_York"
        let noonUTC = Date(timeIntervalSince1970: 1_764_590_400) // 2025-12-01T12:00:00Z
        #expect(SessionCaseViewBuilder.local(noonUTC, rules) == "2025-12-01 07:00")
    }
}

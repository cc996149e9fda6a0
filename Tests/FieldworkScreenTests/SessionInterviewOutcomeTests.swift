import FieldworkBasics
@testable import FieldworkCases
import FieldworkEngine
import FieldworkModel
import FieldworkScreen
import FieldworkTerminal
import Foundation
import Testing

@Suite("Session: interview endings and case views")
struct SessionInterviewOutcomeTests {
    /// Thresholds as the survey's rules give them (defaults: partial from 50%, complete from 80%).
    static func classify(_ share: AnsweredShare) -> (outcome: CallOutcome, rule: String) {
        SchedulingRules().dispositionThresholds.outcome(forStoppedInterviewWithShare: share.share)
    }

    @Test func interviewEndingsMapToCalls() {
        let after = { SessionInterviewOutcome.after($0, classify: Self.classify) }
        #expect(after(.completed) == .record(.interviewComplete, rule: "interview completed"))
        let early = AnsweredShare(answered: 3, applicable: 10)
        guard case .record(.breakOff, let rule?) = after(.stopped(outcome: "breakoff", share: early)) else {
            Issue.record("a break-off at 30% is not recorded as a break-off")
            return
        }
        #expect(rule.contains("30%"))
        #expect(after(.stopped(outcome: "breakoff", share: AnsweredShare(answered: 6, applicable: 10))).recordedOutcome == .interviewPartial)
        #expect(after(.stopped(outcome: "breakoff", share: AnsweredShare(answered: 8, applicable: 10))).recordedOutcome == .interviewComplete)
        #expect(after(.stopped(outcome: "refusal", share: early)) == .askRefusalKind)
        #expect(after(.endedByQuestionnaire(outcome: "ceased-trading", endpoint: "end_ceased"))
                == .record(.ceasedTrading, rule: "questionnaire end end_ceased → ceased-trading"))
        #expect(after(.endedByQuestionnaire(outcome: "hard-refusal", endpoint: "end_consent")).recordedOutcome == .hardRefusal)
        #expect(after(.left) == .backToCase)
        #expect(after(.shutdown(reason: "hangup")) == .shutdown(reason: "hangup"))
        let appointment = Appointment(kind: .hard, start: LocalDateTime(year: 2026, month: 12, day: 2, hour: 14, minute: 30))
        let suspended = after(.suspended(appointment, note: "ask for Priya"))
        #expect(suspended == .book(appointment, note: "ask for Priya", purpose: .resumeInterview))
        #expect(SessionInterviewOutcome.outcome(purpose: .resumeInterview, kind: .hard) == .suspendedWithAppointment)
    }

    @Test func appointmentRequestsBecomeStoreAppointmentsInTheSurveyZone() throws {
        #expect(SessionInterviewOutcome.outcome(purpose: .callOutcome, kind: .soft) == .softAppointment)
        #expect(SessionInterviewOutcome.outcome(purpose: .callOutcome, kind: .hard) == .hardAppointment)
        let appointment = try #require(AppointmentEntry.appointment(kind: .hard, date: "2026-12-02", time: "9:05",
                                                                    timeZoneID: "America/New_York").successValue)
        #expect(appointment.kind == .hard)
        #expect(appointment.start == LocalDateTime(year: 2026, month: 12, day: 2, hour: 9, minute: 5))
        #expect(appointment.timeZoneID == "America/New_York")
        #expect(AppointmentEntry.appointment(kind: .hard, date: "2026-02-30", time: "09:05", timeZoneID: "Europe/London").isFailure)
        #expect(AppointmentEntry.appointment(kind: .hard, date: "2026-02-30x", time: "09:05", timeZoneID: "Europe/London").isFailure)

        // The store's rules refuse an evening time with a reason the screen can show.
        let rules = SchedulingRules()
        let evening = try #require(AppointmentEntry.appointment(kind: .hard, date: "2026-12-01", time: "19:00",
                                                                timeZoneID: rules.timeZoneID).successValue)
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-01T10:00:00Z"))
        #expect(throws: AppointmentProblem.self) {
            _ = try rules.schedule(evening, now: now)
        }
    }

    @Test func caseViewPicksSampleFieldsReasonAndLocalHistory() throws {
        let rules = SchedulingRules()
        let summer = try #require(ISO8601DateFormatter().date(from: "2026-06-01T09:00:00Z"))
        let appointment = Appointment(kind: .hard, start: try #require(LocalDateTime("2026-12-01T10:00")))
        let lease = CaseLease(caseID: "C9", interviewer: "I7", expiresAt: summer, reason: .hardAppointment, status: .appointment,
                              attempts: 2, fields: ["business_name": "Acme Ltd", "telephone": "020 7946 0009",
                                                    "contact_name": "Priya", "sector": "G", "borough": "Camden"],
                              appointment: appointment)
        let attempt = CallAttempt(number: 1, at: summer, interviewer: "I3", outcome: .gatekeeperCallBack, note: "try Tuesday",
                                  partOfDay: .morning, resultingStatus: .retry, finalDisposition: nil)
        let detail = CaseDetail(caseID: "C9", fields: lease.fields, status: .appointment, finalDisposition: nil, attempts: [attempt],
                                appointments: [], everEligible: true, withheldByQuota: false, leaseHolder: "I7",
                                leaseExpiresAt: summer, nextCallableAt: nil, importedAt: summer, importSource: "s.csv")
        let view = SessionCaseViewBuilder.view(lease: lease, detail: detail, rules: rules)
        #expect(view.phone == "020 7946 0009")
        #expect(view.businessName == "Acme Ltd")
        #expect(view.contactName == "Priya")
        #expect(view.details == [SessionDetail("Sector", "G"), SessionDetail("Borough", "Camden")])
        #expect(view.isAppointment)
        #expect(view.reason.contains("HARD APPOINTMENT due for 2026-12-01 10:00"))
        #expect(view.reason.contains("call 3"))
        // 09:00 UTC in June is 10:00 in London (BST).
        #expect(view.history == [SessionHistoryEntry(at: "2026-06-01 10:00", interviewer: "I3", outcome: "gatekeeper: call back",
                                                     note: "try Tuesday")])
        #expect(view.appointment == "2026-12-01 10:00 (hard)")
    }
}

/// Every outcome a questionnaire's `end` item may name is a call outcome the store knows.
@Suite("End outcomes and call outcomes")
struct EndOutcomeVocabularyTests {
    @Test func everyEndOutcomeIsACallOutcomeWithAKnownEffect() {
        for outcome in InterviewEndOutcome.allCases {
            let call = CallOutcome(rawValue: outcome.rawValue)
            #expect(call != nil, "end outcome \(outcome.rawValue) is not a call outcome")
            if outcome.isIneligible { #expect(call?.finalDisposition?.group == 4, "\(outcome.rawValue) should be a 4.x code") }
        }
        #expect(CallOutcome(rawValue: InterviewEndOutcome.hardRefusal.rawValue)?.finalDisposition == .refusal)
    }
}

extension SessionInterviewOutcome {
    var recordedOutcome: CallOutcome? {
        if case .record(let outcome, _) = self { return outcome }
        return nil
    }
}

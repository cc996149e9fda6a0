import Foundation
import Testing
@testable import FieldworkCases

/// The scheduling policy on its own: what a call does to a case, with no database. Each expected
/// value is worked out here from the rules as docs/case-management.md states them.
@Suite("Call transitions (scheduling policy without a database)")
struct CallTransitionTests {
    let now = Date(timeIntervalSince1970: 1_760_000_000)
    var rules = SchedulingRules()
    let fresh = CallTransition.Standing(attempts: 0, triedParts: 0, everEligible: false, softRefusals: 0, withheld: false)

    func after(_ standing: CallTransition.Standing, _ outcome: CallOutcome, appointment: CallTransition.BookedAppointment? = nil,
               rule: String? = nil) -> CallTransition {
        CallTransition.after(standing, outcome: outcome, part: .afternoon, appointment: appointment, dispositionRule: rule,
                             rules: rules, now: now)
    }

    @Test func aNoAnswerWaitsTheRetryGapAndCountsTheAttemptAndThePartOfDay() {
        let t = after(fresh, .noAnswer)
        #expect(t.finalDisposition == nil && t.status == .retry)
        #expect(t.dueAt == now.addingTimeInterval(Double(rules.retryGapMinutes) * 60))
        #expect(t.standing.attempts == 1)
        #expect(t.standing.triedParts == PartOfDay.afternoon.bit)
        #expect(t.tier == PickReason.retry.tier && t.queue == PickReason.retry.tier)
        #expect(t.interimCode != nil)
    }

    @Test func aCallBackWaitsTheShorterGapAndConfirmsNothing() {
        let t = after(fresh, .gatekeeperCallBack)
        #expect(t.dueAt == now.addingTimeInterval(Double(rules.callBackGapMinutes) * 60))
        #expect(t.finalDisposition == nil)
    }

    @Test func aFinalOutcomeClosesTheCaseWithItsCodeAndExplainsIt() {
        let t = after(fresh, .hardRefusal)
        #expect(t.finalDisposition == .refusal)
        #expect(t.tier == nil && t.queue == nil && t.interimCode == nil)
        #expect(t.rule == "call outcome hard-refusal → 2.11")
        #expect(after(fresh, .hardRefusal, rule: "caller's rule").rule == "caller's rule", "the caller's explanation wins")
    }

    @Test func softRefusalsGoToConversionUntilTheLimitThenEndAsARefusal() {
        let first = after(fresh, .softRefusal)
        #expect(first.status == .refusalConversion && first.finalDisposition == nil)
        #expect(first.dueAt == rules.adding(days: rules.refusalConversionDays, to: now))
        var standing = first.standing
        for _ in 2..<rules.maxSoftRefusals { standing = after(standing, .softRefusal).standing }
        let last = after(standing, .softRefusal)
        #expect(last.finalDisposition == .refusal)
        #expect(last.rule?.contains("soft refusal (maxSoftRefusals \(rules.maxSoftRefusals)) → 2.11") == true, "\(last.rule ?? "")")
    }

    @Test func theAttemptLimitEndsAnOpenCaseButNeverABookedAppointment() {
        let nearly = CallTransition.Standing(attempts: rules.maxAttempts - 1, triedParts: 0, everEligible: false, softRefusals: 0, withheld: false)
        let limited = after(nearly, .noAnswer)
        #expect(limited.finalisedByAttemptLimit && limited.finalDisposition != nil)
        #expect(limited.rule?.hasPrefix("attempt limit \(rules.maxAttempts) reached") == true)
        let booked = after(nearly, .softAppointment, appointment: .init(kind: .soft, callableFrom: now.addingTimeInterval(3600)))
        #expect(!booked.finalisedByAttemptLimit && booked.finalDisposition == nil)
        #expect(booked.status == .appointment && booked.booksAppointment)
        #expect(booked.tier == PickReason.softAppointment.tier)
        #expect(booked.dueAt == now.addingTimeInterval(3600))
    }

    @Test func aCaseThatEverRefusedEndsAsARefusalAtTheLimit() {
        let refused = CallTransition.Standing(attempts: rules.maxAttempts - 1, triedParts: 0, everEligible: true, softRefusals: 1, withheld: false)
        #expect(after(refused, .noAnswer).finalDisposition == .refusal)
    }

    @Test func aHardAppointmentTakesTheTopTierAndAFinalOutcomeIgnoresAnAppointment() {
        let hard = after(fresh, .hardAppointment, appointment: .init(kind: .hard, callableFrom: now))
        #expect(hard.tier == PickReason.hardAppointment.tier)
        let complete = after(fresh, .interviewComplete, appointment: .init(kind: .hard, callableFrom: now))
        #expect(complete.finalDisposition == .complete && !complete.booksAppointment)
    }

    @Test func aWithheldCaseStaysOutOfTheRetryQueueButKeepsItsAppointments() {
        let withheld = CallTransition.Standing(attempts: 0, triedParts: 0, everEligible: false, softRefusals: 0, withheld: true)
        let retry = after(withheld, .noAnswer)
        #expect(retry.tier == PickReason.retry.tier && retry.queue == nil)
        let booked = after(withheld, .hardAppointment, appointment: .init(kind: .hard, callableFrom: now))
        #expect(booked.queue == PickReason.hardAppointment.tier)
    }
}

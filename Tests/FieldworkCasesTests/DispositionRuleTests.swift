import Foundation
import Testing
@testable import FieldworkCases

@Suite struct DispositionRuleTests {
    @Test(arguments: StoreKind.underTest) func aFinalOutcomeGetsTheStoresRuleWhenNoneIsGiven(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.record("A", .hardRefusal, at: at("2025-10-20T10:00"))
        let detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.finalRule == "call outcome hard-refusal → 2.11")
        #expect(detail.attempts.last?.dispositionRule == "call outcome hard-refusal → 2.11")
        #expect(detail.interimDisposition == nil)
    }

    @Test(arguments: StoreKind.underTest) func theCallersRuleIsStoredAsGiven(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        let (outcome, rule) = store.rules.dispositionThresholds.outcome(forStoppedInterviewWithShare: 0.62)
        _ = try store.recordAttempt(CallAttemptInput(caseID: "A", interviewer: "int1", outcome: outcome, dispositionRule: rule),
                                    now: at("2025-10-20T10:00"))
        let detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.finalDisposition?.code == "1.2")
        #expect(detail.finalRule == "answered 62% of applicable questions (partial from 50%) → 1.2")
    }

    @Test(arguments: StoreKind.underTest) func openingCallsCarryNoRule(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.record("A", .noAnswer, at: at("2025-10-20T10:00"))
        let detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.attempts.first?.dispositionRule == nil)
        #expect(detail.finalRule == nil)
    }

    @Test(arguments: StoreKind.underTest) func theSecondSoftRefusalNamesTheLimit(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.record("A", .softRefusal, at: at("2025-10-20T10:00"))
        try store.record("A", .softRefusal, at: at("2025-10-27T10:00"))
        #expect(try store.caseDetail(id: "A")?.finalRule == "second soft refusal (maxSoftRefusals 2) → 2.11")
    }

    @Test(arguments: StoreKind.underTest) func theAttemptLimitNamesItselfAndTheEligibility(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.maxAttempts = 2
        let store = try makeStore(kind, rules: rules, ids: ["E", "U"])
        try store.record("E", .gatekeeperCallBack, at: at("2025-10-20T10:00"))
        try store.record("E", .namedContactNotAvailable, at: at("2025-10-20T13:00"))
        #expect(try store.caseDetail(id: "E")?.finalRule
                == "attempt limit 2 reached; eligibility confirmed, last call named contact not available → 2.21")
        try store.record("U", .busy, at: at("2025-10-20T10:00"))
        try store.record("U", .busy, at: at("2025-10-20T13:00"))
        #expect(try store.caseDetail(id: "U")?.finalRule == "attempt limit 2 reached; eligibility never confirmed, last call busy / engaged → 3.12")
    }
}

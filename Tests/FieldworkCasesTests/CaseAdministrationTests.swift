import Foundation
import Testing
@testable import FieldworkCases

/// A supervisor's release, reopen, correction and assignment, and the audit rows they write.
@Suite struct CaseAdministrationTests {
    let morning = at("2025-10-20T10:00")  // 09:00Z
    let later = at("2025-10-20T10:10")    // 09:10Z

    func quotaStore(_ kind: StoreKind) throws -> any CaseAdministration {
        var rules = SchedulingRules()
        rules.quotas = [QuotaRule(name: "sector", fields: ["sector"], targets: ["G": 1])]
        return try makeStore(kind, rules: rules, ids: ["A", "B", "C"],
                             fields: ["A": ["sector": "G"], "B": ["sector": "G"], "C": ["sector": "K"]])
    }

    func completes(_ store: any CaseAdministration, _ cell: String = "G") throws -> Int? {
        try store.statusCounts(now: later).quotaCells["sector"]?[cell]?.completes
    }

    @Test(arguments: StoreKind.underTest) func releaseEndsAnyonesLeaseAndIsAudited(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        _ = try store.leaseCase(id: "A", interviewer: "int7", now: morning)
        let entry = try store.releaseCase(id: "A", by: "sup1", reason: "int7 went home", now: later)
        #expect(entry == CaseAuditEntry(at: later, by: "sup1", action: .release, reason: "int7 went home",
                                        before: "leased to int7 until 2025-10-20T09:30:00Z", after: "not leased"))
        let detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.leaseHolder == nil)
        #expect(detail.audit == [entry])
        // Back in the pool at once: another interviewer gets it.
        #expect(try store.nextCase(for: "int8", now: later)?.caseID == "A")
    }

    @Test(arguments: StoreKind.underTest) func releasingAnUnleasedCaseIsRefusedByName(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        #expect(throws: CaseStoreError.self) { try store.releaseCase(id: "A", by: "sup1", reason: "tidy", now: later) }
        do {
            try store.releaseCase(id: "A", by: "sup1", reason: "tidy", now: later)
        } catch let error as CaseStoreError {
            #expect(error.description == "case 'A' is not leased to anyone; there is nothing to release")
        }
        #expect(try store.caseDetail(id: "A")?.audit.isEmpty == true)
    }

    @Test(arguments: StoreKind.underTest) func everyChangeNeedsASupervisorAndAReason(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        _ = try store.leaseCase(id: "A", interviewer: "int7", now: morning)
        do {
            try store.releaseCase(id: "A", by: "sup1", reason: "  ", now: later)
            Issue.record("a release without a reason was accepted")
        } catch CaseStoreError.auditDetailMissing(let id, let what) {
            #expect(id == "A")
            #expect(what.contains("--reason"))
        }
        do {
            try store.assignCase(id: "A", to: "int8", by: "", reason: "busy day", now: later)
            Issue.record("an assignment without a supervisor was accepted")
        } catch CaseStoreError.auditDetailMissing(_, let what) {
            #expect(what.contains("--by"))
        }
        let detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.leaseHolder == "int7")
        #expect(detail.audit.isEmpty)
    }

    @Test(arguments: StoreKind.underTest) func reopenPutsAFinalCaseBackWithItsInterimCodeAndAudit(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.record("A", .busy, at: morning)
        try store.record("A", .hardRefusal, at: morning.addingTimeInterval(4 * 3600))
        let reopenedAt = at("2025-10-21T10:00")
        let entry = try store.reopenCase(id: "A", by: "sup1", reason: "refusal was a misunderstanding", now: reopenedAt)
        let detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.status == .retry)
        #expect(detail.finalDisposition == nil)
        #expect(detail.finalRule == nil)
        let interim = InterimDisposition.fromCallHistory(lastOutcome: .hardRefusal, everEligible: detail.everEligible, softRefusals: 0)
        #expect(detail.interimDisposition == interim.disposition)
        #expect(entry.before == "final 2.11 refusal")
        #expect(entry.after == "open (retry), interim \(interim.disposition)")
        #expect(detail.audit == [entry])
        #expect(try store.statusCounts(now: reopenedAt).byInterimDisposition[interim.disposition] == 1)
        #expect(try store.nextCase(for: "int1", now: reopenedAt)?.caseID == "A")
    }

    @Test(arguments: StoreKind.underTest) func reopeningACompleteTakesItOffItsQuotaCell(_ kind: StoreKind) throws {
        let store = try quotaStore(kind)
        try store.record("A", .interviewComplete, at: morning)
        #expect(try completes(store) == 1)
        #expect(try store.caseDetail(id: "B")?.withheldByQuota == true)
        try store.reopenCase(id: "A", by: "sup1", reason: "interview was with the wrong business", now: later)
        #expect(try completes(store) == 0)
        #expect(try store.caseDetail(id: "B")?.withheldByQuota == false)
        #expect(try store.caseDetail(id: "B")?.interimDisposition == .notAttempted)
        #expect(try store.caseDetail(id: "A")?.audit.first?.before == "final 1.1 complete interview")
    }

    @Test(arguments: StoreKind.underTest) func reopeningAnOpenCaseIsRefused(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        do {
            try store.reopenCase(id: "A", by: "sup1", reason: "check", now: later)
            Issue.record("an open case was reopened")
        } catch CaseStoreError.caseNotFinal(let id, let status) {
            #expect(id == "A")
            #expect(status == .fresh)
        }
        #expect(throws: CaseStoreError.self) { try store.reopenCase(id: "Nope", by: "sup1", reason: "check", now: later) }
    }

    @Test(arguments: StoreKind.underTest) func correctingToAndFromCompleteMovesQuotaCounts(_ kind: StoreKind) throws {
        let store = try quotaStore(kind)
        try store.record("A", .hardRefusal, at: morning)
        let up = try store.correctDisposition(id: "A", to: "1.1", by: "sup1", reason: "recording shows a complete", now: later)
        #expect(up.before == "final 2.11 refusal")
        #expect(up.after == "final 1.1 complete interview")
        var detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.finalDisposition == .complete)
        #expect(detail.status == .complete)
        #expect(detail.finalRule == "corrected by sup1: 2.11 → 1.1 (recording shows a complete)")
        #expect(try completes(store) == 1)
        #expect(try store.caseDetail(id: "B")?.withheldByQuota == true)
        #expect(try store.statusCounts(now: later).byDisposition[.complete] == 1)

        let down = try store.correctDisposition(id: "A", to: "4.10", by: "sup2", reason: "out of scope after all", now: later.addingTimeInterval(60))
        #expect(down.before == "final 1.1 complete interview")
        detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.status == .finalNonInterview)
        #expect(detail.audit.map(\.by) == ["sup1", "sup2"])
        #expect(try completes(store) == 0)
        #expect(try store.caseDetail(id: "B")?.withheldByQuota == false)
    }

    @Test(arguments: StoreKind.underTest) func correctingRefusesUnknownAndUnchangedCodes(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "Open"])
        try store.record("A", .hardRefusal, at: morning)
        do {
            try store.correctDisposition(id: "A", to: "9.99", by: "sup1", reason: "typo", now: later)
            Issue.record("an unknown code was accepted")
        } catch let error as CaseStoreError {
            #expect(error.description.contains("case 'A' was not changed: '9.99' is not an AAPOR code"))
            #expect(error.description.contains("1.1, 1.2, 2.11"))
        }
        do {
            try store.correctDisposition(id: "A", to: "2.11", by: "sup1", reason: "typo", now: later)
            Issue.record("a correction to the same code was accepted")
        } catch CaseStoreError.sameDisposition(let id, let d) {
            #expect(id == "A")
            #expect(d == .refusal)
        }
        #expect(throws: CaseStoreError.self) {
            try store.correctDisposition(id: "Open", to: "1.1", by: "sup1", reason: "typo", now: later)
        }
        #expect(try store.caseDetail(id: "A")?.finalDisposition == .refusal)
        #expect(try store.caseDetail(id: "A")?.audit.isEmpty == true)
    }

    @Test(arguments: StoreKind.underTest) func assignLeasesToTheInterviewerAndRefusesSomeoneElsesLease(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B"])
        let entry = try store.assignCase(id: "A", to: "int8", by: "sup1", reason: "speaks Welsh", now: morning)
        #expect(entry.before == "not leased")
        #expect(entry.after == "leased to int8 until 2025-10-20T09:30:00Z")
        let detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.leaseHolder == "int8")
        #expect(detail.audit == [entry])
        #expect(try store.nextCase(for: "int9", now: later)?.caseID == "B")

        do {
            try store.assignCase(id: "A", to: "int9", by: "sup1", reason: "swap", now: later)
            Issue.record("a case under int8's lease was assigned to int9")
        } catch CaseStoreError.leasedByAnother(let id, let holder) {
            #expect(id == "A")
            #expect(holder == "int8")
        }
        #expect(try store.caseDetail(id: "A")?.audit.count == 1)
        try store.record("B", .hardRefusal, at: later, by: "int9")
        #expect(throws: CaseStoreError.self) { try store.assignCase(id: "B", to: "int9", by: "sup1", reason: "again", now: later) }
    }

    @Test(arguments: StoreKind.underTest) func theAuditTableIsAppendOnly(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.assignCase(id: "A", to: "int8", by: "sup1", reason: "speaks Welsh", now: morning)
        #expect(throws: (any Error).self) { try executeBehindTheStoresBack(store, sql: "DELETE FROM case_audit") }
        #expect(throws: (any Error).self) { try executeBehindTheStoresBack(store, sql: "UPDATE case_audit SET reason = 'x'") }
        #expect(try store.caseDetail(id: "A")?.audit.map(\.reason) == ["speaks Welsh"])
    }
}

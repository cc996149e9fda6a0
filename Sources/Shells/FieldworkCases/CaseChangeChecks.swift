import FieldworkBasics
import Foundation

/// What every case store checks before changing a case, and the words its audit trail uses:
/// shared by `SQLiteCaseStore` and `PostgresCaseStore`, so both refuse the same changes with the
/// same messages and describe them alike. Pure: rows in, errors or text out.
enum CaseChangeChecks {
    /// Refuses a final case, a case of an unreleased replicate, and one under someone else's running lease.
    static func checkWorkable(_ row: CaseRow, by interviewer: String, at t: Double) throws {
        if let code = row.finalCode { throw CaseStoreError.caseIsFinal(row.id, .forCode(code)) }
        if !row.released { throw CaseStoreError.caseNotReleased(row.id, replicate: row.replicate) }
        if let holder = row.leaseHolder, holder != interviewer, let expires = row.leaseExpires, expires > t {
            throw CaseStoreError.leasedByAnother(caseID: row.id, holder: holder)
        }
    }

    /// The supervisor's name and reason, trimmed; refused (`auditDetailMissing`) when either is empty.
    static func checkedAuditDetails(caseID: String, by: String, reason: String) throws -> (by: String, reason: String) {
        let by = by.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !by.isEmpty else { throw CaseStoreError.auditDetailMissing(caseID: caseID, what: "the supervisor's name (--by)") }
        guard !reason.isEmpty else { throw CaseStoreError.auditDetailMissing(caseID: caseID, what: "a reason (--reason)") }
        return (by, reason)
    }

    /// Refuses a case under an unexpired lease held by anyone but `by`.
    static func checkNotLeasedByAnother(_ row: CaseRow, by: String, at t: Double) throws {
        if let holder = row.leaseHolder, holder != by, let expires = row.leaseExpires, expires > t {
            throw CaseStoreError.leasedByAnother(caseID: row.id, holder: holder)
        }
    }

    /// The case's lease in words for the audit trail: not leased, leased until, or expired at.
    static func leaseText(_ row: CaseRow, at t: Double) -> String {
        guard let holder = row.leaseHolder, let expires = row.leaseExpires else { return "not leased" }
        return expires > t ? "leased to \(holder) until \(iso(expires))" : "lease to \(holder) expired at \(iso(expires))"
    }

    /// An instant as an ISO 8601 UTC time stamp, as the audit trail writes it.
    static func iso(_ t: Double) -> String {
        UTCTimestamp.text(secondsSince1970: t)
    }

    /// The rule of the latest final code: a case reopened and finalised again (or corrected) shows
    /// the rule of its last finalisation, whether a call or a code given without one.
    static func latestFinalRule(finalisations: [CaseFinalisation], attempts: [CallAttempt]) -> String? {
        let call = attempts.last(where: { $0.finalDisposition != nil })
        guard let given = finalisations.last else { return call?.dispositionRule }
        guard let call, call.at > given.at else { return given.rule }
        return call.dispositionRule
    }
}

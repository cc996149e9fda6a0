import FieldworkBasics
import Foundation

/// What supervisors and the console do with a case store beyond calling: audited changes to a case,
/// the appointments list and its changes, the call history, interviewer states, replicates and
/// preload values. Both stores implement it (`SQLiteCaseStore`, `PostgresCaseStore`) with the same
/// behaviour; the rules themselves live in pure types (`CallTransition`, `InterimDisposition`,
/// `AppointmentListing`, `SupervisorSnapshot`), and each store only reads and writes rows.
///
/// Every change needs a non-empty supervisor name and reason (`auditDetailMissing`) and writes one
/// row to the case's append-only audit trail in the same transaction.
public protocol CaseAdministration: CaseStore {
    // MARK: Audited changes

    /// Ends the lease on a case, whoever holds it. Refused (`caseNotLeased`) when nobody holds it.
    @discardableResult
    func releaseCase(id: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry

    /// Takes a final case back into fieldwork as a retry due now, its interim code recomputed.
    @discardableResult
    func reopenCase(id: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry

    /// Replaces a final case's code with another code the store knows.
    @discardableResult
    func correctDisposition(id: String, to code: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry

    /// Leases an open case to `interviewer` so their next session opens it.
    @discardableResult
    func assignCase(id: String, to interviewer: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry

    // MARK: Appointments

    /// Active appointments on open cases, oldest first; only those booked by `bookedBy` when given;
    /// without `includeLater`, only those overdue, due now or later today.
    func appointmentListings(now: Date, bookedBy: String?, includeLater: Bool) throws -> [AppointmentListing]

    /// Books an appointment on an open case for a supervisor (replacing any booked one), audited.
    @discardableResult
    func bookAppointment(caseID: String, appointment: Appointment, by supervisor: String, reason: String,
                         now: Date) throws -> CaseAuditEntry

    /// Moves a case's booked appointment, audited. Refused without one.
    @discardableResult
    func moveAppointment(caseID: String, to appointment: Appointment, by supervisor: String, reason: String,
                         now: Date) throws -> CaseAuditEntry

    /// Cancels a case's booked appointment, audited; the case goes back to the ordinary queue, due now.
    @discardableResult
    func cancelAppointment(caseID: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry

    // MARK: Calls and interviewers

    /// Every call matching `filter`, in time order (ties by case id and call number).
    func callHistory(_ filter: CallHistoryFilter) throws -> [CallHistoryRow]

    /// Calls from `from` (inclusive) to `to` (exclusive) counted by interviewer and outcome.
    func callOutcomeCounts(from: Date, to: Date) throws -> [String: [String: Int]]

    /// Each released case called at or after `since`, with its final code, or its interim code while open.
    func currentCodes(ofCasesCalledSince since: Date) throws -> [String: String]

    /// Completes per quota cell against its target, in rule and cell order.
    func quotaFill() throws -> [SupervisorSnapshot.QuotaCell]

    /// Appends one interviewer state change.
    func recordInterviewerState(_ change: InterviewerStateChange) throws

    /// State changes at or after `since`, oldest first, plus each interviewer's last change before it.
    func interviewerStateChanges(since: Date) throws -> [InterviewerStateChange]

    // MARK: Replicates

    /// Imports the sample; with a `replicate` number the new cases wait until the replicate is released.
    func importCases(_ sample: ParsedSample, replicate: Int?, now: Date) throws -> ImportSummary

    /// Releases every unreleased case of `replicate`, recording who, when, why and how many.
    @discardableResult
    func releaseReplicate(_ replicate: Int, by supervisor: String, reason: String, now: Date) throws -> ReplicateRelease

    /// Each replicate's size and released count, by replicate number.
    func replicateSummaries() throws -> [ReplicateSummary]

    /// Every replicate release, oldest first.
    func replicateReleases() throws -> [ReplicateRelease]

    // MARK: Preload values

    /// Whether a case with exactly this id is stored.
    func containsCase(id: String) throws -> Bool

    /// Stores a checked preload file in one transaction; returns how many cases got values.
    @discardableResult
    func storePreload(_ preload: ParsedPreload, now: Date) throws -> Int

    /// A case's preload values by name; empty when it has none (or no such case).
    func preloadValues(caseID: String) throws -> [String: String]

    /// Preload values of each of `ids` that has any, by case id then name.
    func preloadValues(ids: [String]) throws -> [String: [String: String]]
}

extension CaseAdministration {
    /// Today's appointments (overdue, due, later today) from anyone.
    public func appointmentListings(now: Date) throws -> [AppointmentListing] {
        try appointmentListings(now: now, bookedBy: nil, includeLater: false)
    }

    /// Appointments from anyone, with those after today when `includeLater`.
    public func appointmentListings(now: Date, includeLater: Bool) throws -> [AppointmentListing] {
        try appointmentListings(now: now, bookedBy: nil, includeLater: includeLater)
    }

    /// Every call.
    public func callHistory() throws -> [CallHistoryRow] {
        try callHistory(CallHistoryFilter())
    }

    /// The console's figures at `now` (see `SupervisorSnapshot`), made from the store's reads.
    public func supervisorSnapshot(now: Date) throws -> SupervisorSnapshot {
        let dayStart = rules.day(containing: now).start
        let states = try interviewerStateChanges(since: dayStart)
        let calls = try callOutcomeCounts(from: dayStart, to: now.addingTimeInterval(1))
        let codes = try currentCodes(ofCasesCalledSince: dayStart)
        let appointments = try appointmentListings(now: now, bookedBy: nil, includeLater: true)
        return SupervisorSnapshot.make(now: now, dayStart: dayStart, states: states, callCounts: calls, codeOfCase: codes,
                                       quotaCells: try quotaFill(), appointments: appointments)
    }
}

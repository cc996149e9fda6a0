import FieldworkBasics
import Foundation

/// Case management storage, kept narrow so a server database can replace SQLite later.
///
/// Every operation that depends on the time takes `now`, so tests and replays control the clock.
/// Implementations must make `nextCase` atomic across processes: two sessions never get the same case.
public protocol CaseStore: Sendable {
    /// The calling rules this store schedules by.
    var rules: SchedulingRules { get }

    /// Adds checked sample cases in one transaction. Cases already stored with identical fields are
    /// skipped; a stored id with different fields fails the whole import (`SampleImportError`).
    func importCases(_ sample: ParsedSample, now: Date) throws -> ImportSummary

    /// Picks the case `interviewer` should call now and leases it to them, or nil when nothing is callable.
    func nextCase(for interviewer: String, now: Date) throws -> CaseLease?

    /// Leases the named case to `interviewer` for `rules.leaseMinutes`, whatever the scheduler would
    /// offer (an interview opened on a chosen case). Asking again renews the lease.
    /// Throws `unknownCase`, `caseIsFinal`, or `leasedByAnother` while someone else's lease runs.
    func leaseCase(id: String, interviewer: String, now: Date) throws -> CaseLease

    /// Extends a lease the interviewer holds; returns the new expiry.
    func renewLease(caseID: String, interviewer: String, now: Date) throws -> Date

    /// Gives a leased case back without recording a call (e.g. the interviewer skipped it).
    func releaseLease(caseID: String, interviewer: String, now: Date) throws

    /// Records a call, moves the case to its next status and clears the lease.
    func recordAttempt(_ attempt: CallAttemptInput, now: Date) throws -> AttemptResult

    /// Books an appointment without a call (e.g. a supervisor acting on an email).
    func setAppointment(caseID: String, appointment: Appointment, setBy: String, now: Date) throws

    /// Full record of one case, or nil when the id is unknown.
    func caseDetail(id: String) throws -> CaseDetail?

    /// Counts by status and disposition, leases and today's appointments.
    func statusCounts(now: Date) throws -> StatusCounts

    /// Finalises every open case with its interim code (see `InterimDisposition`), recording the rule.
    /// Refused while cases are leased, and when the wave was closed before unless `again`.
    func closeWave(now: Date, again: Bool) throws -> WaveClosing

    /// The earliest active appointment on an open case that nobody is calling at `now` (overdue
    /// ones included, so a missed appointment is not hidden), or nil when none is booked.
    func nextAppointment(now: Date) throws -> UpcomingAppointment?
}

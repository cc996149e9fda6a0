import FieldworkBasics
import Foundation
/// Failures of case-store operations, each with a message saying what to do.
public enum CaseStoreError: Error, Sendable, CustomStringConvertible {
    case unknownCase(String)
    case caseIsFinal(String, AAPORDisposition)
    case leasedByAnother(caseID: String, holder: String)
    case notLeaseHolder(caseID: String, interviewer: String)
    case appointment(AppointmentProblem)
    case invalidConfiguration(String)
    case invalidInterviewer(String)
    case invalidClock(String)
    case database(String)
    /// The wave was closed before (at that instant); closing again needs `again`.
    case waveAlreadyClosed(at: Date)
    /// Closing the wave found cases being called right now.
    case casesUnderLease([LeaseHolding])
    /// A supervisor's change came without who made it or why (`what` is `--by` or `--reason`).
    case auditDetailMissing(caseID: String, what: String)
    /// Reopening or correcting a case that is still open.
    case caseNotFinal(String, CaseStatus)
    /// Releasing a case nobody holds.
    case caseNotLeased(String)
    /// A correction to a code outside `AAPORDisposition.all`.
    case unknownDisposition(caseID: String, code: String)
    /// A correction to the code the case already has.
    case sameDisposition(caseID: String, AAPORDisposition)
    /// A case whose sample replicate has not been released yet.
    case caseNotReleased(String, replicate: Int?)
    /// A replicate number below 1.
    case invalidReplicate(Int)
    /// Releasing a replicate with no unreleased cases (never imported, or released before).
    case noUnreleasedCases(replicate: Int, alreadyReleased: Int)
    /// Moving or cancelling an appointment on a case that has none.
    case noActiveAppointment(String)

    public var description: String {
        switch self {
        case .unknownCase(let id): "no case with id '\(id)'; check the id or import the sample"
        case .caseIsFinal(let id, let d): "case '\(id)' is already finalised (\(d)); it cannot be called again"
        case .leasedByAnother(let id, let holder): "case '\(id)' is being worked by \(holder); wait for them to finish or for the lease to expire"
        case .notLeaseHolder(let id, let who): "\(who) does not hold the lease on case '\(id)'"
        case .appointment(let problem): "appointment refused: \(problem)"
        case .invalidConfiguration(let message): "invalid scheduling rules: \(message)"
        case .invalidInterviewer(let message): message
        case .invalidClock(let message): message
        case .database(let message): "case database error: \(message)"
        case .waveAlreadyClosed(let at):
            "the wave was already closed at \(UTCTimestamp.text(secondsSince1970: at.timeIntervalSince1970)); run close-wave with --again to finalise cases opened since"
        case .casesUnderLease(let holdings):
            "cannot close the wave: \(holdings.count) case(s) are being called now ("
                + holdings.prefix(10).map { "\($0.caseID) by \($0.holder)" }.joined(separator: ", ")
                + (holdings.count > 10 ? ", …" : "")
                + "); wait for those calls to be recorded or for their leases to expire, then run it again"
        case .auditDetailMissing(let id, let what):
            "case '\(id)' was not changed: \(what) is required, because every change is written to the case's audit trail"
        case .caseNotFinal(let id, let status):
            "case '\(id)' is not final (status \(status.rawValue)); only a final case can be reopened or have its code corrected"
        case .caseNotLeased(let id):
            "case '\(id)' is not leased to anyone; there is nothing to release"
        case .unknownDisposition(let id, let code):
            "case '\(id)' was not changed: '\(code)' is not an AAPOR code fieldwork knows; use one of "
                + AAPORDisposition.all.map(\.code).joined(separator: ", ")
        case .sameDisposition(let id, let d):
            "case '\(id)' already has the final code \(d); nothing to correct"
        case .caseNotReleased(let id, let replicate):
            "case '\(id)' belongs to sample replicate \(replicate.map(String.init) ?? "?"), which has not been released; "
                + "release it first with `fieldwork cases release --replicate \(replicate.map(String.init) ?? "N") --by NAME --reason TEXT`"
        case .invalidReplicate(let n):
            "replicate \(n) is not valid; replicates are numbered from 1"
        case .noUnreleasedCases(let n, let already):
            already > 0
                ? "replicate \(n) was already released (\(already) case(s)); nothing to release"
                : "no case was imported in replicate \(n); import it with `fieldwork cases import SAMPLE.csv --replicate \(n)`"
        case .noActiveAppointment(let id):
            "case '\(id)' has no booked appointment; book one with `fieldwork cases book \(id) --at YYYY-MM-DDTHH:MM …`"
        }
    }
}

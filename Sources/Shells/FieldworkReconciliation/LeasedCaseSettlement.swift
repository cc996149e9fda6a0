import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import Foundation

/// A case handed out is first brought up to date with its journal, before anyone works it.
///
/// An interviewer's process can die (a kill, a power cut) after the journal recorded how an
/// interview ended — completed, closed at an `end` item, broken off — and before the case store
/// recorded the call. When the lease runs out the case is handed out again. Without this step the
/// next interviewer would see a case with no sign of the finished interview, could not interview
/// it ("already complete"), and might record a no-answer or a refusal that gives it another final
/// code — one `verify --repair` must then leave to a supervisor. The soak test (docs/hardening.md)
/// found exactly that.
///
/// So the session asks here first: the journal's endings are matched against the store's calls by
/// the rules `verify` uses (`JournalStoreReconciliation`), and each ending no call records is
/// recorded now, as `verify --repair` would record it, by the interviewer holding the lease (the
/// store accepts calls only from the holder), with a note naming who ended the interview and when.
/// Recording a call ends the lease, so the session goes on to the next case.
public enum LeasedCaseSettlement {
    /// One ending recorded from the journal.
    public struct Recorded: Sendable, Hashable {
        public var caseID: String
        public var outcome: CallOutcome
        public var rule: String
        public var status: CaseStatus
        public var finalCode: String?
    }

    /// Records the leased case's journal endings the store lacks; empty when they agree (the usual
    /// case) or when the journal cannot say what to record (a refusal of unknown kind: the case is
    /// worked, and `verify` reports it).
    public static func settle(_ lease: CaseLease, journals: any JournalStore, store: any SurveyCaseStore,
                              instrument: Instrument?, now: Date) throws -> [Recorded] {
        let history = try journals.history(caseID: lease.caseID)
        let endings = SittingEnding.all(in: history)
        guard !endings.isEmpty, var calls = try store.caseCalls(id: lease.caseID) else { return [] }
        var recorded: [Recorded] = []
        for ending in JournalStoreReconciliation.unrecorded(endings, outcomes: calls.outcomes).unrecorded {
            guard calls.finalCode == nil,
                  let (outcome, rule) = JournalStoreReconciliation.plan(ending, history: history, calls: calls,
                                                                       instrument: instrument, rules: store.rules,
                                                                       recordedBy: "journal on lease") else { break }
            let who = ending.interviewer.isEmpty ? "an interviewer" : ending.interviewer
            let result = try store.recordAttempt(CallAttemptInput(
                caseID: lease.caseID, interviewer: lease.interviewer, outcome: outcome,
                note: "recorded from the journal when the case was next handed out: \(who) ended the interview at \(JournalTimestamp.format(ending.at)) and the call was not recorded",
                dispositionRule: rule), now: now)
            recorded.append(Recorded(caseID: lease.caseID, outcome: outcome, rule: rule, status: result.status,
                                     finalCode: result.finalDisposition?.code))
            calls.outcomes.append(outcome.rawValue)
            calls.finalCode = result.finalDisposition?.code
        }
        return recorded
    }

    /// The session screen's line for what was recorded: "Case B7: its journal holds an interview
    /// the case store had not recorded; recorded interview-complete (1.1)."
    public static func message(_ recorded: [Recorded]) -> String? {
        guard let last = recorded.last else { return nil }
        let outcomes = recorded.map { $0.outcome.rawValue }.joined(separator: ", ")
        return "Case \(last.caseID): its journal holds an interview ending the case store had not recorded; recorded \(outcomes)"
            + (last.finalCode.map { " (\($0))" } ?? "") + "."
    }
}

import FieldworkCases
import Foundation

/// Writes an interviewer's state changes to the case store (`interviewer_states`, in cases.sqlite or
/// in the survey's schema on PostgreSQL: any `CaseAdministration`) for one session:
/// only real changes (a state or case different from the last one written), each a short write.
/// A failed write never stops the session: the supervisor's view is only ever behind, never wrong.
public final class InterviewerStateLog: @unchecked Sendable {
    private let store: any CaseAdministration
    private let interviewer: String
    private let session: String
    private var last: (state: InterviewerState, caseID: String?)?
    /// The last write that failed, for diagnosis.
    public private(set) var lastProblem: String?

    public init(store: any CaseAdministration, interviewer: String, session: String) {
        self.store = store
        self.interviewer = interviewer
        self.session = session
    }

    /// Records `state` (with the case held) unless it is the state and case already recorded.
    public func enter(_ state: InterviewerState, caseID: String?, at: Date) {
        if let last, last.state == state, last.caseID == caseID { return }
        do {
            try store.recordInterviewerState(InterviewerStateChange(interviewer: interviewer, state: state, at: at,
                                                                    caseID: caseID, session: session))
            last = (state, caseID)
        } catch {
            lastProblem = String(describing: error)
        }
    }
}

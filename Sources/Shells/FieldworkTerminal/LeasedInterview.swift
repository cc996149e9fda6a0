import FieldworkCases
import FieldworkEngine
import FieldworkScreen
import Foundation

/// One interview on a named case outside a session (`fieldwork interview`), kept to the same
/// record as a session's: the case is leased from the case store first (refused while someone
/// else holds it), the lease is renewed while the interview runs, and how the interview ends is
/// recorded as the call, with its disposition, exactly as the session records it.
public final class LeasedInterview {
    /// What became of the case.
    public enum Result: Sendable, Equatable {
        /// The call was recorded; the case is in `result.status`.
        case recorded(CallAttemptInput, AttemptResult)
        /// The interviewer left the interview; nothing recorded, the lease given back.
        case left
        /// Hang-up or termination; the lease given back.
        case shutdown(reason: String)
        /// The store refused the call; the lease is given back and the reason says what to do.
        case notRecorded(String)
    }

    public let store: any CaseStore
    public let interviewer: String
    private let clock: @Sendable () throws -> Date
    private let classify: (AnsweredShare) -> (outcome: CallOutcome, rule: String)
    private let refusalIsHard: () -> Bool
    private let renewInterval: TimeInterval

    /// `refusalIsHard` asks the interviewer, after the screen has closed, whether a refusal was
    /// soft or hard (the session asks on its case screen).
    public init(store: any CaseStore, interviewer: String, clock: @escaping @Sendable () throws -> Date,
                classify: @escaping (AnsweredShare) -> (outcome: CallOutcome, rule: String),
                refusalIsHard: @escaping () -> Bool, renewInterval: TimeInterval? = nil) {
        self.store = store
        self.interviewer = interviewer
        self.clock = clock
        self.classify = classify
        self.refusalIsHard = refusalIsHard
        self.renewInterval = renewInterval ?? max(10, Double(store.rules.leaseMinutes * 60) / 3)
    }

    /// Leases the case (throwing `CaseStoreError` when it cannot be had), runs the interview that
    /// `open` prepares for the lease, and records its ending.
    public func run(caseID: String, open: (CaseLease) throws -> InterviewTerminalSession) throws -> Result {
        let lease = try store.leaseCase(id: caseID, interviewer: interviewer, now: try clock())
        let keeper = SessionLeaseKeeper(store: store, caseID: lease.caseID, interviewer: interviewer,
                                        interval: renewInterval, clock: clock)
        defer { keeper.stop() }
        let ending: InterviewTerminalSession.Ending
        do {
            ending = try open(lease).run()
        } catch {
            release(lease)
            throw error
        }
        switch SessionInterviewOutcome.after(ending, classify: classify) {
        case .record(let outcome, let rule):
            return record(CallAttemptInput(caseID: caseID, interviewer: interviewer, outcome: outcome,
                                           note: "interview", dispositionRule: rule), lease: lease)
        case .book(let appointment, let note, let purpose):
            let outcome = SessionInterviewOutcome.outcome(purpose: purpose, kind: appointment.kind)
            return record(CallAttemptInput(caseID: caseID, interviewer: interviewer, outcome: outcome,
                                           note: note, appointment: appointment), lease: lease)
        case .askRefusalKind:
            let outcome: CallOutcome = refusalIsHard() ? .hardRefusal : .softRefusal
            return record(CallAttemptInput(caseID: caseID, interviewer: interviewer, outcome: outcome, note: "interview stopped as a refusal",
                                           dispositionRule: "interviewer judged the refusal \(outcome == .hardRefusal ? "hard" : "soft")"),
                          lease: lease)
        case .backToCase:
            release(lease)
            return .left
        case .shutdown(let reason):
            release(lease)
            return .shutdown(reason: reason)
        }
    }

    private func record(_ input: CallAttemptInput, lease: CaseLease) -> Result {
        do {
            return .recorded(input, try store.recordAttempt(input, now: try clock()))
        } catch {
            release(lease)
            return .notRecorded(SessionLoop.describe(error))
        }
    }

    private func release(_ lease: CaseLease) {
        try? store.releaseLease(caseID: lease.caseID, interviewer: interviewer, now: (try? clock()) ?? Date())
    }
}

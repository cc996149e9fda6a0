import Foundation

/// What an interviewer is doing, as `fieldwork session` records it at each real change
/// (`interviewer_states`, append-only) and the supervisor's console shows it.
public enum InterviewerState: String, Sendable, Hashable, Codable, CaseIterable {
    /// The session started.
    case signedIn = "signed-in"
    /// No case to call: the session waits for one (nothing due, or outside calling hours).
    case waiting
    /// A case is on the screen: the interviewer is dialling and recording the call outcome.
    case dialling
    /// The interview is open.
    case interviewing
    /// After a call: the interviewer finishes notes before the next case.
    case wrapUp = "wrap-up"
    /// On a break: no case is offered and an interview's clock does not run.
    case onBreak = "break"
    /// The session ended.
    case signedOut = "signed-out"

    /// Words for the console.
    public var label: String {
        switch self {
        case .signedIn: "signed in"
        case .waiting: "waiting"
        case .dialling: "dialling"
        case .interviewing: "interviewing"
        case .wrapUp: "wrap-up"
        case .onBreak: "break"
        case .signedOut: "signed out"
        }
    }
}

/// One recorded change of an interviewer's state.
public struct InterviewerStateChange: Sendable, Hashable, Codable {
    public var interviewer: String
    public var state: InterviewerState
    public var at: Date
    /// The case held at the change, if any.
    public var caseID: String?
    /// The session that recorded it (its process id and start), so two sessions of one name stay apart.
    public var session: String

    public init(interviewer: String, state: InterviewerState, at: Date, caseID: String? = nil, session: String) {
        self.interviewer = interviewer
        self.state = state
        self.at = at
        self.caseID = caseID
        self.session = session
    }
}

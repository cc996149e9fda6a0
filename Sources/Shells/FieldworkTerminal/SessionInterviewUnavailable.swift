/// Why the session could not open a case's interview.
public enum SessionInterviewUnavailable: Error, Sendable, CustomStringConvertible {
    /// Another process holds the case's journal (someone runs `fieldwork interview` on it): the
    /// session gives the case back and moves on.
    case caseLocked(String)
    /// Anything else (questionnaire errors, disk problems): shown on the case screen.
    case failed(String)

    public var description: String {
        switch self {
        case .caseLocked(let message), .failed(let message): message
        }
    }
}

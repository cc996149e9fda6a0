/// How a simulated question was answered, as the simulation report counts it.
public enum SimulatedAnswerKind: UInt8, Sendable, Hashable {
    /// Shown but never answered: the interview got stuck there.
    case unanswered
    /// An answer from the question's domain (for grids: even with don't know in some rows).
    case given
    case dontKnow
    case refused

    init(_ response: Response) {
        switch response {
        case .dontKnow: self = .dontKnow
        case .refused: self = .refused
        default: self = .given
        }
    }
}

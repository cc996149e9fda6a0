/// The order in which a question's options, or a section's questions, are put in front of the
/// respondent. The order is drawn per interview from the interview's seed, so it is the same
/// every time the interview is replayed.
public enum PresentationOrder: String, Sendable, Hashable, CaseIterable {
    /// As written in the questionnaire.
    case asWritten = "fixed"
    /// A fresh random permutation per interview (and per loop pass).
    case random
    /// The written sequence, started at a random place and wrapped around.
    case rotate

    /// Whether the order depends on the interview's seed.
    public var isDrawn: Bool { self != .asWritten }
}

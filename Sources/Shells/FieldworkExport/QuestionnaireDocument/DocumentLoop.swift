/// A loop as printed: where it starts ("For each option chosen at crimes (Q10)") and ends.
public struct DocumentLoop: Sendable, Equatable {
    public var id: String
    /// What one pass is: "For each option chosen at crimes (Q10)" or "Repeated once for each of
    /// the number given at p_nsites (Q14), at most 5 times".
    public var repetition: String
    /// The loop's own condition, in words; empty when every pass is made.
    public var routing: [String]
    /// Loops around this one (0 for an outermost loop).
    public var loopDepth: Int
}

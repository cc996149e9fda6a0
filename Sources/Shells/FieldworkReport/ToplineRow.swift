/// One line of a topline: an option (or don't know, refused) with its unweighted count and its
/// percentage of the question's base, weighted beside it when weights exist.
public struct ToplineRow: Encodable, Sendable, Equatable {
    /// The option's code; null for a multiple-choice option column (its row is the option itself).
    @NullIfAbsent public var code: Double?
    public var label: String
    public var count: Int
    @NullIfAbsent public var percent: Double?
    @NullIfAbsent public var weightedPercent: Double?
}

/// One quota cell: its target, the completes counted against it in the case store, and what is left.
public struct QuotaCellFigure: Encodable, Sendable, Equatable {
    public var rule: String
    public var cell: String
    /// Null for a cell without a target (unlimited).
    @NullIfAbsent public var target: Int?
    public var achieved: Int
    /// target − achieved, never below 0; null without a target.
    @NullIfAbsent public var remaining: Int?

    public init(rule: String, cell: String, target: Int?, achieved: Int) {
        self.rule = rule
        self.cell = cell
        self.target = target
        self.achieved = achieved
        remaining = target.map { max(0, $0 - achieved) }
    }
}

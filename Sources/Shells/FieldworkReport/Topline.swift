/// The answers to one question (one column for a single choice, a grid item, a number; the option
/// columns together for a multiple choice) over completed interviews.
public struct Topline: Encodable, Sendable, Equatable {
    public enum Kind: String, Encodable, Sendable {
        case single, multiple, gridItem = "grid item", number, text, date
    }

    /// The export variable, or for a multiple choice the question id (with the loop suffix).
    public var variable: String
    public var question: String
    public var label: String
    public var kind: Kind
    /// Completed interviews asked this question (answered, don't know or refused).
    public var base: Int
    @NullIfAbsent public var weightedBase: Double?
    /// Options with counts and percentages of the base (a multiple choice's can add up to more than 100).
    public var rows: [ToplineRow]
    public var dontKnow: ToplineRow
    public var refused: ToplineRow
    /// For numbers.
    @NullIfAbsent public var numbers: NumberSummary?
}

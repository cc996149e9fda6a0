/// A question as printed: its number, names, the words read out (fills as placeholders), the
/// interviewer's instruction, who is asked, what answer is taken and which checks run on it.
public struct DocumentQuestion: Sendable, Equatable {
    /// Q-number; nil for statements, which record nothing.
    public var number: Int?
    public var id: String
    /// "single choice", "multiple choice", "whole number" …
    public var typeName: String
    /// The export variables, when they differ from the id (one per option of a multiple choice,
    /// one per grid row, specify texts, loop suffixes); empty when the id is the only one.
    public var exportNames: [String]
    /// The text read aloud, with fills as `[placeholders]`.
    public var text: String
    /// For the interviewer only; nil when there is none.
    public var instruction: String?
    /// Who is asked, in words: the loop it repeats in and its own condition.
    public var routing: [String]
    /// What answer is taken: kind, limits, units, number of choices.
    public var answerRules: [String]
    public var options: [DocumentOption]
    public var gridRows: [DocumentGridRow]
    /// Whether and under which codes don't know and refused may be recorded; nil for statements.
    public var missingValues: String?
    public var checks: [DocumentCheck]
    /// Loops around the question (0 outside loops).
    public var loopDepth: Int
    /// False when the text is for the interviewer only (`"readAloud": false`), so it is printed
    /// as such rather than as words to read out.
    public var readAloud: Bool = true

    /// "Q12" or nil for statements.
    public var numberLabel: String? { number.map { "Q\($0)" } }
}

/// An `end` item as printed: the outcome the interview ends with, when, and the closing words.
public struct DocumentEnding: Sendable, Equatable {
    public var id: String
    /// The outcome as the questionnaire names it ("ceased-trading").
    public var outcome: String
    /// The outcome in words ("ceased trading: not eligible").
    public var outcomeLabel: String
    /// The condition in words; nil when every interview reaching it ends there.
    public var condition: String?
    /// Read aloud before closing, fills as placeholders.
    public var closingWords: String?
    public var instruction: String?
    public var loopDepth: Int

    /// "END THE INTERVIEW — outcome: … — if …".
    public var sentence: String {
        var s = "END THE INTERVIEW \u{2014} outcome: \(outcomeLabel) (\(outcome))"
        s += condition.map { " \u{2014} if \($0)" } ?? " \u{2014} always, when reached"
        return s
    }
}

/// The routing of one option of a question, in words: an option with a `showIf` is offered only
/// to some respondents, so its count (and a multiple-choice column's 0) means "not chosen" only
/// among those it was offered to. Taken from the printed questionnaire's wording of the option.
public struct OptionRouting: Sendable, Equatable {
    public var code: Int
    public var label: String
    /// "shown only if s_sitetype is Branch".
    public var condition: String

    public init(code: Int, label: String, condition: String) {
        self.code = code
        self.label = label
        self.condition = condition
    }

    /// "Head office (5): shown only if s_sitetype is Branch".
    public var sentence: String { "\(label) (\(code)): \(condition)" }
}
